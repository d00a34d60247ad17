namespace Aduan.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file under the data directory, one app instance.</summary>
    Sqlite,

    /// <summary>A database server shared by several app instances.</summary>
    Postgres,
}

/// <summary>Section <c>Database</c>; the connection string is <c>ConnectionStrings:Aduan</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
