using System.Diagnostics;

namespace Aduan.Infrastructure;

/// <summary>The loop of every background job: a pass every interval, a failed pass logged by its exception type (never a message, which may hold personal data) and the next one tried.</summary>
public static class Repeating
{
    /// <param name="atStart">Run the first pass at once instead of after one interval.</param>
    public static async Task EveryAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, ILogger logger,
        string job, CancellationToken ct, bool atStart = false)
    {
        using var timer = new PeriodicTimer(interval, time);
        if (!atStart && !await timer.WaitForNextTickAsync(ct))
        {
            return;
        }

        do
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await pass(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("{Job} failed: {ExceptionType}", job, e.GetType().Name);
            }

            AduanMetrics.JobPass(job, Stopwatch.GetElapsedTime(started));
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
