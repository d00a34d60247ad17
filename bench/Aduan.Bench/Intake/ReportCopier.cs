using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Aduan.Bench.Intake;

/// <summary>
/// Writes copies of stored reports with the rows intake wrote with them, as new reports: every unique text drawn afresh
/// (tracking code, idempotency key, ...), every instant (an integer column named <c>…At</c>, and <c>DueOrder</c> unless it
/// holds its "no deadline" value) moved to now as it was to the report's submission, the copies' rows pointing at the
/// new report. The rows written with a report are those of a table that points at reports with an instant equal to its
/// submission (intake stamps the report, its first event, clocks, photos and idempotency record with one instant; a
/// later event, follower or escalation has its own). Outbox messages are copied as queued (pending, never tried), as
/// many per report as intake queued with the same batches. One INSERT per table, prepared once. A table's integer key
/// named <c>Id</c> is left to SQLite; any other unique text, a key too, is drawn afresh.
/// </summary>
internal sealed class ReportCopier
{
    private const string Reports = "Complaints";
    private const string Outbox = "OutboxMessages";

    /// <summary>How <c>DueOrder</c> stores "no deadline" (<see cref="DateTimeOffset.MaxValue"/>): not an instant to move.</summary>
    private static readonly long NoDeadline = DateTimeOffset.MaxValue.UtcTicks;

    /// <summary>What a copy does with a column's value, decided once per table, not per row.</summary>
    private enum Kind
    {
        Key, // left to SQLite
        Owner, // the new report's id
        Unique, // a text drawn afresh
        Instant, // moved to now
        Copied,
    }

    private sealed class Table(string name, string[] columns, HashSet<string> unique)
    {
        public string Name => name;
        public string[] Columns => columns;

        public Kind[] Kinds { get; } = [.. columns.Select(c => c switch
        {
            "Id" => Kind.Key,
            "ComplaintId" => Kind.Owner,
            _ when unique.Contains(c) => Kind.Unique,
            _ when IsInstant(c) => Kind.Instant,
            _ => Kind.Copied,
        })];

        public int Index(string column) => Array.IndexOf(columns, column);
        public SqliteCommand? Insert { get; set; }
    }

    private sealed record Row(Table Table, object[] Values);

    private sealed record Template(object[] Report, List<Row> Rows);

    private readonly SqliteConnection _connection;
    private readonly Table _reports;
    private readonly int _submittedAt;
    private readonly Table? _outbox;
    private readonly List<Template> _templates;
    private readonly List<Message> _messages;
    private readonly double _messagesPerReport;
    private int _next;
    private double _owedMessages;

    private ReportCopier(SqliteConnection connection, Table reports, Table? outbox, List<Template> templates, List<Message> messages,
        double messagesPerReport) =>
        (_connection, _reports, _submittedAt, _outbox, _templates, _messages, _messagesPerReport) =
            (connection, reports, reports.Index("SubmittedAt"), outbox, templates, messages, messagesPerReport);

    public int TemplateCount => _templates.Count;

    /// <summary>Rows written per report on average: the report, the rows pointing at it, its share of outbox messages.</summary>
    public double RowsPerReport => 1 + _templates.Average(t => t.Rows.Count) + _messagesPerReport;

    /// <summary>The newest <paramref name="count"/> reports still as intake stored them (submitted), with their rows.</summary>
    public static async Task<ReportCopier> ReadAsync(SqliteConnection connection, int count, CancellationToken ct)
    {
        var reports = await TableAsync(connection, Reports, ct);
        var reportRows = await RowsAsync(connection, $"""SELECT * FROM "{Reports}" WHERE "Status" = 'Submitted' ORDER BY "Id" DESC LIMIT {count}""", ct);
        if (reportRows.Count == 0)
        {
            throw new InvalidOperationException("The intake run left no submitted report to copy.");
        }

        var (idColumn, submittedColumn) = (reports.Index("Id"), reports.Index("SubmittedAt"));
        var templates = reportRows.ToDictionary(r => (long)r[idColumn], r => new Template(r, []));
        var ids = string.Join(',', templates.Keys);
        var instants = string.Join(',', reportRows.Select(r => (long)r[submittedColumn]).Distinct());
        foreach (var name in await ScalarsAsync(connection, """
            SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND p.name = 'ComplaintId' ORDER BY m.name
            """, ct))
        {
            var table = await TableAsync(connection, name, ct);
            var complaintId = table.Index("ComplaintId");
            var stamps = table.Columns.Select((c, i) => (c, i)).Where(c => IsInstant(c.c)).Select(c => c.i).ToArray();
            foreach (var row in await RowsAsync(connection, $"""SELECT * FROM "{name}" WHERE "ComplaintId" IN ({ids})""", ct))
            {
                var template = templates[(long)row[complaintId]];
                if (stamps.Any(i => row[i] is long at && at == (long)template.Report[submittedColumn]))
                {
                    template.Rows.Add(new Row(table, row));
                }
            }
        }

        var outbox = await TableAsync(connection, Outbox, ct);

        // Queued in the same transactions as the templates: stamped with one of their instants.
        var messages = await RowsAsync(connection, $"""SELECT * FROM "{Outbox}" WHERE "CreatedAt" IN ({instants})""", ct);
        var perReport = messages.Count / Convert.ToDouble(await ScalarAsync(connection, $"""
            SELECT COUNT(*) FROM "{Reports}" WHERE "SubmittedAt" IN ({instants})
            """, ct), CultureInfo.InvariantCulture);
        return new ReportCopier(connection, reports, messages.Count == 0 ? null : outbox, [.. templates.Values],
            [.. messages.Select(m => Queued(outbox, m))], perReport);
    }

