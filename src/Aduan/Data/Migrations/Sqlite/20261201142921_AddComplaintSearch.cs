using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <summary>SQLite FTS5 index over report titles and texts, kept in step by triggers (see ComplaintSearch).</summary>
    public partial class AddComplaintSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ComplaintSearch USING fts5(
                    Title, Text, content='Complaints', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Complaints_SearchInsert AFTER INSERT ON Complaints BEGIN
                    INSERT INTO ComplaintSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Complaints_SearchDelete AFTER DELETE ON Complaints BEGIN
                    INSERT INTO ComplaintSearch(ComplaintSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Complaints_SearchUpdate AFTER UPDATE OF Title, Text ON Complaints BEGIN
                    INSERT INTO ComplaintSearch(ComplaintSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                    INSERT INTO ComplaintSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO ComplaintSearch(ComplaintSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Complaints_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_SearchInsert;");
            migrationBuilder.Sql("DROP TABLE ComplaintSearch;");
        }
    }
}
