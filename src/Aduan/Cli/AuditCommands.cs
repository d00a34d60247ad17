using System.CommandLine;
using Aduan.Audit;
using Aduan.Complaints;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Cli;

/// <summary><c>audit verify [--against DIGEST]</c>: recomputes every report's event hash chain (and the daily digests, see <see cref="DigestCommands"/>).</summary>
public static class AuditCommands
{
    private const int BatchSize = 1000;

    public static Command Build()
    {
        var audit = new Command("audit", "Check the integrity of the event log.");
        var against = new Option<string?>("--against")
        {
            Description = "Also check the history against a published daily digest: a line 'yyyy-MM-dd <digest>' or a file of such lines (e.g. digests.txt).",
        };
        var verify = new Command("verify", "Verify every report's event chain, and with --against the published daily digests; exits 2 naming what was altered, removed or reordered.")
        {
            against,
        };
        verify.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<(DateOnly Day, string Digest)>? published = null;
            if (parse.GetValue(against) is { } value && !DigestCommands.TryReadPublished(value, out published, out var error))
            {
                await Console.Error.WriteLineAsync(error);
                return 1;
            }

            return await AduanCli.WithServices(async (sp, token) =>
            {
                var result = await VerifyAsync(sp.GetRequiredService<AduanDbContext>(), Console.Out, token);
                var rewritten = published is null ? 0
                    : await DigestCommands.VerifyAgainstAsync(sp.GetRequiredService<DailyDigests>(), published, Console.Out, token);
                return result.Broken.Count == 0 && rewritten == 0 ? 0 : 2;
            }, ct);
        });
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(DigestCommands.BuildDigest());
        return audit;
    }

    public sealed record AuditResult(int Reports, long Events, IReadOnlyList<string> Broken);

    /// <summary>Reads reports and their events in id order, a batch at a time, so memory stays flat at any size.</summary>
    public static async Task<AuditResult> VerifyAsync(AduanDbContext db, TextWriter output, CancellationToken ct)
    {
        var broken = new List<string>();
        var (reports, events, lastId) = (0, 0L, 0L);
        while (true)
        {
            var batch = await db.Complaints.AsNoTracking().Where(c => c.Id > lastId).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var (first, last) = (batch[0].Id, batch[^1].Id);
            var byReport = (await db.ComplaintEvents.AsNoTracking()
                    .Where(e => e.ComplaintId >= first && e.ComplaintId <= last)
                    .OrderBy(e => e.ComplaintId).ThenBy(e => e.Sequence).ToListAsync(ct))
                .GroupBy(e => e.ComplaintId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var c in batch)
            {
                var chain = byReport.GetValueOrDefault(c.Id) ?? [];
                events += chain.Count;
                if ((Check(chain, c.EventCount, c.LastEventHash) ?? CheckReport(c, chain)) is { } problem)
                {
                    broken.Add(c.TrackingCode);
                    await output.WriteLineAsync($"BROKEN {c.TrackingCode}: {problem}");
                }
            }

            reports += batch.Count;
            lastId = last;
            if (reports % (BatchSize * 50) == 0)
            {
                await output.WriteLineAsync($"... {reports} reports checked");
            }
        }

        await output.WriteLineAsync(broken.Count == 0
            ? $"OK: {reports} reports, {events} events, every chain intact."
            : $"FAILED: {broken.Count} of {reports} reports have a broken event chain.");
        return new AuditResult(reports, events, broken);
    }

    /// <summary>
    /// The report row must match its chain: unchanged content, the contact committed at intake (or
    /// none, after an erasure the chain records), and the state the last change left it in.
    /// </summary>
    public static string? CheckReport(Complaint complaint, IReadOnlyList<ComplaintEvent> chain)
    {
        using var first = chain.Count > 0 && chain[0].Data is { } data ? System.Text.Json.JsonDocument.Parse(data) : null;
        string? Property(string name) =>
            first is not null && first.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
        if (Property("content") != complaint.ContentHash())
        {
            return "the report's text or place was altered after intake";
        }

        var erased = chain.Any(e => e.Type == ComplaintEventType.ContactErased);
        var contactHeld = complaint.ContactSalt is not null || complaint.Reporter != ReporterContact.None || complaint.NamePublished;
        if (erased ? contactHeld || complaint.ContactErasedAt is null : Property("contact") != complaint.ContactHash())
        {
            return "the reporter's contact was altered after intake";
        }

        var lastState = chain.LastOrDefault(e => e.ToStatus is not null)?.ToStatus;
        return lastState == complaint.Status ? null : $"the report's state {complaint.Status} is not what its events say ({lastState})";
    }

    /// <summary>Null when the chain is intact, else what is wrong with it.</summary>
    public static string? Check(IReadOnlyList<ComplaintEvent> chain, int expectedCount, string expectedLastHash)
    {
        var previous = "";
        for (var i = 0; i < chain.Count; i++)
        {
            var e = chain[i];
            if (e.Sequence != i + 1)
            {
                return $"event {i + 1} is missing (found {e.Sequence})";
            }

            if (e.PreviousHash != previous)
            {
                return $"event {e.Sequence} does not follow event {e.Sequence - 1}";
            }

            if (e.ComputeHash() != e.Hash)
            {
                return $"event {e.Sequence} ({e.Type}) was altered";
            }

            previous = e.Hash;
        }

        if (chain.Count != expectedCount || previous != expectedLastHash)
        {
            return $"the report expects {expectedCount} events but {chain.Count} remain";
        }

        return null;
    }
}
