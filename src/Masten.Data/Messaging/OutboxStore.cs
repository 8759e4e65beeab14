using Masten.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Messaging;

/// <summary>A message a worker has claimed, with who held it before when an earlier claim ran out unsent.</summary>
public sealed record ClaimedMessage(OutboxMessage Message, string? PreviousClaimant);

/// <summary>A row of the administrators' outbox list (no bodies).</summary>
public sealed record OutboxRow(long Id, MessageKind Kind, string ToAddress, string Language, string Subject, OutboxState State,
    DateTime CreatedAt, int Attempts, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>
/// The outbox: e-mail is added to the context of the write that causes it (so both commit together), and the outbox
/// worker claims, sends and settles it. On PostgreSQL a claim takes rows with <c>FOR UPDATE SKIP LOCKED</c>, so several
/// instances never take the same row; on SQLite one instance sends.
/// </summary>
public sealed class OutboxStore(MastenDbContext db)
{
    /// <summary>Adds a message to the context; the caller's next <c>SaveChangesAsync</c> stores it with its cause.</summary>
    public OutboxMessage Add(OutboxMessage message)
    {
        Queue(message, 0, db.Clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Makes a message pending from <paramref name="now"/>, with its id when a bulk write chose one (0: the database's).</summary>
    internal static void Queue(OutboxMessage message, long id, DateTime now)
    {
        message.Id = id;
        message.CreatedAt = now;
        message.NextAttemptAt = now;
        message.State = OutboxState.Pending;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due messages for <paramref name="worker"/> for one <paramref name="lease"/> (<see cref="Delivery.Lease"/> by default),
    /// counting the attempt. A message whose earlier lease ran out while unsent comes back with its previous claimant:
    /// that worker may have sent it before it stopped.
    /// </summary>
    public async Task<List<ClaimedMessage>> ClaimAsync(string worker, int max, TimeSpan lease, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Database.SqlQueryRaw<ClaimRow>(db.Database.IsNpgsql() ? ClaimPostgres : ClaimSqlite, now, max).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.Id).ToList();
        var until = now + lease;
        // Conditional, so that even without row locks (SQLite) a row is claimed by one worker only.
        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.State == OutboxState.Pending && (m.LockedUntil == null || m.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedBy, worker)
                .SetProperty(m => m.LockedUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LockedBy == worker && m.State == OutboxState.Pending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(ct);
        await transaction.CommitAsync(ct);
        var previous = rows.ToDictionary(r => r.Id, r => r.LockedBy);
        return [.. messages.Select(m => new ClaimedMessage(m, previous[m.Id]))];
    }

    // Due, unsent, unclaimed (or claimed by a lease that ran out). PostgreSQL skips rows another instance is claiming;
    // SQLite has one writer at a time and one sending instance.
    private const string ClaimSqlite =
        "SELECT \"Id\", \"LockedBy\" FROM \"OutboxMessages\" WHERE \"State\" = 'Pending' AND \"NextAttemptAt\" <= {0} " +
        "AND (\"LockedUntil\" IS NULL OR \"LockedUntil\" <= {0}) ORDER BY \"NextAttemptAt\", \"Id\" LIMIT {1}";
    private const string ClaimPostgres = ClaimSqlite + " FOR UPDATE SKIP LOCKED";

    /// <summary>Marks a claimed message sent (and clears a sensitive one's bodies). False when the claim was lost to another worker.</summary>
    public async Task<bool> MarkSentAsync(long id, string worker, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == worker && m.State == OutboxState.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.TextBody, m => m.Sensitive ? "" : m.TextBody)
            .SetProperty(m => m.HtmlBody, m => m.Sensitive ? "" : m.HtmlBody), ct) == 1;
    }

    /// <summary>
    /// Settles a failed attempt: back to pending after <see cref="Delivery.BackOff"/>, or failed for good when the
    /// server refused it permanently or the attempts are used up.
    /// </summary>
    public async Task<OutboxState> MarkFailedAsync(long id, string worker, int attempts, string error, bool permanent, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var state = permanent || attempts >= Delivery.MaxAttempts ? OutboxState.Failed : OutboxState.Pending;
        error = error.Length > 1000 ? error[..1000] : error;
        await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == worker).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, state)
            .SetProperty(m => m.NextAttemptAt, now + Delivery.BackOff(attempts))
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null)
            .SetProperty(m => m.LastError, error), ct);
        return state;
    }

    /// <summary>Marks a claimed message not sent because its recipient unsubscribed.</summary>
    public Task MarkSuppressedAsync(long id, string worker, CancellationToken ct = default) =>
        db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == worker).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Suppressed)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);

    /// <summary>Which of these addresses unsubscribed (upper-case normalised).</summary>
    public async Task<HashSet<string>> SuppressedAsync(IEnumerable<string> addresses, CancellationToken ct = default)
    {
        var normalized = addresses.Select(Normalize).Distinct().ToList();
        var found = await db.EmailSuppressions.AsNoTracking().Where(s => normalized.Contains(s.NormalizedAddress)).Select(s => s.NormalizedAddress).ToListAsync(ct);
        return [.. found];
    }

    /// <summary>Stops e-mail to this address, except what its owner asks for (password resets, address changes). Idempotent.</summary>
    public async Task SuppressAsync(string address, CancellationToken ct = default)
    {
        var normalized = Normalize(address);
        if (await db.EmailSuppressions.AnyAsync(s => s.NormalizedAddress == normalized, ct))
            return;
        db.EmailSuppressions.Add(new EmailSuppression { NormalizedAddress = normalized, CreatedAt = db.Clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another click may have stored it first; anything else is a real failure.
            if (!await db.EmailSuppressions.AsNoTracking().AnyAsync(s => s.NormalizedAddress == normalized, ct))
                throw;
        }
    }

    public Task<bool> IsSuppressedAsync(string address, CancellationToken ct = default)
    {
        var normalized = Normalize(address);
        return db.EmailSuppressions.AsNoTracking().AnyAsync(s => s.NormalizedAddress == normalized, ct);
    }

    /// <summary>One page of the outbox, newest first, optionally of one state.</summary>
    public async Task<(List<OutboxRow> Rows, Paging Paging)> PageAsync(OutboxState? state, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.OutboxMessages.AsNoTracking().Where(m => state == null || m.State == state);
        var paging = Paging.For(page, pageSize, await query.CountAsync(ct));
        var rows = await query.OrderByDescending(m => m.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.ToAddress, m.Language, m.Subject, m.State, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync(ct);
        return (rows, paging);
    }

    /// <summary>How many messages are in each state.</summary>
    public async Task<Dictionary<OutboxState, int>> CountsAsync(CancellationToken ct = default) =>
        await db.OutboxMessages.AsNoTracking().GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public Task<OutboxMessage?> FindAsync(long id, CancellationToken ct = default) =>
        db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    public static string Normalize(string address) => address.Trim().ToUpperInvariant();

    private sealed class ClaimRow
    {
        public long Id { get; set; }
        public string? LockedBy { get; set; }
    }
}
