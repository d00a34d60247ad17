using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aduan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JitOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL compiles a plan to machine code (JIT) once its cost estimate passes jit_above_cost, which the app's
            // reads pass at millions of reports: at 10M, 282 ms of compiling for a read of 30 ms, again on every run. Off for
            // the database's new sessions. A user that does not own the database may not: then it is left as it is, with a notice.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'jit left as it is: only the database''s owner may turn it off (ALTER DATABASE ... SET jit = off)';
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'jit left as it is: only the database''s owner may reset it';
                END
                $$;
                """);
        }
    }
}
