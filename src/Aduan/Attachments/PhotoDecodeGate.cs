using Microsoft.Extensions.Options;

namespace Aduan.Attachments;

/// <summary>
/// One per process: how many photos are decoded at once (<see cref="AttachmentOptions.MaxConcurrentDecodes"/>),
/// so a burst of uploads queues for the processors instead of multiplying the memory each decode
/// takes; and how many uploaded files were read and decoded (for monitoring, and for tests that prove
/// a refused request or file never got that far).
/// </summary>
public sealed class PhotoDecodeGate(IOptions<AttachmentOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDecodes, options.Value.MaxConcurrentDecodes);
    private long _filesRead;
    private long _decodes;

    /// <summary>Uploaded files whose content was looked at since the start.</summary>
    public long FilesRead => Interlocked.Read(ref _filesRead);

    /// <summary>Of those, the ones whose pixels were decoded (their header allowed it).</summary>
    public long Decodes => Interlocked.Read(ref _decodes);

    public void CountRead() => Interlocked.Increment(ref _filesRead);

    /// <summary>Runs <paramref name="decode"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> decode, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        Interlocked.Increment(ref _decodes);
        try
        {
            return decode();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
