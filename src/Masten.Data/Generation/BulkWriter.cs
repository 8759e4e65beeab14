using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Masten.Data.Generation;

/// <summary>
/// Writes many rows fast, bypassing the change tracker, inside one transaction: Npgsql's binary COPY on
/// PostgreSQL, one prepared parameterised INSERT per table on SQLite. Tables and columns come from the EF
/// model (<c>GetTableName</c>, <c>GetColumnName</c>) and values go through each property's value converter,
/// so a row is stored exactly as EF would store it. Every mapped property with a CLR getter is written,
/// keys included (callers choose the ids); a property still at its CLR default takes the column default the model
/// configures (<c>HasDefaultValue</c>), and shadow properties are left to the database's defaults.
/// Nothing here writes change records: callers add them as rows of their own.
/// Begun while the context has a transaction, the writer joins it and leaves committing to its owner; on PostgreSQL such a
/// caller takes its ids from the tables' sequences (see <c>Imports/ImportBulk.cs</c>), since no sequence is moved then.
/// </summary>
public abstract class BulkWriter : IAsyncDisposable
{
    private protected BulkWriter(MastenDbContext db) => Db = db;

    private protected MastenDbContext Db { get; }

    /// <summary>Every value is written as it is, even a CLR default where the column has a default of its own (a document read back).</summary>
    private bool exact;

    /// <summary>Opens the context's connection and begins the one transaction every write joins.</summary>
    public static Task<BulkWriter> BeginAsync(MastenDbContext db, CancellationToken ct) => BeginAsync(db, exactValues: false, ct);

    /// <summary>
    /// As <see cref="BeginAsync(MastenDbContext, CancellationToken)"/>; with <paramref name="exactValues"/> a property at its
    /// CLR default is stored as that value, not as the column's configured default (records copied from another database).
    /// </summary>
    public static async Task<BulkWriter> BeginAsync(MastenDbContext db, bool exactValues, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        BulkWriter writer = db.Database.IsNpgsql() ? new PostgresBulkWriter(db) : new SqliteBulkWriter(db);
        writer.exact = exactValues;
        await writer.BeginCoreAsync(ct);
        return writer;
    }

    /// <summary>Writes <paramref name="rows"/> (entities of a mapped type) in order; returns how many.</summary>
    public abstract Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class;

    /// <summary>Commits everything written; until then nothing is visible and a failure stores nothing.</summary>
    public abstract Task CommitAsync(CancellationToken ct);

    private protected abstract Task BeginCoreAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>One column of a table: its name, how to read the value from the entity, and the converter to the stored type.</summary>
    private protected sealed record Column(string Name, IProperty Property, IClrPropertyGetter Getter, ValueConverter? Converter, Type ProviderType, object? Default)
    {
        public object? Value(object entity)
        {
            var value = Getter.GetClrValue(entity);
            // As EF does on insert: a property left at its sentinel takes the column's configured default.
            if (Default is not null && Equals(value, Property.Sentinel))
                value = Default;
            return value is null ? null : Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }

