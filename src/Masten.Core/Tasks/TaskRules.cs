using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Progress;

namespace Masten.Core.Tasks;

/// <summary>What an actor's representative is expected to do; one section of "Mina uppgifter" each.</summary>
public enum TaskKind
{
    /// <summary>A commitment of their actor in the mission's open round that nobody has signed yet.</summary>
    Sign,
    /// <summary>An initiative their actor leads with no check-in for longer than the mission's stale-after days.</summary>
    CheckIn,
    /// <summary>An indicator their actor reports whose next value is due by its reporting frequency.</summary>
    Report,
    /// <summary>An invitation addressed to their e-mail that is neither accepted, withdrawn nor expired.</summary>
    Invitation,
}

/// <summary>
/// The pure rules behind a representative's tasks ("Mina uppgifter") and behind signing. The data tier
/// turns each rule into a SQL condition (a cut-off date computed here, compared in the query), so a list is
/// never computed row by row in memory; reminders use the same rules, so a reminder never disagrees with the page.
/// </summary>
public static class TaskRules
{
    /// <summary>
    /// Days from one value of an indicator to the next, by its reporting frequency: 30 (monthly), 91
    /// (quarterly), 365 (yearly): <see cref="ProgressTolerances.IntervalDays"/> rounded to whole days.
    /// </summary>
    public static int ReportingIntervalDays(ReportingFrequency frequency) =>
        (int)Math.Round(ProgressTolerances.IntervalDays(frequency), MidpointRounding.AwayFromZero);

    /// <summary>
    /// The latest date of a last value that makes an indicator due on <paramref name="today"/>: a value is due
    /// one interval after the latest current observation (after the baseline date, when there is none), so the
    /// indicator is due when that date is on or before this cut-off.
    /// </summary>
    public static DateOnly ReportingCutoff(ReportingFrequency frequency, DateOnly today) =>
        today.AddDays(-ReportingIntervalDays(frequency));

    /// <summary>When the next value of an indicator is due: one interval after <paramref name="lastDate"/> (or the baseline).</summary>
    public static DateOnly ReportingDueOn(ReportingFrequency frequency, DateOnly? lastDate, DateOnly baselineDate) =>
        (lastDate ?? baselineDate).AddDays(ReportingIntervalDays(frequency));

    /// <summary>Whether an indicator's next value is due on <paramref name="today"/> (see <see cref="ReportingCutoff"/>).</summary>
    public static bool IsReportingDue(ReportingFrequency frequency, DateOnly? lastDate, DateOnly baselineDate, DateOnly today) =>
        ReportingDueOn(frequency, lastDate, baselineDate) <= today;

    /// <summary>
    /// An active initiative (exploring, testing, scaling) is due for a check-in when its latest check-in, or its
    /// creation without one, lies before this day: more than <paramref name="staleAfterDays"/> days ago, the same
    /// rule as the portfolio's "stale" alert (<see cref="PortfolioAnalysis.AlertsOf"/>).
    /// </summary>
    public static DateOnly CheckInCutoff(int staleAfterDays, DateOnly today) => today.AddDays(-staleAfterDays);

    /// <summary>Whether an initiative is due for a check-in (see <see cref="CheckInCutoff"/>).</summary>
    public static bool IsCheckInDue(InitiativeStage stage, DateOnly? lastCheckIn, DateOnly createdOn, int staleAfterDays, DateOnly today) =>
        PortfolioAnalysis.IsActive(stage) && (lastCheckIn ?? createdOn) < CheckInCutoff(staleAfterDays, today);

    /// <summary>
    /// A commitment waits for a signature when it is not signed (no date of signing) and is still open: proposed
    /// or in progress, not fulfilled or withdrawn. Only those of the mission's open round are asked for.
    /// </summary>
    public static bool NeedsSignature(CommitmentStatus status, DateOnly? signedOn) =>
        signedOn is null && status is CommitmentStatus.Proposed or CommitmentStatus.InProgress;

    /// <summary>
    /// The open round of a mission is its latest signing round (by date, then the one opened last); every earlier
    /// round is closed: its commitments were carried forward, and signing them now would sign the past.
    /// </summary>
    public static int? OpenRoundId(IEnumerable<(int Id, DateOnly Date)> rounds) =>
        rounds.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefault();

    /// <summary>
    /// Whether a round takes signatures on <paramref name="today"/> by its closing date: until <paramref name="closesOn"/>,
    /// that whole day included (a programme office that writes "closes on 31 March" takes signatures on the 31st), and
    /// always when it has no closing date. Only the open round (<see cref="OpenRoundId"/>) is asked for signatures at all;
    /// a round past its closing date is shown as closed, and the office reopens it by moving the date.
    /// </summary>
    public static bool IsRoundOpen(DateOnly? closesOn, DateOnly today) => closesOn is not { } closes || today <= closes;

