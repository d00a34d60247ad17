using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaskVersion",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PublicText",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicTitle",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            // The public search's FTS5 index over the masked texts, kept in step by triggers (see ComplaintSearch).
            // Existing reports have no masked texts yet: masking is the app's code, not SQL, so PublicTextRefresh
            // writes them at the first start, and the update trigger indexes them. 'rebuild' indexes the rows as
            // they are now (empty), so that the trigger's 'delete' of the old values matches what was indexed.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ComplaintPublicSearch USING fts5(
                    PublicTitle, PublicText, content='Complaints', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("INSERT INTO ComplaintPublicSearch(ComplaintPublicSearch) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER Complaints_PublicSearchInsert AFTER INSERT ON Complaints BEGIN
                    INSERT INTO ComplaintPublicSearch(rowid, PublicTitle, PublicText) VALUES (new.Id, new.PublicTitle, new.PublicText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Complaints_PublicSearchDelete AFTER DELETE ON Complaints BEGIN
                    INSERT INTO ComplaintPublicSearch(ComplaintPublicSearch, rowid, PublicTitle, PublicText)
                        VALUES ('delete', old.Id, old.PublicTitle, old.PublicText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Complaints_PublicSearchUpdate AFTER UPDATE OF PublicTitle, PublicText ON Complaints BEGIN
                    INSERT INTO ComplaintPublicSearch(ComplaintPublicSearch, rowid, PublicTitle, PublicText)
                        VALUES ('delete', old.Id, old.PublicTitle, old.PublicText);
                    INSERT INTO ComplaintPublicSearch(rowid, PublicTitle, PublicText) VALUES (new.Id, new.PublicTitle, new.PublicText);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Hand-written parts of Up, in reverse.
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchInsert;");
            migrationBuilder.Sql("DROP TABLE ComplaintPublicSearch;");

            // SQLite's own DROP COLUMN: EF Core would rebuild the table, and dropping the old table drops
            // the staff search's triggers (from Initial) with it.
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN MaskVersion;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN PublicText;");
            migrationBuilder.Sql("ALTER TABLE Complaints DROP COLUMN PublicTitle;");
        }
    }
}
