using System.CommandLine;
using Aduan.Audit;
using Aduan.Infrastructure;

namespace Aduan.Cli;

/// <summary>
/// <c>audit digest</c> and the <c>--against</c> part of <c>audit verify</c>: the daily digests
/// recomputed from the events table alone, never read from the stored digests, which whoever can
/// rewrite the events can rewrite too.
/// </summary>
public static class DigestCommands
{
    private const int ProgressEveryDays = 100;

    public static Command BuildDigest()
    {
        var day = new Option<string?>("--day") { Description = "Only this day (yyyy-MM-dd); default: every day up to yesterday." };
        var digest = new Command("digest", "Print the daily digest lines 'yyyy-MM-dd <digest> <events>', recomputed from the events.") { day };
        digest.SetAction(async (parse, ct) =>
        {
            DateOnly? only = null;
            if (parse.GetValue(day) is { } text)
            {
                if (!Dates.TryParseIso(text, out var d))
                {
                    await Console.Error.WriteLineAsync("--day must be a date yyyy-MM-dd.");
                    return 1;
                }

                only = d;
            }

            return await AduanCli.WithServices((sp, token) =>
                PrintAsync(sp.GetRequiredService<DailyDigests>(), sp.GetRequiredService<TimeProvider>(), only, Console.Out, Console.Error, token), ct);
        });
        return digest;
    }

    /// <summary>The day's line, or every closed day's; progress and notes go to <paramref name="notes"/>, so the lines can be redirected to a file.</summary>
    public static async Task<int> PrintAsync(DailyDigests digests, TimeProvider time, DateOnly? only, TextWriter output, TextWriter notes,
        CancellationToken ct)
    {
        var today = digests.LocalDay(time.Now());
        var through = only ?? today.AddDays(-1);
        var days = 0;
        await foreach (var d in digests.ChainAsync(through, ct))
        {
            if (only is null || d.Day == only)
            {
                await output.WriteLineAsync(d.Line);
            }

            if (++days % ProgressEveryDays == 0 && only is not null)
            {
                await notes.WriteLineAsync($"... {days} days computed");
            }
        }

        if (days == 0)
        {
            await notes.WriteLineAsync($"No events on or before {DayDigest.Iso(through)}: nothing to digest.");
        }
        else if (through >= today)
        {
            await notes.WriteLineAsync($"{DayDigest.Iso(through)} has not closed yet: its digest changes with every new event.");
        }

        return 0;
    }

    /// <summary>The published lines given to <c>--against</c>: one line, or a file of lines (blank lines and <c>#</c> comments skipped).</summary>
    public static bool TryReadPublished(string value, out IReadOnlyList<(DateOnly Day, string Digest)> published, out string? error)
    {
        var lines = new List<(DateOnly, string)>();
        published = lines;
        error = null;
        if (!File.Exists(value))
        {
            if (DayDigest.TryParse(value, out var day, out var digest))
            {
                lines.Add((day, digest));
                return true;
            }

            error = $"--against takes a published line 'yyyy-MM-dd <64 hex digits>' or a file of such lines; '{value}' is neither.";
            return false;
        }

        var number = 0;
        foreach (var line in File.ReadLines(value))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!DayDigest.TryParse(line, out var day, out var digest))
            {
                error = $"Line {number} of {value} is not 'yyyy-MM-dd <64 hex digits>'.";
                return false;
            }

            lines.Add((day, digest));
        }

        error = lines.Count == 0 ? $"{value} holds no digest lines." : null;
        return lines.Count > 0;
    }

    /// <summary>
    /// Recomputes the chain of days from the first event up to the latest published day and compares
    /// each published digest; the number that differ (0: the history is the one published).
    /// </summary>
    public static async Task<int> VerifyAgainstAsync(DailyDigests digests, IReadOnlyList<(DateOnly Day, string Digest)> published,
        TextWriter output, CancellationToken ct)
    {
        var expected = published.ToLookup(p => p.Day, p => p.Digest);
        var through = published.Max(p => p.Day);
        var (days, rewritten) = (0, 0);
        var reached = new HashSet<DateOnly>();
        await foreach (var d in digests.ChainAsync(through, ct))
        {
            reached.Add(d.Day);
            foreach (var digest in expected[d.Day].Where(e => e != d.Digest))
            {
                rewritten++;
                await output.WriteLineAsync($"REWRITTEN: history up to {DayDigest.Iso(d.Day)} was rewritten: expected {digest}, found {d.Digest}.");
            }

            if (++days % ProgressEveryDays == 0)
            {
                await output.WriteLineAsync($"... {days} days recomputed");
            }
        }

        foreach (var (day, digest) in published.Where(p => !reached.Contains(p.Day)))
        {
            rewritten++;
            await output.WriteLineAsync($"REWRITTEN: history up to {DayDigest.Iso(day)} was rewritten: expected {digest}, found no events on or before that day.");
        }

        await output.WriteLineAsync(rewritten == 0
            ? $"OK: the history up to {DayDigest.Iso(through)} is the one published ({published.Count} digests checked, {days} days recomputed)."
            : $"FAILED: {rewritten} of {published.Count} published digests differ from the events.");
        return rewritten;
    }
}
