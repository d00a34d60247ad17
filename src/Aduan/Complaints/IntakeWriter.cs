using System.Diagnostics;
using System.Threading.Channels;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Complaints;

/// <summary>
/// Group commit for intake. Requests validate on their own threads, then hand the report to this
/// single writer, which stores whatever has gathered meanwhile in one transaction and answers each
/// request only after that transaction committed: an acknowledged report is durable, and durable
/// intake is not bounded by one flush per report. If a batch fails, its reports are stored one by
/// one, so one bad report cannot fail the others.
/// </summary>
public sealed class IntakeWriter(IServiceScopeFactory scopes, IOptions<IntakeOptions> options, IDataProtectionProvider protection) : BackgroundService
{
    private readonly IDataProtector _keyProtector = IntakeStore.KeyProtector(protection);

    private sealed record Pending(IntakeItem Item, TaskCompletionSource<IntakeStore.Outcome> Done);

    private readonly Channel<Pending> _queue = System.Threading.Channels.Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public async Task<IntakeStore.Outcome> SubmitAsync(IntakeItem item, CancellationToken ct)
    {
        if (!options.Value.GroupCommit)
        {
            return await StoreOneAsync(item, ct);
        }

        // What needs no database is worked out here, on the request's thread: the one writer is the bottleneck under a flood.
        var pending = new Pending(IntakeStore.Prepare(item, _keyProtector),
            new TaskCompletionSource<IntakeStore.Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);

        // A client that gives up does not take its report back: it is stored all the same, and a retry
        // with the same Idempotency-Key finds it.
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.Value.MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            batch.ForEach(p => p.Done.TrySetCanceled(stoppingToken));
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (batch.Count == 1)
        {
            await WriteOneAsync(batch[0], ct); // the single path also settles a race for the same key with another instance
            AduanMetrics.IntakeBatch(1, Stopwatch.GetElapsedTime(started));
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcomes = await scope.ServiceProvider.GetRequiredService<IntakeStore>()
                .SubmitManyAsync(batch.Select(p => p.Item).ToList(), ct);
            AduanMetrics.IntakeBatch(batch.Count, Stopwatch.GetElapsedTime(started));
            for (var i = 0; i < batch.Count; i++)
            {
                Received(outcomes[i]);
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // The batch's transaction was rolled back (a constraint, e.g. a key stored by another instance
            // meanwhile): nothing of it is stored, so each report is stored on its own.
            foreach (var pending in batch)
            {
                await WriteOneAsync(pending, ct);
            }
        }
        catch (Exception e)
        {
            // The database is away, or the answers could not be read after the commit: the requests fail
            // (500) and clients retry with their keys; storing again here could duplicate reports without one.
            batch.ForEach(p => p.Done.TrySetException(e));
        }
    }

    private async Task WriteOneAsync(Pending pending, CancellationToken ct)
    {
        try
        {
            var outcome = await StoreOneAsync(pending.Item, ct);
            Received(outcome);
            pending.Done.TrySetResult(outcome);
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private static void Received(IntakeStore.Outcome outcome)
    {
        if (outcome is { Complaint: { } complaint, Replayed: false })
        {
            AduanMetrics.ReportsReceived(complaint.Channel.ToString());
        }
    }

    /// <summary>One report in its own transaction (and scope), settling a race for its key with another writer.</summary>
    private async Task<IntakeStore.Outcome> StoreOneAsync(IntakeItem item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeStore>().SubmitAsync(item, ct);
    }
}
