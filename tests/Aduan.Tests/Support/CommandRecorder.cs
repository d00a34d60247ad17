using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aduan.Tests.Support;

/// <summary>One SQL command EF Core ran: its text and its parameters' names and values.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>
/// The SQL EF Core runs in one async flow (the app's background work runs its own), from an interceptor: register it with
/// <c>TestServices = s => s.AddSingleton&lt;IInterceptor, CommandRecorder&gt;()</c>. Transactions EF Core begins and commits
/// are recorded as <c>BEGIN</c> and <c>COMMIT</c> (no parameters).
/// </summary>
public sealed class CommandRecorder : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly AsyncLocal<List<RecordedCommand>?> Current = new();

    public static async Task<(T Result, List<RecordedCommand> Commands)> RecordAsync<T>(Func<Task<T>> action)
    {
        var commands = new List<RecordedCommand>();
        Current.Value = commands;
        try
        {
            return (await action(), commands);
        }
        finally
        {
            Current.Value = null;
        }
    }

    private static void Record(DbCommand command) =>
        Record(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList());

    private static void Record(string text, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        if (Current.Value is { } list)
        {
            lock (list)
            {
                list.Add(new RecordedCommand(text, parameters));
            }
        }
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Record("BEGIN", []);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Record("COMMIT", []);
        return Task.CompletedTask;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
