using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masten.Data;

/// <summary>
/// One number that grows with every committed write to Masten's records: the key under which a rendered
/// page may be reused (see the web project's <c>Platform/ResponseCache.cs</c>). It lives in one row that a
/// writing transaction increments just before it commits (<see cref="Interceptor"/>), so every web instance
/// on the database reads the same number, and on PostgreSQL the row lock orders the increments as the
/// commits. Taking the lock only at commit keeps it out of every other lock order, so it cannot deadlock.
/// A reader takes the number before it reads anything else, so what it renders is at least as new as the
/// number it is stored under.
/// </summary>
public partial class DataStamp
{
    public int Id { get; set; }
    public long Value { get; set; }

    /// <summary>The one statement that increments the stamp, inside the writing transaction.</summary>
    public const string IncrementSql = """UPDATE "DataStamps" SET "Value" = "Value" + 1 WHERE "Id" = 1""";

    /// <summary>
    /// The stamp as committed now; for a context that keeps it (<see cref="MastenDbContext.KeepStampUntilWrite"/>), as
    /// committed when the context first read it, until the context writes.
    /// </summary>
    public static async Task<long> ReadAsync(MastenDbContext db, CancellationToken ct = default)
    {
        var outsideTransaction = db.Database.CurrentTransaction is null;
        if (outsideTransaction && db.KeptStamp is { } kept)
            return kept;
        var stamp = await db.Database.SqlQueryRaw<long>("""SELECT "Value" AS "Value" FROM "DataStamps" WHERE "Id" = 1""").FirstOrDefaultAsync(ct);
        if (outsideTransaction && db.KeepsStamp)
            db.KeptStamp = stamp;
        return stamp;
    }

    /// <summary>
    /// Increments the stamp inside a transaction that is about to commit, when the context wrote records in it:
    /// <see cref="MastenDbContext"/> marks every save that changes records, and set-based writes that bypass the
    /// change tracker call <see cref="MastenDbContext.StampOnCommit"/> themselves.
    /// </summary>
    public sealed class Interceptor : DbTransactionInterceptor
    {
        public static readonly Interceptor Instance = new();

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is MastenDbContext kept)
                kept.KeptStamp = null; // the commit may raise the stamp: the context's next read takes it again
            if (eventData.Context is MastenDbContext { StampPending: true } db)
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = IncrementSql;
                await command.ExecuteNonQueryAsync(cancellationToken);
                db.StampPending = false;
            }
            return result;
        }

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is MastenDbContext db)
                db.StampPending = false;
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
        {
            if (eventData.Context is MastenDbContext db)
                db.StampPending = false;
        }
    }

    /// <summary>
    /// Raises the stamp for set-based writes that bypass the change tracker (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>,
    /// <c>ExecuteSql</c>) when they change rows, so that no reused answer outlives them, whether or not the code that runs
    /// them remembers <see cref="MastenDbContext.StampOnCommit"/>: inside a transaction its commit raises the stamp; outside
    /// one the stamp is raised right after the write (a reader in between takes the old stamp and newer records, never
    /// the other way round). Writes only to tables no reused answer reads (<see cref="Unstamped"/>: the mail queue's
    /// locks and sends, a person's read marks and settings) leave it, so the mail worker does not end every reuse.
    /// Commands run on the connection without Entity Framework (the bulk writer's COPY and prepared inserts) are not
    /// seen here; they run in a transaction that calls <see cref="MastenDbContext.StampOnCommit"/> or saves changes.
    /// </summary>
    public sealed partial class SetBasedWrites : DbCommandInterceptor
    {
        public static readonly SetBasedWrites Instance = new();

        /// <summary>Tables whose rows no reused answer, page or analysis reads; writes to them alone leave the stamp.</summary>
        public static readonly IReadOnlySet<string> Unstamped = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "DataStamps", "OutboxMessages", "Notifications", "NotificationSettings",
        };

        [GeneratedRegex("""\b(?:UPDATE|DELETE\s+FROM|INSERT\s+INTO)\s+(?:ONLY\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex WrittenTable();

        /// <summary>Whether a statement that changed rows writes a table other than the <see cref="Unstamped"/> ones (or one it cannot name).</summary>
        public static bool Stamps(string sql)
        {
            var tables = WrittenTable().Matches(sql);
            return tables.Count == 0 || tables.Any(t => !Unstamped.Contains(t.Groups[1].Value));
        }

        public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (Needed(command, eventData, result) is { } db)
                await StampAsync(db, command, cancellationToken);
            return result;
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            if (Needed(command, eventData, result) is { } db)
                StampAsync(db, command, default).GetAwaiter().GetResult();
            return result;
        }

        private static MastenDbContext? Needed(DbCommand command, CommandExecutedEventData eventData, int rows) =>
            rows > 0 && eventData.Context is MastenDbContext db
                && eventData.CommandSource is CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw
                && Stamps(command.CommandText)
                ? db : null;

        private static async Task StampAsync(MastenDbContext db, DbCommand write, CancellationToken ct)
        {
            db.KeptStamp = null;
            if (db.Database.CurrentTransaction is not null)
            {
                db.StampPending = true;
                return;
            }
            await using var command = write.Connection!.CreateCommand();
            command.Transaction = write.Transaction;
            command.CommandText = IncrementSql;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
