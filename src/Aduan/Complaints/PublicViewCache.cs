using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Aduan.Data;
using Aduan.Sla;
using Aduan.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Aduan.Complaints;

/// <summary>Section <c>Aduan:PublicViews</c>.</summary>
public sealed class PublicViewCacheOptions
{
    public const string Section = "Aduan:PublicViews";

    /// <summary>Views kept in memory (a report's, per kind of view and language); 0 keeps none, and every read builds its view.</summary>
    [Range(0, 1_000_000)]
    public int CacheEntries { get; set; } = 10_000;

    /// <summary>
    /// How long a kept view may be shown before it is built again even though its report did not change: a category or
    /// agency renamed on another instance shows by its new name after this and that instance's own directory's minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// What of the report's row a kept view is checked against on every read. Every change to what the public view shows
/// adds to <see cref="Complaint.Version"/> (state, category, agency, privacy, merge, clocks) or to
/// <see cref="Complaint.EventCount"/> (an event); support and the hub's copy are written without either (a bulk update),
/// so they are here themselves.
/// </summary>
public sealed record PublicViewStamp(int Version, int EventCount, int Supporters, string? RemotePeer, string? RemoteId, string? RemoteUrl);

/// <summary>
/// A report's anonymous view as built once, with what the tracking page needs beside it, its JSON, and the tracking page
/// once rendered from it.
/// </summary>
public sealed record KeptPublicView(PublicComplaintView View, byte[] Json, ComplaintStatus Status, PrivacyMode Privacy, int Supporters)
    : IKeepsPage
{
    public KeptPage? Page { get; set; }
}

/// <summary>What a kept value was built from: the value, null when the report has none to show (not published), and its clocks.</summary>
public readonly record struct Built<T>(T? Value, IReadOnlyCollection<SlaClock> Clocks) where T : class;

/// <summary>
/// What anybody may see of a report, kept per (what, code, language) and checked on every read against the report's
/// <see cref="PublicViewStamp"/>, one indexed row: a flood's busiest reads (the status lookup, <c>/lacak</c> without the
/// reporter key, <c>/laporan/{code}</c>) cost that row instead of the report, its clocks and its events read and turned
/// into a view each time. Nothing is invalidated by hand, so a change made by another instance, the CLI or a bulk update
/// is seen on the next read. What the stamp cannot see is bounded in time: a value is built again after
/// <see cref="PublicViewCacheOptions.CacheFor"/>, and before a running deadline passes (it then shows as overdue).
/// Never a reporter's own view (with the key): only what is the same for every reader.
/// </summary>
public sealed class PublicViewCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly PublicViewCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly StampReader _stamps = new();

