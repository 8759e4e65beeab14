using Masten.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Messaging;

/// <summary>A person's settings as the page and the API show them (the defaults when they never saved any).</summary>
public sealed record NotificationSettingsDto(string Language, string? ChosenLanguage, DigestFrequency Frequency, int Hour, DayOfWeek Weekday,
    IReadOnlyList<string> Kinds, string TimeZone);

/// <summary>The settings a person saves.</summary>
public sealed record NotificationSettingsInput(string? Language, DigestFrequency Frequency, int Hour, DayOfWeek Weekday, NotificationKinds Kinds);

/// <summary>One notification in a person's list.</summary>
public sealed record NotificationDto(long Id, NotificationKind Kind, string Context, string Subject, string? ActorName, DateOnly? Date, string Link,
    DateTime CreatedAt, DateTime? ReadAt)
{
    public bool Read => ReadAt is not null;
}

/// <summary>
/// A person's settings for messages and their notifications (the in-app list), read and written for the
/// signed-in account only: every method takes the account's id, so one person never reads another's.
/// </summary>
public sealed class NotificationStore(MastenDbContext db)
{
    /// <summary>The settings of an account, or the defaults; <paramref name="requestLanguage"/> stands in when nothing is stored.</summary>
    public async Task<NotificationSettingsDto> SettingsAsync(int userId, string timeZone, string? requestLanguage = null, CancellationToken ct = default)
    {
        var s = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct) ?? new NotificationSettings { UserId = userId };
        return new NotificationSettingsDto(NotificationRules.LanguageOf(s.Language, s.UsedLanguage, requestLanguage), s.Language, s.Frequency, s.Hour, s.Weekday,
            KindNames(s.Kinds), timeZone);
    }

    /// <summary>The language of an account's messages (<see cref="NotificationRules.LanguageOf"/>).</summary>
    public async Task<string> LanguageOfAsync(int userId, string? fallback, CancellationToken ct = default)
    {
        var s = await db.NotificationSettings.AsNoTracking().Where(s => s.UserId == userId).Select(s => new { s.Language, s.UsedLanguage }).FirstOrDefaultAsync(ct);
        return NotificationRules.LanguageOf(s?.Language, s?.UsedLanguage, fallback);
    }

    /// <summary>Saves an account's settings; throws a <see cref="Core.Common.DomainException"/> naming the field, storing nothing, when they are not valid.</summary>
    public async Task SaveAsync(int userId, NotificationSettingsInput input, CancellationToken ct = default)
    {
        NotificationRules.Validate(input.Language, input.Hour, input.Kinds);
        var row = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (row is null)
            db.NotificationSettings.Add(row = new NotificationSettings { UserId = userId });
        row.Language = input.Language;
        row.Frequency = input.Frequency;
        row.Hour = input.Hour;
        row.Weekday = input.Weekday;
        row.Kinds = input.Kinds;
        row.UpdatedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Remembers the interface language an account used (at sign-in): their messages' language until they choose one.</summary>
    public async Task RecordUsedLanguageAsync(int userId, string language, CancellationToken ct = default)
    {
        if (!NotificationRules.Languages.Contains(language))
            return;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (await db.NotificationSettings.Where(s => s.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(s => s.UsedLanguage, language).SetProperty(s => s.UpdatedAt, now), ct) > 0)
            return;
        db.NotificationSettings.Add(new NotificationSettings { UserId = userId, UsedLanguage = language, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two sign-ins at once: the other stored the row; the language is the same request's either way.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>One page of an account's notifications, newest first, optionally only the unread.</summary>
    public Task<Page<NotificationDto>> PageAsync(int userId, bool unreadOnly, int page, int pageSize, CancellationToken ct = default) =>
        db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && (!unreadOnly || n.ReadAt == null))
            .OrderByDescending(n => n.Id)
            .Select(n => new NotificationDto(n.Id, n.Kind, n.Context, n.Subject, n.ActorName, n.Date, n.Link, n.CreatedAt, n.ReadAt))
            .ToPageAsync(page, pageSize, ct);

    public Task<int> UnreadCountAsync(int userId, CancellationToken ct = default) =>
        db.Notifications.AsNoTracking().CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);

    /// <summary>Marks one of the account's notifications read (null: all of them); how many changed. Another person's id changes nothing.</summary>
    public Task<int> MarkReadAsync(int userId, long? id, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
    }

    public Task<bool> ExistsAsync(int userId, long id, CancellationToken ct = default) =>
        db.Notifications.AsNoTracking().AnyAsync(n => n.UserId == userId && n.Id == id, ct);

    /// <summary>The names of the flags set, in their declared order (<c>Commitments</c>, <c>Reports</c> …).</summary>
    public static IReadOnlyList<string> KindNames(NotificationKinds kinds) =>
        [.. Enum.GetValues<NotificationKinds>().Where(k => k is not NotificationKinds.None and not NotificationKinds.All && kinds.HasFlag(k)).Select(k => k.ToString())];
}
