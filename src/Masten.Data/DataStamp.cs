using System.Data.Common;
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
public class DataStamp
{
    public int Id { get; set; }
    public long Value { get; set; }

    /// <summary>The one statement that increments the stamp, inside the writing transaction.</summary>
    public const string IncrementSql = """UPDATE "DataStamps" SET "Value" = "Value" + 1 WHERE "Id" = 1""";

    /// <summary>The stamp as committed now.</summary>
    public static async Task<long> ReadAsync(MastenDbContext db, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<long>("""SELECT "Value" AS "Value" FROM "DataStamps" WHERE "Id" = 1""").FirstOrDefaultAsync(ct);

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
}