    /// <summary>
    /// Signing ("Skriv under") is refused, changing nothing, when the person does not represent the commitment's
    /// actor in its mission (field <c>actorId</c>), when the commitment's round is not the open round (field
    /// <c>roundId</c>; <c>RoundPastClosing</c>, naming the closing date, when the open round is past it), or when it is signed already or closed (field <c>status</c>). Refusals are validation
    /// errors (400), except a commitment signed meanwhile, which is a conflict (409).
    /// </summary>
    public static void CheckSigning(SigningFacts facts)
    {
        var rules = new Rules();
        if (!facts.RepresentsActor)
            rules.Add("actorId", "NotYourActorToSign", $"only a representative of {facts.ActorName} may sign this commitment.", facts.ActorName);
        if (facts.ClosedOn is { } closed)
            rules.Add("roundId", "RoundPastClosing", $"round {facts.RoundName} closed on {closed:yyyy-MM-dd}: signatures are no longer taken. The programme office can move the closing date.",
                facts.RoundName, closed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else if (!facts.RoundIsOpen)
            rules.Add("roundId", "RoundClosed", $"round {facts.RoundName} is closed: only commitments of the open round can be signed.", facts.RoundName);
        if (facts.SignedOn is null && facts.Status is CommitmentStatus.Fulfilled or CommitmentStatus.Withdrawn)
            rules.Add("status", "NotSignable", "is closed (fulfilled or withdrawn) and cannot be signed.");
        rules.ThrowIfAny();
        if (facts.SignedOn is not null || facts.Status == CommitmentStatus.Signed)
            throw DomainException.Conflict("status", "AlreadySigned", "is signed already.");
    }

    /// <summary>
    /// An edit of a commitment keeps its signature or takes it away, but never makes one: signing is its own action
    /// (<see cref="TaskLinks.Sign"/>), which records who signed and when. Refused, naming the field, when an edit sets
    /// the status to signed (<c>status</c>), or gives a date signed (<c>signedOn</c>) or a signatory (<c>signatory</c>)
    /// other than the ones recorded.
    /// </summary>
    public static void CheckEditKeepsSignature(CommitmentStatus storedStatus, DateOnly? storedSignedOn, string? storedSignatory,
        CommitmentStatus status, DateOnly? signedOn, string? signatory)
    {
        var rules = new Rules();
        if (status == CommitmentStatus.Signed && storedStatus != CommitmentStatus.Signed)
            rules.Add("status", "SignWithSkrivUnder", "cannot be set to signed by an edit: a representative of the actor signs with Skriv under.");
        if (signedOn is not null && signedOn != storedSignedOn)
            rules.Add("signedOn", "SignWithSkrivUnder", "cannot be set by an edit: the date is recorded when a representative signs with Skriv under.");
        if (!Rules.IsBlank(signatory) && !string.Equals(signatory!.Trim(), storedSignatory, StringComparison.Ordinal))
            rules.Add("signatory", "SignWithSkrivUnder", "cannot be set by an edit: the signatory is recorded when a representative signs with Skriv under.");
        rules.ThrowIfAny();
    }
}

/// <summary>
/// What <see cref="TaskRules.CheckSigning"/> needs to know about a commitment and the person signing it. <see cref="RoundIsOpen"/>:
/// the commitment is in the mission's open (latest) round; <see cref="ClosedOn"/>: that round's closing date, when today is past it.
/// </summary>
public sealed record SigningFacts(bool RepresentsActor, string ActorName, bool RoundIsOpen, string RoundName, CommitmentStatus Status, DateOnly? SignedOn,
    DateOnly? ClosedOn = null)
{
    /// <summary>The facts of a commitment in round <paramref name="roundName"/> (the open one when <paramref name="isLatest"/>), closing on <paramref name="closesOn"/>, signed on <paramref name="today"/>.</summary>
    public static SigningFacts Of(bool representsActor, string actorName, bool isLatest, string roundName, DateOnly? closesOn, DateOnly today,
        CommitmentStatus status, DateOnly? signedOn) =>
        new(representsActor, actorName, isLatest && TaskRules.IsRoundOpen(closesOn, today), roundName, status, signedOn,
            isLatest && !TaskRules.IsRoundOpen(closesOn, today) ? closesOn : null);
}

/// <summary>Where each task is done: the form a representative opens from "Mina uppgifter" (and a reminder links to).</summary>
public static class TaskLinks
{
    public static string Sign(int commitmentId) => $"/commitments/{commitmentId}/sign";

    /// <summary>Where the programme office enters a signature given on paper.</summary>
    public static string PaperSignature(int commitmentId) => $"/commitments/{commitmentId}/paper-signature";

    public static string CheckIn(int initiativeId) => $"/initiatives/{initiativeId}#checkin-form";

    public static string Report(int indicatorId) => $"/indicators/{indicatorId}/observations/new";
}