    /// <summary>Writes <paramref name="reports"/> new reports in transactions of <paramref name="perTransaction"/>.</summary>
    public async Task WriteAsync(int reports, int perTransaction, CancellationToken ct)
    {
        for (var written = 0; written < reports; written += perTransaction)
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
            for (var i = 0; i < Math.Min(perTransaction, reports - written); i++)
            {
                await WriteReportAsync(transaction, ct);
            }

            await transaction.CommitAsync(ct);
        }
    }

    private async Task WriteReportAsync(SqliteTransaction transaction, CancellationToken ct)
    {
        var template = _templates[_next++ % _templates.Count];
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var shift = now - (long)template.Report[_submittedAt];
        var id = await InsertAsync(transaction, _reports, template.Report, shift, null, ct);
        foreach (var row in template.Rows)
        {
            await InsertAsync(transaction, row.Table, row.Values, shift, id, ct);
        }

        for (_owedMessages += _messagesPerReport; _owedMessages >= 1 && _outbox is not null; _owedMessages--)
        {
            var message = _messages[Random.Shared.Next(_messages.Count)];
            await InsertAsync(transaction, _outbox, message.Values, now - message.CreatedAt, null, ct);
        }
    }

    private sealed record Message(object[] Values, long CreatedAt);

    /// <summary>A message as intake queues it: pending, never tried.</summary>
    private static Message Queued(Table outbox, object[] message)
    {
        var queued = (object[])message.Clone();
        queued[outbox.Index("Status")] = "Pending";
        queued[outbox.Index("Attempts")] = 0L;
        queued[outbox.Index("NextAttemptAt")] = queued[outbox.Index("CreatedAt")];
        foreach (var column in new[] { "LockedUntil", "LockedBy", "LastError", "DeliveredAt" })
        {
            queued[outbox.Index(column)] = DBNull.Value;
        }

        return new Message(queued, (long)queued[outbox.Index("CreatedAt")]);
    }

    private static async Task<long> InsertAsync(SqliteTransaction transaction, Table table, object[] values, long shift, long? complaintId,
        CancellationToken ct)
    {
        var command = table.Insert ??= Prepare(transaction.Connection!, table);
        command.Transaction = transaction;
        var parameter = 0;
        for (var i = 0; i < table.Kinds.Length; i++)
        {
            if (table.Kinds[i] == Kind.Key)
            {
                continue;
            }

            command.Parameters[parameter++].Value = (table.Kinds[i], values[i]) switch
            {
                (Kind.Owner, _) when complaintId is { } id => id,
                (Kind.Unique, string text) => Fresh(text.Length),
                (Kind.Instant, long instant) when instant != NoDeadline => instant + shift,
                var (_, value) => value,
            };
        }

        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static bool IsInstant(string column) => column.EndsWith("At", StringComparison.Ordinal) || column == "DueOrder";

    private static SqliteCommand Prepare(SqliteConnection connection, Table table)
    {
        var columns = table.Columns.Where(c => c != "Id").ToArray();
        var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO "{table.Name}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))}) RETURNING rowid
            """;
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i, null));
        }

        return command;
    }

    private static string Fresh(int length) => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", Math.Max(length, 12));

    private static async Task<Table> TableAsync(SqliteConnection connection, string name, CancellationToken ct)
    {
        var columns = await ScalarsAsync(connection, $"SELECT name FROM pragma_table_info('{name}') ORDER BY cid", ct);
        var unique = await ScalarsAsync(connection, $"""
            SELECT ii.name FROM pragma_index_list('{name}') il JOIN pragma_index_info(il.name) ii
            WHERE il."unique" = 1 AND ii.name IS NOT NULL
            """, ct);
        return new Table(name, [.. columns], [.. unique]);
    }

    private static async Task<List<object[]>> RowsAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<string>> ScalarsAsync(SqliteConnection connection, string sql, CancellationToken ct) =>
        [.. (await RowsAsync(connection, sql, ct)).Select(r => (string)r[0])];

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
