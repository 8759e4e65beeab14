using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Messaging;
using Masten.Core.Pulses;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Pulses;

/// <summary>Who gets a round's link: a contact person of an actor of the mission, in their language.</summary>
public sealed record PulseRecipient(int ContactId, string Name, string Email, ActorType ActorType, string Language);

/// <summary>Writes the e-mail of one round's link (the web host's implementation, in the recipient's language).</summary>
public interface IPulseMail
{
    OutboxMessage Compose(PulseRecipient recipient, string missionTitle, string secret, DateOnly closesOn, string causeKey);
}

/// <summary>
/// Every write to pulses, shared by pages, the API and the background work. Bad input throws a
/// <see cref="DomainException"/> naming the field, before anything is stored. The anonymity of answers rests on
/// what is written here: a round's links name no person and carry no time, they are inserted in a shuffled order,
/// and an answer is stored apart from its link, with only its round and actor type (see <see cref="PulseLink"/>).
/// </summary>
public sealed class PulseStore(MastenDbContext db)
{
    /// <summary>Who wrote the values a pulse computes into its indicator.</summary>
    public const string ComputedBy = "Masten (computed from the pulse)";

    /// <summary>Defines the mission's pulse or changes it (the change names the version last read). Null when the mission does not exist.</summary>
    public async Task<Pulse?> DefineAsync(int missionId, PulseInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == missionId, ct))
            return null;
        PulseRules.Validate(input);
        if (input.IndicatorId is { } indicatorId)
        {
            if (!await db.Indicators.AnyAsync(i => i.Id == indicatorId && i.Goal!.MissionId == missionId, ct))
                throw Invalid("indicatorId", "UnknownIndicator", "is not an indicator of this mission.");
            if (await db.Journeys.AnyAsync(j => j.StartedIndicatorId == indicatorId, ct))
                throw Invalid("indicatorId", "PulseIndicatorTaken", "is already computed by Masten from the journey.");
        }
        var pulse = await db.Pulses.FirstOrDefaultAsync(p => p.MissionId == missionId, ct);
        if (pulse is null)
        {
            pulse = new Pulse { MissionId = missionId };
            db.Pulses.Add(pulse);
        }
        else
            db.ExpectVersion(pulse, input.Version);
        pulse.Statements = PulseRules.WriteStatements(input.Statements!.Select(s => new PulseStatement(s.Key.Trim(), s.Sv.Trim(), Trim(s.En), Trim(s.Da))));
        pulse.OpenQuestion = PulseRules.WriteText(input.OpenQuestion is { } q ? new PulseText(q.Sv.Trim(), Trim(q.En), Trim(q.Da)) : null);
        pulse.ActorTypes = [.. input.ActorTypes!.Distinct().Order()];
        pulse.RoundsPerYear = input.RoundsPerYear;
        pulse.StartsOn = input.StartsOn ?? Today();
        pulse.OpenDays = input.OpenDays;
        pulse.Threshold = input.Threshold;
        pulse.Scheduled = input.Scheduled;
        pulse.IndicatorId = input.IndicatorId;
        pulse.IndicatorStatement = input.IndicatorId is null ? null : input.IndicatorStatement;
        await db.SaveVersionedAsync(ct);
        return pulse;
    }

    /// <summary>The contact people with an address of the mission's current actors of the pulse's types, one per address.</summary>
    public async Task<List<PulseRecipient>> RecipientsAsync(Pulse pulse, DateOnly today, CancellationToken ct = default)
    {
        var types = pulse.ActorTypes;
        var rows = await (from m in db.Memberships.AsNoTracking()
                          where m.MissionId == pulse.MissionId && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn >= today)
                          join a in db.Actors.AsNoTracking() on m.ActorId equals a.Id
                          where types.Contains(a.Type)
                          join c in db.ContactPeople.AsNoTracking() on a.Id equals c.ActorId
                          where c.Email != null && c.Email != ""
                          orderby c.Id
                          select new { c.Id, c.Name, c.Email, a.Type, a.Country }).ToListAsync(ct);
        var addresses = rows.Select(r => r.Email!.Trim().ToUpperInvariant()).Distinct().ToList();
        var languages = await (from u in db.Users.AsNoTracking()
                               where u.NormalizedEmail != null && addresses.Contains(u.NormalizedEmail)
                               join s in db.NotificationSettings.AsNoTracking() on u.Id equals s.UserId
                               select new { u.NormalizedEmail, s.Language, s.UsedLanguage }).ToListAsync(ct);
        var byAddress = languages.GroupBy(l => l.NormalizedEmail!).ToDictionary(g => g.Key, g => g.First());
        return [.. rows.DistinctBy(r => r.Email!.Trim().ToUpperInvariant()).Select(r =>
        {
            var chosen = byAddress.GetValueOrDefault(r.Email!.Trim().ToUpperInvariant());
            var fallback = r.Country == Country.Denmark ? "da" : "sv";
            return new PulseRecipient(r.Id, r.Name, r.Email!.Trim(), r.Type, NotificationRules.LanguageOf(chosen?.Language, chosen?.UsedLanguage, fallback));
        })];
    }

    /// <summary>
    /// Opens the next round of the mission's pulse: its statements as they are now, one single-use link per recipient,
    /// each sent by e-mail through the outbox in the same transaction. A round still open is a conflict
    /// (<c>round</c>); so is a scheduled day another instance opened first. Null when the mission has no pulse.
    /// </summary>
    public async Task<PulseRound?> OpenRoundAsync(int missionId, IPulseMail mail, DateOnly? scheduledFor = null, CancellationToken ct = default)
    {
        var pulse = await db.Pulses.AsNoTracking().FirstOrDefaultAsync(p => p.MissionId == missionId, ct);
        if (pulse is null)
            return null;
        var today = Today();
        if (await db.PulseRounds.AnyAsync(r => r.PulseId == pulse.Id && r.ClosedAt == null, ct))
            throw DomainException.Conflict("round", "PulseRoundOpen", "is still open: close it before opening the next.");
        var title = await db.Missions.Where(m => m.Id == missionId).Select(m => m.Title).FirstAsync(ct);
        var recipients = await RecipientsAsync(pulse, today, ct);
        var number = (await db.PulseRounds.Where(r => r.PulseId == pulse.Id).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var round = new PulseRound
        {
            PulseId = pulse.Id,
            MissionId = missionId,
            Number = number,
            ScheduledFor = scheduledFor,
            OpenedOn = today,
            ClosesOn = today.AddDays(pulse.OpenDays - 1),
            Statements = pulse.Statements,
            OpenQuestion = pulse.OpenQuestion,
            Threshold = pulse.Threshold,
            Recipients = recipients.Count,
            OpenedBy = db.Author,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PulseRounds.Add(round);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw DomainException.Conflict("round", "PulseRoundOpen", "was opened by someone else at the same moment.");
        }
        var links = new List<PulseLink>();
        foreach (var r in recipients)
        {
            var secret = PulseRules.NewSecret();
            links.Add(new PulseLink { TokenHash = PulseRules.Hash(secret), RoundId = round.Id, ActorType = r.ActorType });
            new Messaging.OutboxStore(db).Add(mail.Compose(r, title, secret, round.ClosesOn, $"pulse:{round.Id}:{r.ContactId}"));
        }
        // Shuffled, so the links' order in the table is not the order of the recipients (or of their e-mails).
        var shuffled = links.ToArray();
        System.Security.Cryptography.RandomNumberGenerator.Shuffle<PulseLink>(shuffled);
        db.PulseLinks.AddRange(shuffled);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }

    /// <summary>What a link leads to, for the answer page: the round's statements and question, or why it cannot be used.</summary>
    public async Task<(PulseRound? Round, string? MissionTitle, FieldError? Problem)> OpenLinkAsync(string? secret, CancellationToken ct = default)
    {
        if (!PulseRules.LooksLikeSecret(secret))
            return (null, null, Unknown());
        var hash = PulseRules.Hash(secret!);
        var link = await db.PulseLinks.AsNoTracking().Where(l => l.TokenHash == hash).Select(l => new { l.RoundId, l.Used }).FirstOrDefaultAsync(ct);
        if (link is null)
            return (null, null, Unknown());
        var round = await db.PulseRounds.AsNoTracking().IgnoreQueryFilters().FirstAsync(r => r.Id == link.RoundId, ct);
        var title = await db.Missions.IgnoreQueryFilters().Where(m => m.Id == round.MissionId).Select(m => m.Title).FirstAsync(ct);
        if (link.Used)
            return (round, title, Used());
        if (round.ClosedAt is not null || round.ClosesOn < Today())
            return (round, title, Expired(round.ClosesOn));
        return (round, title, null);
    }

    /// <summary>
    /// Takes one answer for a link. The link is marked used and the answer stored in one transaction, the mark first
    /// and only if the link is still unused (<c>UPDATE … WHERE NOT Used</c>): of two simultaneous posts of one link,
    /// exactly one stores an answer; the other is refused (<c>token</c>, 409) and changes nothing.
    /// </summary>
    public async Task AnswerAsync(string? secret, PulseAnswerInput input, CancellationToken ct = default)
    {
        var (round, _, problem) = await OpenLinkAsync(secret, ct);
        if (problem is not null)
            throw new DomainException(problem.Code == "PulseLinkUsed" ? DomainErrorKind.Conflict : DomainErrorKind.Validation, [problem]);
        var statements = PulseRules.ReadStatements(round!.Statements);
        PulseRules.Validate(input, statements);
        var hash = PulseRules.Hash(secret!);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.PulseLinks.Where(l => l.TokenHash == hash && !l.Used).ExecuteUpdateAsync(s => s.SetProperty(l => l.Used, true), ct);
        if (claimed != 1)
            throw new DomainException(DomainErrorKind.Conflict, [Used()]);
        var type = await db.PulseLinks.Where(l => l.TokenHash == hash).Select(l => l.ActorType).FirstAsync(ct);
        var answer = new PulseAnswer
        {
            Id = Guid.NewGuid(),
            RoundId = round.Id,
            ActorType = type,
            OpenAnswer = string.IsNullOrWhiteSpace(input.OpenAnswer) || round.OpenQuestion is null ? null : input.OpenAnswer.Trim(),
        };
        foreach (var s in statements)
            answer.Scores.Add(new PulseScore { AnswerId = answer.Id, StatementKey = s.Key, RoundId = round.Id, ActorType = type, Value = input.Scores![s.Key]!.Value });
        db.PulseAnswers.Add(answer);
        db.StampOnCommit();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Closes a round: no more answers, and its statement's mean goes to the pulse's indicator once (when the round has
    /// at least the threshold of answers), dated the day it closed. False when it was closed already.
    /// </summary>
    public async Task<bool> CloseAsync(int roundId, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var today = Today();
        var round = await db.PulseRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || round.ClosedAt is not null)
            return false;
        var closesOn = round.ClosesOn < today ? round.ClosesOn : today;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Conditional, so of two instances closing at once one records the indicator.
        if (await db.PulseRounds.Where(r => r.Id == roundId && r.ClosedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ClosesOn, closesOn), ct) != 1)
            return false;
        db.StampOnCommit();
        var pulse = await db.Pulses.AsNoTracking().FirstAsync(p => p.Id == round.PulseId, ct);
        if (pulse is { IndicatorId: { } indicatorId, IndicatorStatement: { } key })
        {
            var threshold = Math.Max(round.Threshold, pulse.Threshold);
            var scores = await db.PulseScores.Where(s => s.RoundId == roundId && s.StatementKey == key).GroupBy(s => 1)
                .Select(g => new { Count = g.Count(), Sum = g.Sum(s => s.Value) }).FirstOrDefaultAsync(ct);
            if (scores is not null && scores.Count >= Math.Max(threshold, PulseRules.MinThreshold))
                await new Missions.MissionStore(db).AppendComputedObservationAsync(indicatorId,
                    new Masten.Core.Missions.ObservationInput(closesOn, Math.Round((double)scores.Sum / scores.Count, 2), "Masten",
                        $"Mean of the pulse statement \"{key}\" in round {round.Number}, {scores.Count} answers, computed by Masten."), ComputedBy, ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// One pass of the schedule (every instance runs it): closes the rounds whose last day has passed, then opens the
    /// round of each scheduled pulse whose day has come and has no round yet. Returns how many rounds it opened.
    /// </summary>
    public async Task<int> RunScheduleAsync(IPulseMail mail, CancellationToken ct = default)
    {
        var today = Today();
        foreach (var id in await db.PulseRounds.Where(r => r.ClosedAt == null && r.ClosesOn < today).Select(r => r.Id).ToListAsync(ct))
            await CloseAsync(id, ct);
        var opened = 0;
        foreach (var p in await db.Pulses.AsNoTracking().Where(p => p.Scheduled).Select(p => new { p.Id, p.MissionId, p.StartsOn, p.RoundsPerYear }).ToListAsync(ct))
        {
            if (PulseRules.DueRound(p.StartsOn, p.RoundsPerYear, today) is not { } due
                || await db.PulseRounds.AnyAsync(r => r.PulseId == p.Id && (r.ScheduledFor == due || r.ClosedAt == null || r.OpenedOn >= due), ct))
                continue;
            try
            {
                if (await OpenRoundAsync(p.MissionId, mail, due, ct) is not null)
                    opened++;
            }
            catch (DomainException)
            {
                // Another instance opened it first.
            }
        }
        return opened;
    }

    private DateOnly Today() => DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DomainException Invalid(string field, string code, string message) =>
        new(DomainErrorKind.Validation, [new FieldError(field, code, message)]);

    private static FieldError Unknown() => new("token", "PulseLinkUnknown", "is not a link of any pulse round.");

    private static FieldError Used() => new("token", "PulseLinkUsed", "has been used already: each link takes one answer.");

    private static FieldError Expired(DateOnly closesOn) =>
        new("token", "PulseLinkExpired", "belongs to a round that closed.", closesOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
