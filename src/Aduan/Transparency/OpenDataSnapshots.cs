using Aduan.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aduan.Transparency;

/// <summary>
/// The open-data files, one per format, in a directory of this instance's own. A request gets the current file
/// when it is younger than <see cref="AduanOptions.OpenDataMaxAge"/> (counted from the end of its build). An older
/// one is still served at once while the next is built in the background (to a temporary file, then moved into
/// place): at a million reports a build takes seconds, at ten million minutes, and nobody waits for it but the first
/// request for a format after start, which has no file to get (behind any build under way: one at a time). A failed
/// build is logged, the old file stays served, and the next try waits a minute. A maximum age of zero builds on
/// every request, while it waits. A file being sent stays readable when the next replaces it (the old one is
/// unlinked, not rewritten).
/// </summary>
public sealed class OpenDataSnapshots(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider time,
    ILogger<OpenDataSnapshots> logger) : IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);
    private readonly string _directory = Directory.CreateTempSubdirectory("aduan-opendata-").FullName;
    private readonly SemaphoreSlim _building = new(1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<OpenDataFormat, DateTimeOffset> _builtAt = [];
    private readonly Dictionary<OpenDataFormat, DateTimeOffset> _failedAt = [];
    private readonly Dictionary<OpenDataFormat, Task> _rebuilding = [];
    private bool _disposed;

    /// <summary>Held while a file is built; a test holds it to show that a stale file is served without waiting for one.</summary>
    internal SemaphoreSlim BuildGate => _building;

    /// <summary>The format's latest build in the background (completed when there was none), for a test to wait for.</summary>
    internal Task Rebuilding(OpenDataFormat format)
    {
        lock (_rebuilding)
        {
            return _rebuilding.GetValueOrDefault(format) ?? Task.CompletedTask;
        }
    }

    public async Task<FileInfo> GetAsync(OpenDataFormat format, string site, CancellationToken ct)
    {
        var path = Path.Combine(_directory, format switch
        {
            OpenDataFormat.Csv => "complaints.csv",
            OpenDataFormat.CsvIndonesian => "laporan.csv",
            _ => "complaints.json",
        });
        if (File.Exists(path))
        {
            if (Fresh(format))
            {
                return new FileInfo(path);
            }

            if (options.Value.OpenDataMaxAge > TimeSpan.Zero)
            {
                RebuildInBackground(format, path, site); // the old file is served meanwhile
                return new FileInfo(path);
            }
        }

        await _building.WaitAsync(ct);
        try
        {
            if (!Fresh(format) || !File.Exists(path))
            {
                // Not the request's token: a client that leaves must not waste the build the others wait for.
                await BuildAsync(format, path, site, _stopping.Token);
            }

            return new FileInfo(path);
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Starts building the next file unless a build of it is under way or failed within the last minute.</summary>
    private void RebuildInBackground(OpenDataFormat format, string path, string site)
    {
        lock (_rebuilding)
        {
            if (_rebuilding.TryGetValue(format, out var running) && !running.IsCompleted
                || _failedAt.TryGetValue(format, out var failed) && time.GetUtcNow() - failed < RetryAfterFailure)
            {
                return;
            }

            _rebuilding[format] = Task.Run(async () =>
            {
                await _building.WaitAsync(_stopping.Token);
                try
                {
                    if (!Fresh(format))
                    {
                        await BuildAsync(format, path, site, _stopping.Token);
                    }
                }
                catch (Exception e) when (!_stopping.IsCancellationRequested)
                {
                    lock (_rebuilding)
                    {
                        _failedAt[format] = time.GetUtcNow();
                    }

                    logger.LogError(e, "Building the {Format} open-data file failed; the older file is served, and tried again in a minute", format);
                }
                finally
                {
                    _building.Release();
                }
            });
        }
    }

    private async Task BuildAsync(OpenDataFormat format, string path, string site, CancellationToken ct)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var register = scope.ServiceProvider.GetRequiredService<PublicRegister>();
                await (format == OpenDataFormat.Json
                    ? OpenDataApi.WriteJsonAsync(file, register, site, ct)
                    : OpenDataApi.WriteCsvAsync(file, register, site, ct, indonesian: format == OpenDataFormat.CsvIndonesian));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary); // a failed build leaves no half file
            }
        }

        lock (_builtAt)
        {
            // From the end of the build: one that takes longer than the maximum age is not stale as it arrives.
            _builtAt[format] = time.GetUtcNow();
        }
    }

    private bool Fresh(OpenDataFormat format)
    {
        lock (_builtAt)
        {
            return _builtAt.TryGetValue(format, out var at) && time.GetUtcNow() - at < options.Value.OpenDataMaxAge;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // A build in the background stops at its next batch. Only once every one has are the semaphore it releases and
        // the directory it writes to let go (at shutdown, a build that does not stop in time is left to the process's end).
        _stopping.Cancel();
        Task[] running;
        lock (_rebuilding)
        {
            running = [.. _rebuilding.Values];
        }

        if (!Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(10)))
        {
            return;
        }

        _building.Dispose();
        _stopping.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
