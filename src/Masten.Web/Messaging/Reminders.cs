using System.Globalization;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masten.Web.Messaging;

/// <summary>
/// One pass of the reminders: finds what is due today (<see cref="ReminderReads"/>) and writes one e-mail per person
/// and cause into the outbox, all in one transaction. Two instances may run a pass at the same moment: the outbox's
/// unique cause key lets only one of them store a given reminder, and the other's transaction stores nothing, so
/// each reminder is sent exactly once. Reminders are in Swedish until people have settings of their own.
/// </summary>
public sealed class Reminders(IServiceScopeFactory scopes, MailComposer composer, TimeProvider clock, ILogger<Reminders> log)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
        db.Author = "reminders";
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = await ReminderReads.CommitmentsAsync(db, today, ct);
        if (due.Count == 0)
            return 0;
        var store = new OutboxStore(db);
        foreach (var row in due)
            store.Add(Commitment(row, JsonLanguage));
        try
        {
            await db.SaveChangesAsync(ct);
            return due.Count;
        }
        catch (DbUpdateException ex)
        {
            // Another instance stored (some of) these reminders first; ours are dropped, the next pass adds any left.
            MailLog.RemindersTaken(log, ex.InnerException?.Message ?? ex.Message);
            return 0;
        }
    }

    private const string JsonLanguage = "sv";

    /// <summary>The reminder of one commitment to one representative.</summary>
    public OutboxMessage Commitment(CommitmentReminderRow row, string language)
    {
        var date = row.DueDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(language));
        var overdue = row.Reminder == CommitmentReminder.Overdue;
        return composer.Compose(MessageKind.Reminder, language, row.Email, row.UserId,
            MailComposer.Text(language, overdue ? "Mail.Commitment.Overdue.Subject" : "Mail.Commitment.Soon.Subject", row.MissionTitle),
            [
                MailComposer.Text(language, "Mail.Hello"),
                MailComposer.Text(language, "Mail.Commitment.Pledged", row.ActorName, row.MissionTitle),
                $"»{row.Text}«",
                MailComposer.Text(language, overdue ? "Mail.Commitment.Overdue" : "Mail.Commitment.Soon", date),
                MailComposer.Text(language, "Mail.Commitment.What"),
            ],
            new MailAction(MailComposer.Text(language, "Mail.Commitment.Action"), composer.Link(FormattableString.Invariant($"/commitments/{row.CommitmentId}/edit"))),
            sensitive: false, causeKey: ReminderRules.CommitmentKey(row.Reminder, row.CommitmentId, row.UserId));
    }
}

/// <summary>Runs <see cref="Reminders"/> every <see cref="OutboxWorkerOptions.ReminderMinutes"/> minutes on every instance with the worker on.</summary>
public sealed class ReminderWorker(Reminders reminders, IOptions<OutboxWorkerOptions> options, ILogger<ReminderWorker> log, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        var interval = TimeSpan.FromMinutes(Math.Max(0.01, options.Value.ReminderMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reminders.RunAsync(stoppingToken);
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                MailLog.WorkerFailed(log, ex, interval);
                await Task.Delay(interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
