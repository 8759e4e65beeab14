using System.Globalization;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masten.Web.Messaging;

/// <summary>The settings of notifications: <c>Messaging:TimeZone</c>, the zone people's digest hours are in.</summary>
public sealed class NotificationOptions
{
    /// <summary>An IANA time zone (default Europe/Stockholm, the mission time zone).</summary>
    public string TimeZone { get; set; } = NotificationRules.DefaultTimeZone;

    public TimeZoneInfo Zone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>
/// One pass of the reminders, run every few minutes on every instance. It finds the people whose digest period has
/// come (their hour, daily or on their weekday, in the mission time zone: <see cref="NotificationRules.DuePeriod"/>),
/// what is due or late for them (<see cref="ReminderReads.DueAsync"/>: each cause once, for everyone; a batch's items
/// are made only when the batch is written), leaves out every cause they were told already, and writes per person the
/// new notifications (the in-app list), one digest e-mail in their language, and the period's mark, in one bulk
/// transaction per batch of people (<see cref="DigestStore.WriteAsync"/>). Two instances may run a pass at the same
/// moment: the unique keys (a person's cause, the digest's cause key) let only one of them store a person's digest;
/// the other's batch is rolled back and retried person by person, finding the work done. So each digest is sent once.
/// </summary>
public sealed class Reminders(IServiceScopeFactory scopes, MailComposer composer, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<Reminders> log)
{
    private const int BatchSize = 200;

    /// <summary>Runs one pass now; how many digests it stored (with or without an e-mail).</summary>
    public Task<int> RunAsync(CancellationToken ct) => RunAsync(clock.GetUtcNow().UtcDateTime, ct);

    public async Task<int> RunAsync(DateTime utcNow, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var zone = options.Value.Zone();
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var today = DateOnly.FromDateTime(local);
        List<DigestRecipient> due;
        DueReminders items;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
            due = [.. (await DigestStore.RecipientsAsync(db, null, ct)).Where(r => PeriodOf(r, local) is { } period && period != r.LastDigestPeriod)];
            if (due.Count == 0)
                return 0;
            items = await ReminderReads.DueAsync(db, today, ct);
        }
        var stored = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            if (await TryWriteAsync(batch, items, local, reread: false, ct) is { } count)
            {
                stored += count;
                continue;
            }
            // Another instance wrote some of these people's digests first: one at a time, each re-read.
            foreach (var person in batch)
                stored += await TryWriteAsync([person], items, local, reread: true, ct) ?? 0;
        }
        MailLog.ReminderPass(log, due.Count, items.Count, stored, started.ElapsedMilliseconds);
        return stored;
    }

    /// <summary>Writes the digests of these people in one transaction; null when another instance was first (nothing stored).</summary>
    private async Task<int?> TryWriteAsync(DigestRecipient[] people, DueReminders due, DateTime local, bool reread, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        db.Author = "reminders";
        var ids = people.Select(p => p.UserId).ToList();
        if (reread)
            people = [.. (await DigestStore.RecipientsAsync(db, ids, ct)).Where(r => PeriodOf(r, local) is { } period && period != r.LastDigestPeriod)];
        if (people.Length == 0)
            return 0;
        var wanted = people.ToDictionary(p => p.UserId, p => due.For(p.UserId).Where(i => p.Kinds.HasFlag(NotificationRules.KindsOf(i.Kind))).DistinctBy(i => i.CauseKey).ToList());
        var told = await DigestStore.ToldAsync(db, ids, [.. wanted.Values.SelectMany(v => v).Select(i => i.CauseKey).Distinct()], ct);
        var writes = people.Select(p =>
        {
            var period = PeriodOf(p, local)!;
            var fresh = wanted[p.UserId].Where(i => !told.Contains((p.UserId, i.CauseKey))).ToList();
            var message = fresh.Count > 0 && p.Frequency != DigestFrequency.Off ? Digest(p, period, fresh) : null;
            return new DigestWrite(p, period, fresh, message);
        }).ToList();
        if (await DigestStore.WriteAsync(db, writes, ct))
            return writes.Count;
        MailLog.RemindersTaken(log, people.Length);
        return null;
    }

    /// <summary>
    /// The period due for a person now, or null. Someone who turned the digest off still gets their in-app
    /// notifications once a day, from midnight.
    /// </summary>
    private static string? PeriodOf(DigestRecipient r, DateTime local) => r.Frequency == DigestFrequency.Off
        ? NotificationRules.DuePeriod(DigestFrequency.Daily, 0, r.Weekday, local)
        : NotificationRules.DuePeriod(r.Frequency, r.Hour, r.Weekday, local);

    /// <summary>One person's digest: their new notifications by kind, each with a link straight to its form, in their language.</summary>
    public OutboxMessage Digest(DigestRecipient person, string period, IReadOnlyList<ReminderItem> items)
    {
        var language = NotificationRules.LanguageOf(person.Language, person.UsedLanguage);
        var sections = items.GroupBy(i => i.Kind).OrderBy(g => g.Key)
            .Select(g => new MailSection(MailComposer.Text(language, $"Mail.Digest.{g.Key}"),
                [.. g.OrderBy(i => i.Date).Select(i => new MailItem(Line(i, language), new MailAction(MailComposer.Text(language, $"Mail.Digest.{g.Key}.Action"), composer.Link(i.Link))))]))
            .ToList();
        var subject = items.Count == 1 ? MailComposer.Text(language, "Mail.Digest.SubjectOne") : MailComposer.Text(language, "Mail.Digest.Subject", items.Count);
        var how = person.Frequency == DigestFrequency.Weekly ? "Mail.Digest.Weekly" : "Mail.Digest.Daily";
        return composer.Compose(MessageKind.Digest, language, person.Email, person.UserId, subject,
            [MailComposer.Text(language, "Mail.Hello"), MailComposer.Text(language, "Mail.Digest.Lead")],
            sections,
            [MailComposer.Text(language, how), MailComposer.Text(language, "Mail.Digest.Settings") + " " + composer.Link("/account/notifications")],
            sensitive: false, causeKey: NotificationRules.DigestKey(person.UserId, period));
    }

    /// <summary>The line of one item: what, for whom, where and when.</summary>
    public static string Line(ReminderItem item, string language) => Line(item.Kind, item.Subject, item.ActorName, item.Context, item.Date, language);

    public static string Line(NotificationKind kind, string subject, string? actor, string context, DateOnly? date, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var when = date?.ToString("d MMMM yyyy", culture) ?? MailComposer.Text(language, "Mail.Digest.Never");
        var what = kind == NotificationKind.ReviewComing ? MailComposer.Text(language, $"Enum.ReviewKind.{subject}") : $"»{subject}«";
        var where = actor is null ? context : $"{actor}, {context}";
        // A round with no closing date has no day to name: its line says only that the commitment waits.
        var line = kind == NotificationKind.SignatureWaiting && date is null ? "LineOpen" : "Line";
        return MailComposer.Text(language, $"Mail.Digest.{kind}.{line}", what, where, when);
    }
}

/// <summary>Runs <see cref="Reminders"/> every <see cref="OutboxWorkerOptions.ReminderMinutes"/> minutes on every instance with the worker on.</summary>
public sealed class ReminderWorker(Reminders reminders, IOptions<OutboxWorkerOptions> options, ILogger<ReminderWorker> log, TimeProvider clock) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoop.RunPassesAsync(reminders.RunAsync, options.Value, clock, log, stoppingToken);
}