    public PublicViewCache(IOptions<PublicViewCacheOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _cache = _options.CacheEntries == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.CacheEntries });
    }

    private readonly record struct Key(Type What, string Code, string Language);

    private sealed record Entry(PublicViewStamp Stamp, DateTimeOffset ValidUntil, object? Value)
    {
        /// <summary>Still what the report shows: kept under the stamp just read, and not past its time.</summary>
        public bool IsGood(PublicViewStamp? stamp, DateTimeOffset now) => Stamp == stamp && now < ValidUntil;
    }

    /// <summary>
    /// The kept <typeparamref name="T"/> of the report in the request's language, or <paramref name="build"/>'s; null when
    /// no report has this code or it has nothing to show.
    /// </summary>
    /// <param name="code">A normalized tracking code.</param>
    /// <param name="services">The request's services: the stamp's connection string comes from its database context once.</param>
    /// <param name="build">Reads and builds the value; asked only when none is kept, so it resolves what it needs itself.</param>
    public async Task<T?> GetAsync<T>(string code, IServiceProvider services, Func<CancellationToken, Task<Built<T>>> build,
        CancellationToken ct) where T : class
    {
        if (_cache is null)
        {
            return (await build(ct)).Value;
        }

        var stamp = await _stamps.ReadAsync(code, services, ct);
        if (stamp is null)
        {
            return null;
        }

        var key = new Key(typeof(T), code, CultureInfo.CurrentUICulture.Name);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out Entry? kept) && kept!.IsGood(stamp, now))
        {
            return (T?)kept.Value;
        }

        // Built from what is read now, which may be newer than the stamp read just before: kept under the older stamp, it
        // is built again on the next read, never shown stale.
        var built = await build(ct);
        var validUntil = ValidUntil(built.Clocks, now, _options.CacheFor);
        if (validUntil > now)
        {
            _cache.Set(key, new Entry(stamp, validUntil, built.Value),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = validUntil - now });
        }

        return built.Value;
    }

    /// <summary>Whether this instance keeps anything (<see cref="PublicViewCacheOptions.CacheEntries"/> is not 0).</summary>
    public bool Keeps => _cache is not null;

    /// <summary>
    /// The page rendered from the kept <paramref name="what"/> of the report in the request's language while that view is
    /// still good, else null (nothing kept or no page rendered yet, the report changed or is gone). Never builds: for
    /// serving a kept page before Razor Pages is asked, which builds and renders on a null. No page kept costs nothing;
    /// a page kept costs its view's stamp.
    /// </summary>
    public async Task<KeptPage?> KeptPageAsync(Type what, string code, IServiceProvider services, CancellationToken ct)
    {
        if (_cache is null
            || !_cache.TryGetValue(new Key(what, code, CultureInfo.CurrentUICulture.Name), out Entry? kept)
            || kept!.Value is not IKeepsPage { Page: { } page })
        {
            return null;
        }

        var stamp = await _stamps.ReadAsync(code, services, ct);
        return kept.IsGood(stamp, _time.GetUtcNow()) ? page : null;
    }

    /// <summary>The status view anybody sees (the lookup without the key, <c>/lacak</c> without it), kept or built.</summary>
    public Task<KeptPublicView?> StatusAsync(string code, IServiceProvider services, CancellationToken ct) =>
        GetAsync(code, services, token => services.GetRequiredService<PublicComplaintViews>().BuildKeptAsync(code, token), ct);

    /// <summary>
    /// Drops every kept view in this instance: a category or an agency renamed here shows by its new name at once (other
    /// instances show it after <see cref="PublicViewCacheOptions.CacheFor"/> and their own directory's minute).
    /// </summary>
    public void Clear() => _cache?.Compact(1.0);

    /// <summary>Until <paramref name="cacheFor"/> from now, or until the first running deadline not yet passed, which then turns overdue.</summary>
    public static DateTimeOffset ValidUntil(IEnumerable<SlaClock> clocks, DateTimeOffset now, TimeSpan cacheFor)
    {
        var until = now + cacheFor;
        foreach (var clock in clocks)
        {
            if (clock.IsRunning && !clock.IsOverdue(now) && clock.DueAt < until)
            {
                until = clock.DueAt;
            }
        }

        return until;
    }

    public void Dispose()
    {
        _cache?.Dispose();
        _stamps.Dispose();
    }

    /// <summary>
    /// Reads stamps with a few connections of its own, each keeping its statement prepared: through EF, the read cost
    /// several times the row itself (a context rented, the query looked up, SQLite's statement parsed anew). At most
    /// <see cref="MaxIdle"/> are kept between reads (on PostgreSQL each is one of the pool's connections held); a burst
    /// beyond them opens connections from the provider's pool and returns them after. A kept connection found broken
    /// (a restarted server, a dropped idle session) is dropped and the read tried once more on a fresh one.
    /// </summary>
    private sealed class StampReader : IDisposable
    {
        private const int MaxIdle = 4;

        private const string Sql = """
            SELECT "Version", "EventCount", "Supporters", "RemotePeer", "RemoteId", "RemoteUrl" FROM "Complaints" WHERE "TrackingCode" = @code
            """;

        private readonly ConcurrentQueue<Prepared> _idle = new();
        private int _idleCount;
        private Source? _source;
        private volatile bool _disposed;

        private sealed record Source(DbProviderFactory Factory, string ConnectionString);

        public async Task<PublicViewStamp?> ReadAsync(string code, IServiceProvider services, CancellationToken ct)
        {
            var kept = TakeIdle();
            try
            {
                return await ReadAsync(kept ?? await PrepareAsync(services, ct), code, ct);
            }
            catch (DbException) when (kept is not null && !ct.IsCancellationRequested)
            {
                return await ReadAsync(await PrepareAsync(services, ct), code, ct);
            }
        }

        private async Task<PublicViewStamp?> ReadAsync(Prepared prepared, string code, CancellationToken ct)
        {
            try
            {
                prepared.Code.Value = code;
                PublicViewStamp? stamp = null;
                await using (var reader = await prepared.Command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct))
                {
                    if (await reader.ReadAsync(ct))
                    {
                        stamp = new PublicViewStamp(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), Text(reader, 3),
                            Text(reader, 4), Text(reader, 5));
                    }
                }

                await ReturnAsync(prepared);
                return stamp;
            }
            catch
            {
                // Not kept: its connection may be broken, or a cancelled read left it mid-statement.
                await prepared.DisposeAsync();
                throw;
            }
        }

        private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        private Prepared? TakeIdle()
        {
            if (!_idle.TryDequeue(out var prepared))
            {
                return null;
            }

            Interlocked.Decrement(ref _idleCount);
            return prepared;
        }

        private async ValueTask ReturnAsync(Prepared prepared)
        {
            if (!_disposed && Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(prepared);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
            await prepared.DisposeAsync();
        }

        private async Task<Prepared> PrepareAsync(IServiceProvider services, CancellationToken ct)
        {
            var source = Volatile.Read(ref _source);
            if (source is null)
            {
                // The app's own database, as its context is configured (SQLite's file or PostgreSQL's server).
                var db = services.GetRequiredService<AduanDbContext>().Database;
                source = new Source(DbProviderFactories.GetFactory(db.GetDbConnection())!, db.GetConnectionString()!);
                Volatile.Write(ref _source, source);
            }

            var connection = source.Factory.CreateConnection()!;
            connection.ConnectionString = source.ConnectionString;
            try
            {
                await connection.OpenAsync(ct);
                DatabaseSetup.Opened(connection);
                var command = connection.CreateCommand();
                command.CommandText = Sql;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@code";
                parameter.DbType = DbType.String;
                parameter.Value = "";
                command.Parameters.Add(parameter);
                await command.PrepareAsync(ct);
                return new Prepared(connection, command, parameter);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public void Dispose()
        {
            _disposed = true;
            while (TakeIdle() is { } prepared)
            {
                prepared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        private sealed record Prepared(DbConnection Connection, DbCommand Command, DbParameter Code) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                await Command.DisposeAsync();
                await Connection.DisposeAsync();
            }
        }
    }
}

/// <summary>A kept view's JSON, written as it was serialized (the same bytes <c>Ok</c> would write for the view).</summary>
public sealed class KeptJson(byte[] utf8) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = utf8.Length;
        return response.Body.WriteAsync(utf8, httpContext.RequestAborted).AsTask();
    }
}
