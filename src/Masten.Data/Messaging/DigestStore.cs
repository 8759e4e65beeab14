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

    /// <summary>Adds the digests to the context (notifications, e-mail, period marks); the caller saves them.</summary>
    public static void Add(MastenDbContext db, IEnumerable<DigestWrite> digests)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var outbox = new OutboxStore(db);
        foreach (var d in digests)
        {
            foreach (var item in d.Items)
                db.Notifications.Add(new Notification
                {
                    UserId = item.UserId, Kind = item.Kind, CauseKey = item.CauseKey, MissionId = item.MissionId, Context = item.Context,
                    Subject = item.Subject, ActorName = item.ActorName, Date = item.Date, Link = item.Link, CreatedAt = now,
                });
            if (d.Message is not null)
                outbox.Add(d.Message);
            var r = d.Recipient;
            if (r.HasSettings)
            {
                var mark = new NotificationSettings { UserId = r.UserId };
                db.NotificationSettings.Attach(mark);
                mark.LastDigestPeriod = d.Period;
                mark.UpdatedAt = now;
            }
            else
                db.NotificationSettings.Add(new NotificationSettings { UserId = r.UserId, LastDigestPeriod = d.Period, UpdatedAt = now });
        }
    }
}
