using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Support;

/// <summary>
/// Tests of what only SQLite does (its planner, its journals), on an app with a SQLite file of its own whichever provider
/// the suite runs on: started, migrated and seeded before the tests; afterwards the file is removed with its write-ahead
/// log and shared memory.
/// </summary>
public abstract class SqliteFileTests(string name, Action<IServiceCollection>? services = null) : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"aduan-{name}-{Guid.NewGuid():N}.db");

    protected AduanFactory App => field ??= AduanFactory.With(services, ("Database:Provider", "Sqlite"), ("ConnectionStrings:Aduan", $"Data Source={_file}"));

    public virtual Task InitializeAsync()
    {
        _ = App.Services; // starts the app: migrated and seeded
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + "*"))
        {
            File.Delete(file);
        }
    }
}
