using Masten.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Messaging;

/// <summary>A person who may get a digest, with their settings (the defaults when they never saved any).</summary>
public sealed record DigestRecipient(int UserId, string Email, string? Language, string? UsedLanguage, DigestFrequency Frequency, int Hour,
    DayOfWeek Weekday, NotificationKinds Kinds, string? LastDigestPeriod, bool HasSettings);

/// <summary>One person's digest for one period: the new notifications, and the e-mail that tells them (none when off or empty).</summary>
public sealed record DigestWrite(DigestRecipient Recipient, string Period, IReadOnlyList<ReminderItem> Items, OutboxMessage? Message);

/// <summary>
/// Reads and writes of the digest pass. A digest is written in one transaction with its notifications and its
/// period mark, so a period's digest exists once: two instances that write the same person's digest at the same
/// moment collide on the unique keys (a person's cause, the digest's cause key, the settings row), and the loser
/// stores nothing for that person.
/// </summary>
public static class DigestStore
{
    /// <summary>Every account in use with an address, with its settings, in one query.</summary>
    public static async Task<List<DigestRecipient>> RecipientsAsync(MastenDbContext db, IReadOnlyCollection<int>? only = null, CancellationToken ct = default)
    {
        var users = db.Users.AsNoTracking().Where(u => u.Email != null && u.DisabledAt == null);
        if (only is not null)
            users = users.Where(u => only.Contains(u.Id));
        var rows = await (from u in users
                          join s in db.NotificationSettings on u.Id equals s.UserId into settings
                          from s in settings.DefaultIfEmpty()
                          select new { u.Id, u.Email, Settings = s }).ToListAsync(ct);
        return [.. rows.Select(r => r.Settings is { } s
            ? new DigestRecipient(r.Id, r.Email!, s.Language, s.UsedLanguage, s.Frequency, s.Hour, s.Weekday, s.Kinds, s.LastDigestPeriod, true)
            : new DigestRecipient(r.Id, r.Email!, null, null, DigestFrequency.Daily, NotificationRules.DefaultHour, DayOfWeek.Monday, NotificationKinds.All, null, false))];
    }

    /// <summary>Which of these causes these people were told of already.</summary>
    public static async Task<HashSet<(int UserId, string CauseKey)>> ToldAsync(MastenDbContext db, IReadOnlyCollection<int> userIds, IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        var told = new HashSet<(int, string)>();
        // In slices, so the lists stay well inside every database's limit on parameters.
        foreach (var slice in keys.Chunk(2000))
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => slice.Contains(n.CauseKey) && userIds.Contains(n.UserId))
                .Select(n => new { n.UserId, n.CauseKey }).ToListAsync(ct);
            foreach (var r in rows)
                told.Add((r.UserId, r.CauseKey));
        }
        return told;
    }

    /// <summary>
    /// Writes the digests in one transaction: the period marks set-based (one statement per period for people with
    /// settings, the others' first settings rows inserted), then the notifications and e-mails through the bulk writer
    /// (binary COPY on PostgreSQL, one prepared INSERT per table on SQLite), not one tracked entity per row. Returns
    /// false, with nothing stored, when another instance stored one of these digests first: its notifications or its
    /// digest's cause key are taken (a unique key), or it inserted a settings row meanwhile.
    /// </summary>
    public static async Task<bool> WriteAsync(MastenDbContext db, IReadOnlyList<DigestWrite> digests, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var period in digests.Where(d => d.Recipient.HasSettings).GroupBy(d => d.Period))
            {
                foreach (var slice in period.Select(d => d.Recipient.UserId).Chunk(1000))
                    await db.NotificationSettings.Where(s => slice.Contains(s.UserId))
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastDigestPeriod, period.Key).SetProperty(x => x.UpdatedAt, now), ct);
            }
            var marks = digests.Where(d => !d.Recipient.HasSettings)
                .Select(d => new NotificationSettings { UserId = d.Recipient.UserId, LastDigestPeriod = d.Period, UpdatedAt = now }).ToList();
            var notifications = digests.SelectMany(d => d.Items).Select(item => new Notification
            {
                UserId = item.UserId, Kind = item.Kind, CauseKey = item.CauseKey, MissionId = item.MissionId, Context = item.Context,
                Subject = item.Subject, ActorName = item.ActorName, Date = item.Date, Link = item.Link, CreatedAt = now,
            }).ToList();
            var messages = digests.Where(d => d.Message is not null).Select(d => d.Message!).ToList();
            var notificationIds = await Imports.ImportBulk.ReserveIdsAsync(db, "Notifications", notifications.Count, ct);
            for (var i = 0; i < notifications.Count; i++)
                notifications[i].Id = notificationIds[i];
            var messageIds = await Imports.ImportBulk.ReserveIdsAsync(db, "OutboxMessages", messages.Count, ct);
            for (var i = 0; i < messages.Count; i++)
                OutboxStore.Queue(messages[i], messageIds[i], now);
            await using (var writer = await Generation.BulkWriter.BeginAsync(db, exactValues: true, ct))
            {
                await writer.WriteAsync(marks, ct);
                await writer.WriteAsync(notifications, ct);
                await writer.WriteAsync(messages, ct);
            }
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (System.Data.Common.DbException ex) when (IsUniqueViolation(ex))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return false;
        }
    }

    /// <summary>A row another writer stored first: SQLite's constraint error, PostgreSQL's unique_violation (or a deadlock with that writer).</summary>
    private static bool IsUniqueViolation(System.Data.Common.DbException ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        // Two instances marking the same people's settings may also deadlock; the loser retries person by person.
        Npgsql.PostgresException postgres => postgres.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DeadlockDetected,
        _ => false,
    };
}