    private protected (string Table, IReadOnlyList<Column> Columns) Layout(Type clrType)
    {
        var entity = Db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !p.IsShadowProperty())
            .Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                var converter = mapping.Converter;
                var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? p.ClrType) ?? converter?.ProviderClrType ?? p.ClrType;
                return new Column(p.GetColumnName(store) ?? p.Name, p, p.GetGetter(), converter, providerType, exact ? null : p.GetDefaultValue());
            })
            .ToList();
        return (table, columns);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed class SqliteBulkWriter(MastenDbContext db) : BulkWriter(db)
    {
        private DbConnection? connection;
        private DbTransaction? transaction;
        private bool joined;

        private protected override async Task BeginCoreAsync(CancellationToken ct)
        {
            if (Db.Database.CurrentTransaction is { } current)
            {
                connection = Db.Database.GetDbConnection();
                transaction = current.GetDbTransaction();
                joined = true;
                return;
            }
            await Db.Database.OpenConnectionAsync(ct);
            connection = Db.Database.GetDbConnection();
            transaction = await connection.BeginTransactionAsync(ct);
        }

        public override Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
        {
            var (table, columns) = Layout(typeof(T));
            using var command = connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((c, i) =>
            {
                var p = command.CreateParameter();
                p.ParameterName = "$p" + i;
                command.Parameters.Add(p);
                return p;
            }).ToArray();
            command.Prepare();
            long count = 0;
            // Synchronous on purpose: Microsoft.Data.Sqlite has no truly asynchronous I/O, and one task per row costs more than the insert.
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                    parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
                command.ExecuteNonQuery();
                if ((++count & 0xFFFF) == 0)
                    ct.ThrowIfCancellationRequested();
            }
            return Task.FromResult(count);
        }

        public override async Task CommitAsync(CancellationToken ct)
        {
            if (!joined)
                await transaction!.CommitAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (joined)
                return;
            if (transaction is not null)
                await transaction.DisposeAsync();
            await Db.Database.CloseConnectionAsync();
        }
    }

    private sealed class PostgresBulkWriter(MastenDbContext db) : BulkWriter(db)
    {
        private NpgsqlConnection? connection;
        private NpgsqlTransaction? transaction;
        private readonly List<(string Table, string Column)> identities = [];
        private bool joined;

        private protected override async Task BeginCoreAsync(CancellationToken ct)
        {
            if (Db.Database.CurrentTransaction is { } current)
            {
                // Joined: the caller owns the transaction and takes the ids from each table's sequence, so none is moved.
                connection = (NpgsqlConnection)Db.Database.GetDbConnection();
                transaction = (NpgsqlTransaction)current.GetDbTransaction();
                joined = true;
                return;
            }
            await Db.Database.OpenConnectionAsync(ct);
            connection = (NpgsqlConnection)Db.Database.GetDbConnection();
            transaction = await connection.BeginTransactionAsync(ct);
        }

        public override async Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
        {
            var (table, columns) = Layout(typeof(T));
            var types = columns.Select(c => DbType(c)).ToArray();
            foreach (var c in columns.Where(c => c.Property.IsPrimaryKey() && c.Property.ValueGenerated != ValueGenerated.Never))
                identities.Add((table, c.Name));
            long count = 0;
            await using (var import = await connection!.BeginBinaryImportAsync(
                $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)", ct))
            {
                // A COPY waits as long as the context's commands may (the generator allows minutes), not the connection's 30 s.
                if (Db.Database.GetCommandTimeout() is int seconds)
                    import.Timeout = TimeSpan.FromSeconds(seconds);
                foreach (var row in rows)
                {
                    await import.StartRowAsync(ct);
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var value = columns[i].Value(row);
                        if (value is null)
                            await import.WriteNullAsync(ct);
                        else
                            await import.WriteAsync(value, types[i], ct);
                    }
                    count++;
                }
                await import.CompleteAsync(ct);
            }
            return count;
        }

        private static NpgsqlDbType DbType(Column c)
        {
            var storeType = c.Property.GetColumnType();
            return c.ProviderType switch
            {
                var t when t == typeof(int) => NpgsqlDbType.Integer,
                var t when t == typeof(long) => NpgsqlDbType.Bigint,
                var t when t == typeof(short) => NpgsqlDbType.Smallint,
                var t when t == typeof(double) => NpgsqlDbType.Double,
                var t when t == typeof(bool) => NpgsqlDbType.Boolean,
                var t when t == typeof(string) => NpgsqlDbType.Text,
                var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
                var t when t == typeof(DateTime) => storeType.StartsWith("timestamp without", StringComparison.Ordinal) ? NpgsqlDbType.Timestamp : NpgsqlDbType.TimestampTz,
                var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz, // Identity's LockoutEnd, on generated navigators
                var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
                var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
                var t => throw new NotSupportedException($"{c.Property.DeclaringType.DisplayName()}.{c.Property.Name}: no COPY type for {t.Name}."),
            };
        }

        public override async Task CommitAsync(CancellationToken ct)
        {
            if (joined)
                return;
            // Rows came with their ids, so each identity sequence must continue after the largest one.
            foreach (var (table, column) in identities.Distinct())
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX({Quote(column)}) FROM {Quote(table)}), 1), (SELECT MAX({Quote(column)}) FROM {Quote(table)}) IS NOT NULL)",
                    connection, transaction);
                command.Parameters.AddWithValue("table", Quote(table));
                command.Parameters.AddWithValue("column", column);
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction!.CommitAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (joined)
                return;
            if (transaction is not null)
                await transaction.DisposeAsync();
            await Db.Database.CloseConnectionAsync();
        }
    }
}
