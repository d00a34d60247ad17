using Microsoft.Data.Sqlite;

namespace Aduan.Bench.Scale;

/// <summary>
/// Prepared INSERTs, one transaction per batch. The FTS5 index (ComplaintSearch) is kept in step
/// by the triggers the app's migration created on Complaints, exactly as for reports the app writes.
/// </summary>
public sealed class SqliteLoader : IBulkLoader
{
    private readonly SqliteConnection _connection;
    private readonly Inserter<ComplaintRow> _complaints;
    private readonly Inserter<EventRow> _events;
    private readonly Inserter<AssignmentRow> _assignments;
    private readonly Inserter<ClockRow> _clocks;

    public SqliteLoader(SqliteConnection connection)
    {
        _connection = connection;

        // For this connection only: a larger page cache for the indexes being filled, and an fsync per
        // checkpoint instead of per batch (a crash mid-load just means loading again).
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size = -524288; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
        }

        _complaints = new(connection, "Complaints", BenchTables.Complaints);
        _events = new(connection, "ComplaintEvents", BenchTables.Events);
        _assignments = new(connection, "Assignments", BenchTables.Assignments);
        _clocks = new(connection, "SlaClocks", BenchTables.Clocks);
    }

    public Task WriteAsync(IReadOnlyList<GeneratedReport> batch, CancellationToken ct)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var report in batch)
        {
            _complaints.Insert(transaction, report.Complaint);
            foreach (var e in report.Events)
            {
                _events.Insert(transaction, e);
            }

            foreach (var a in report.Assignments)
            {
                _assignments.Insert(transaction, a);
            }

            foreach (var k in report.Clocks)
            {
                _clocks.Insert(transaction, k);
            }
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>No ANALYZE: the app never runs it, so the query planner sees what it sees in production.</summary>
    public Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _complaints.Dispose();
        _events.Dispose();
        _assignments.Dispose();
        _clocks.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Inserter<TRow> : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly Column<TRow>[] _columns;

        public Inserter(SqliteConnection connection, string table, Column<TRow>[] columns)
        {
            _columns = columns;
            _command = connection.CreateCommand();
            _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++)
            {
                _command.Parameters.Add(new SqliteParameter("$p" + i, null));
            }

            _command.Prepare();
        }

        public void Insert(SqliteTransaction transaction, TRow row)
        {
            _command.Transaction = transaction;
            for (var i = 0; i < _columns.Length; i++)
            {
                // Instants as UTC ticks, like the app's SQLite converter.
                _command.Parameters[i].Value = _columns[i].Value(row) switch
                {
                    null => DBNull.Value,
                    DateTimeOffset t => t.UtcTicks,
                    var v => v,
                };
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
