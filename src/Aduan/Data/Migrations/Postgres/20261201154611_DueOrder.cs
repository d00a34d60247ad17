using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueOrder",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Existing reports: their next deadline, or the end of time (DateTimeOffset.MaxValue).
            migrationBuilder.Sql("""UPDATE "Complaints" SET "DueOrder" = COALESCE("NextDueAt", '9999-12-31 23:59:59.9999999+00');""");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_DueOrder_Id",
                table: "Complaints",
                columns: new[] { "DueOrder", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_DueOrder_Id",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "DueOrder",
                table: "Complaints");
        }
    }
}
