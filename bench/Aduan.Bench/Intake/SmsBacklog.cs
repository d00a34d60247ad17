using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Aduan.Outbox;
using Aduan.Sms;

namespace Aduan.Bench.Intake;

/// <summary>
/// The SMS still waiting in the app's outbox. Intake queues a confirmation for each report whose reporter
/// is told by SMS, and the app delivers them in the background; the bench lets it deliver the warm-up's and each
/// run's before the next measurement, so that no run, and no ceiling, pays for another run's messages.
/// </summary>
public sealed class SmsBacklog(DbConnection connection)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public async Task DeliveredAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var first = await PendingAsync(ct);
        var pending = first;
        while (pending > 0 && Stopwatch.GetElapsedTime(started) < Patience)
        {
            await Task.Delay(200, ct);
            pending = await PendingAsync(ct);
        }

        var waited = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (pending > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    outbox: {pending:N0} of {first:N0} SMS still waiting after {waited:F0} s: measuring anyway"));
        }
        else if (first > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    outbox: waited {waited:F1} s for {first:N0} SMS to be delivered before the next run"));
        }
    }

    private async Task<long> PendingAsync(CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT COUNT(*) FROM "OutboxMessages" WHERE "Type" = '{SmsOutbox.MessageType}' AND "Status" = '{OutboxStatus.Pending}'
            """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
