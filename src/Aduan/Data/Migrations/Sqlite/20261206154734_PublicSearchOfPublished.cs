using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Sqlite
{
    /// <summary>
    /// The public search's FTS5 index holds only the published reports (<c>Publication.IndexFilter</c>, word for word the
    /// condition of the published reports' partial indexes), not every report: the public searches only those, and a new
    /// report is never published, so intake no longer indexes its masked texts (a third of SQLite's own work for a report,
    /// measured by the bench's intake floor). A report enters the index when it is published (verified, dispatched or
    /// referred, and not Confidential) and leaves it when it no longer is; a change of its masked texts while published
    /// replaces its entry. An update that leaves both its texts and whether it is published as they were does not touch the
    /// index. <c>PublicSearchIndexTests</c> compares the index with one built afresh from the published reports.
    /// </summary>
    public partial class PublicSearchOfPublished : Migration
    {
        private const string OldPublished = """
            old."Privacy" <> 'Confidential' AND old."Status" <> 'Submitted' AND old."Status" <> 'Deferred' AND old."Status" <> 'Archived' AND old."Status" <> 'Merged'
            """;

        private const string NewPublished = """
            new."Privacy" <> 'Confidential' AND new."Status" <> 'Submitted' AND new."Status" <> 'Deferred' AND new."Status" <> 'Archived' AND new."Status" <> 'Merged'
            """;

        private const string SameTexts = """old."PublicTitle" IS new."PublicTitle" AND old."PublicText" IS new."PublicText" """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchInsert;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchUpdate;");

            // Emptied, then the published reports indexed as they are now: every later 'delete' then names what was indexed.
            migrationBuilder.Sql("INSERT INTO ComplaintPublicSearch(ComplaintPublicSearch) VALUES ('delete-all');");
            migrationBuilder.Sql($"""
                INSERT INTO ComplaintPublicSearch(rowid, PublicTitle, PublicText)
                    SELECT "Id", "PublicTitle", "PublicText" FROM "Complaints"
                    WHERE {OldPublished.Replace("old.", "", StringComparison.Ordinal)};
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Complaints_PublicSearchInsert AFTER INSERT ON Complaints WHEN {NewPublished} BEGIN
                    INSERT INTO ComplaintPublicSearch(rowid, PublicTitle, PublicText) VALUES (new.Id, new.PublicTitle, new.PublicText);
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Complaints_PublicSearchDelete AFTER DELETE ON Complaints WHEN {OldPublished} BEGIN
                    INSERT INTO ComplaintPublicSearch(ComplaintPublicSearch, rowid, PublicTitle, PublicText)
                        VALUES ('delete', old.Id, old.PublicTitle, old.PublicText);
                END;
                """);

            // One trigger, so the old entry always goes before the new one comes.
            migrationBuilder.Sql($"""
                CREATE TRIGGER Complaints_PublicSearchUpdate AFTER UPDATE OF PublicTitle, PublicText, Status, Privacy ON Complaints
                WHEN ({OldPublished}) OR ({NewPublished}) BEGIN
                    INSERT INTO ComplaintPublicSearch(ComplaintPublicSearch, rowid, PublicTitle, PublicText)
                        SELECT 'delete', old.Id, old.PublicTitle, old.PublicText
                        WHERE ({OldPublished}) AND NOT (({NewPublished}) AND {SameTexts});
                    INSERT INTO ComplaintPublicSearch(rowid, PublicTitle, PublicText)
                        SELECT new.Id, new.PublicTitle, new.PublicText
                        WHERE ({NewPublished}) AND NOT (({OldPublished}) AND {SameTexts});
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER Complaints_PublicSearchInsert;");
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
    }
}
