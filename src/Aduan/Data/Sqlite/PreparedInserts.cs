using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aduan.Data.Sqlite;

/// <summary>
/// Writes the new rows of a few entity types with one prepared statement per table and save, run once per row, where EF
/// Core on SQLite runs one command per row, each prepared anew (its <c>SingularModificationCommandBatch</c>). Preparing a
/// report's INSERT, with the table's 31 indexes and two search triggers compiled into it, takes SQLite about 100 µs; with
/// EF Core's own work per command that was a third of the intake writer's time per report. The columns, their converters
/// and their parameters' set-up come from the model's type mappings, as EF Core takes them; a mapping this cannot write
/// the same way (a shadow property, a value the database generates, an owned type) is refused when first planned, and
/// <c>PreparedInsertsTests</c> checks each column's stored type.
/// </summary>
/// <remarks>
/// Each row's key is read back (<c>RETURNING</c>) and set on its entity, so EF Core fixes up the entity's dependents
/// (a report's events and clocks get its id), and the entry is marked Unchanged: the rest of the save, EF Core's own, sees
/// it as stored. Run only inside a transaction the save began itself (<see cref="AduanDbContext.PreparedInsertTypes"/>);
/// if the save then fails, that transaction is rolled back but these entries stay marked as stored, so the context is not
/// used again (the intake writer stores each report again on its own, in a new scope).
/// </remarks>
internal static class PreparedInserts
{
    private const string PlanAnnotation = "Aduan:PreparedInsert";

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed record Plan(string Sql, IProperty Key, Column[] Columns, IProperty[] ForeignKeys);

    /// <summary>Writes the Added entries of each type, in the order given (principals before their dependents); returns how many.</summary>
    public static async Task<int> WriteAsync(DbContext db, IReadOnlyList<Type> types, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction
            ?? throw new InvalidOperationException("PreparedInserts runs inside the save's SQLite transaction.");

        // The save has detected its changes; keys set here go through the entry API, so EF Core fixes up dependents at once.
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToLookup(e => e.Metadata.ClrType);
        var written = 0;
        foreach (var type in types)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            if (!added.Contains(type))
            {
                continue;
            }

            var plan = entityType.GetOrAddRuntimeAnnotationValue(PlanAnnotation, t => PlanFor(t!), entityType);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = plan.Sql;

            // Each parameter as EF Core's type mapping sets it up (its type, size); only the value changes per row.
            var parameters = plan.Columns
                .Select((c, i) => c.Mapping.CreateParameter(command, "$p" + i, null, c.Property.IsNullable))
                .Select(p => command.Parameters.Add((SqliteParameter)p)).ToArray();
            foreach (var entry in added[type])
            {
                if (plan.ForeignKeys.FirstOrDefault(p => entry.Property(p.Name).IsTemporary) is { } pending)
                {
                    throw new InvalidOperationException(
                        $"{entityType.DisplayName()}.{pending.Name} points at a row not written yet: list its principal's type first.");
                }

                for (var i = 0; i < plan.Columns.Length; i++)
                {
                    parameters[i].Value = ProviderValue(plan.Columns[i], entry.Entity);
                }

                var key = await ExecuteAsync(command, entry, ct);
                entry.Property(plan.Key.Name).CurrentValue = key;
                entry.State = EntityState.Unchanged;
                written++;
            }
        }

        return written;
    }

    private static async Task<long> ExecuteAsync(SqliteCommand command, EntityEntry entry, CancellationToken ct)
    {
        try
        {
            // The command keeps its prepared statement between runs: SQLite prepares it once per save.
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As EF Core's own save reports a row it could not write: the intake writer then stores each report on its own.
            throw new DbUpdateException($"A new {entry.Metadata.DisplayName()} row could not be written: {e.Message}", e, [entry]);
        }
    }

    /// <summary>As EF Core binds it: through the property's converter (an enum by name, an instant as ticks).</summary>
    private static object ProviderValue(Column column, object entity)
    {
        var value = column.Property.GetGetter().GetClrValueUsingContainingEntity(entity);
        if (value is null)
        {
            return DBNull.Value;
        }

        if (column.Mapping.Converter is { } converter)
        {
            return converter.ConvertToProvider(value) ?? DBNull.Value;
        }

        return value.GetType().IsEnum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), null) : value;
    }

    private static Plan PlanFor(IEntityType type)
    {
        var tableName = type.GetTableName() ?? throw Unsupported(type, "it has no table");
        var table = StoreObjectIdentifier.Table(tableName, type.GetSchema());
        if (type.GetSchema() is not null || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.BaseType is not null
            || type.GetDerivedTypes().Any())
        {
            throw Unsupported(type, "it has a schema, an owned type or an inheritance hierarchy");
        }

        var key = type.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd, ClrType: var keyType } single]
            && keyType == typeof(long) ? single : throw Unsupported(type, "its key is not one long generated by the database");
        var columns = new List<Column>();
        foreach (var property in type.GetFlattenedProperties().Where(p => p != key))
        {
            if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never || property.GetComputedColumnSql() is not null)
            {
                throw Unsupported(type, $"{property.Name} is a shadow property or generated by the database");
            }

            columns.Add(new Column(property, (RelationalTypeMapping)property.GetTypeMapping()));
        }

        // Every column of the table is written (none left to a default EF Core would not leave to it).
        var tableColumns = type.GetTableMappings().Single().Table.Columns.Count();
        if (tableColumns != columns.Count + 1)
        {
            throw Unsupported(type, $"its table has {tableColumns} columns and its properties map {columns.Count + 1}");
        }

        var sql = new StringBuilder("INSERT INTO \"").Append(tableName).Append("\" (");
        sql.AppendJoin(", ", columns.Select(c => "\"" + c.Property.GetColumnName(table) + "\""));
        sql.Append(") VALUES (").AppendJoin(", ", columns.Select((_, i) => "$p" + i));
        sql.Append(") RETURNING \"").Append(key.GetColumnName(table)).Append('"');
        return new Plan(sql.ToString(), key, [.. columns], [.. type.GetForeignKeys().SelectMany(f => f.Properties).Distinct()]);
    }

    private static NotSupportedException Unsupported(IEntityType type, string why) =>
        new($"PreparedInserts cannot write {type.DisplayName()} as EF Core would: {why}. Leave it to EF Core's save.");
}
