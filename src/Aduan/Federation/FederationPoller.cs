using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Open311;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

/// <summary>
/// The hub's safety net: every <see cref="FederationOptions.PollInterval"/> it reads each member's
/// <c>servicerequestupdates</c> from <see cref="FederationOptions.PollLookback"/> ago and applies the
/// updates of the reports it dispatched there, so an update whose push failed still arrives; one
/// already applied (pushed, or seen by an earlier poll) is skipped by its receipt.
/// </summary>
public sealed class FederationPoller(IServiceScopeFactory scopes, IOptions<FederationOptions> options, TimeProvider time,
    ILogger<FederationPoller> logger) : BackgroundService
{
    public const string LockName = "federation-poll";
    private const int PageSize = 200;
    private const int MaxPages = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PollEnabled || options.Value.Members.Count == 0)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.PollInterval, TimeProvider.System, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
            if (held is not null)
            {
                await RunOnceAsync(ct);
            }
        }, logger, "Federation poll", stoppingToken);
    }

    /// <summary>One poll of every member; returns how many updates changed a report here. A member that cannot be reached is logged and skipped.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var applied = 0;
        foreach (var member in options.Value.Members)
        {
            applied += await PollAsync(member, ct);
        }

        return applied;
    }

    private async Task<int> PollAsync(FederationMember member, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var client = sp.GetRequiredService<GeoReportClient>();
        var from = time.Now() - options.Value.PollLookback;
        var applied = 0;
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await client.GetUpdatesAsync(member, from, page, PageSize, ct);
            if (!result.Ok)
            {
                logger.LogWarning("Federation poll of {Member} failed: {Error}", member.Name, result.Error);
                break;
            }

            foreach (var update in result.Value!)
            {
                // A scope per update: a refused or stale one leaves nothing behind for the next.
                await using var one = scopes.CreateAsyncScope();
                var workflow = one.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
                var complaint = await workflow.ForChange().SingleOrDefaultAsync(c => c.RemotePeer == member.Name && c.RemoteId == update.RequestId, ct);
                if (complaint is null)
                {
                    continue; // a report of the member's own, not one the hub sent
                }

                var status = Open311Mapping.StatusFrom(update.Status, update.ExternalStatus);
                var outcome = await one.ServiceProvider.GetRequiredService<FederationInbox>()
                    .ApplyAsync(member.Name, complaint, update.UpdateId, status, update.Description, ct);
                applied += outcome == FederationInbox.Result.Applied ? 1 : 0;
            }

            if (result.Value!.Count < PageSize)
            {
                break;
            }
        }

        return applied;
    }
}
