using Masten.Core.Journeys;

namespace Masten.Data.Journeys;

/// <summary>One step event of a <see cref="JourneyPlan"/>: <see cref="Supersedes"/> is the index, within the same participant's events, of the event it replaces.</summary>
public sealed record PlannedEvent(int Step, DateOnly Date, StepEventStatus Status, bool ByCompany, int? Supersedes, string? Reason, string? Evidence);

public sealed record PlannedActivity(DateOnly Date, ActivityKind Kind, string Title);

/// <summary>One made-up participant: who it is, and what happened to it in order of recording.</summary>
public sealed record PlannedParticipant(
    int Index, string Cohort, string MunicipalityCode, string RegionCode, string Sector, SizeClass Size, int? Navigator,
    DateOnly JoinedOn, DateOnly? LeftOn, string? LeftReason, IReadOnlyList<PlannedEvent> Events, IReadOnlyList<PlannedActivity> Activities);

/// <summary>
/// How briskly made-up participants move: the share continuing from step k to k+1, the share of reports by the
/// company on steps that need confirmation, the share of step backs (from the third step on) and of corrected dates,
/// each in percent, and a factor on the gaps between steps.
/// </summary>
public sealed record JourneyPace(double[] Continue, int ReportPercent, int BackPercent, int CorrectPercent, double GapFactor)
{
    /// <summary>The example programme's pace: many stall early, few go back. About 3 events a participant.</summary>
    public static readonly JourneyPace Steady = new([0.85, 0.7, 0.6, 0.45], 25, 3, 3, 1);

    /// <summary>
    /// A busy programme for <c>masten generate</c>: most companies move on within weeks, report their own steps and
    /// go back a step now and then to rework a plan. About 10 events a participant, as the scale targets ask.
    /// </summary>
    public static readonly JourneyPace Busy = new([0.97, 0.95, 0.92, 0.9], 90, 45, 15, 0.4);
}

/// <summary>
/// Made-up participants of a Decoupling-2030-like journey (five steps, the second counts as started), for the
/// example programme and for <c>masten generate</c>. Deterministic for a given <see cref="Random"/> and
/// reference date: nothing reads the clock. Companies join in yearly cohorts, move step by step with gaps of
/// weeks to months, some stall, a few go back a step or leave; about a quarter of the steps that need a
/// navigator's confirmation are reported by the company, most of them confirmed days later; about 3 % of the
/// events are corrected with a reason.
/// </summary>
public static class JourneyPlan
{
    public static readonly StepInput[] Steps =
    [
        new(null, "Första kontakt", "Företaget har träffat sin navigatör och vill vara med.", null, false, false),
        new(null, "Kartlagd värdekedja", "Företaget vet var i värdekedjan material och energi går åt.", "kartlagd värdekedja (dokument eller länk)", true, true),
        new(null, "Plan för omställning", "Företaget har valt vad det ska ändra i produkter eller affärsmodell.", "handlingsplan", true, false),
        new(null, "Ny produkt eller affärsmodell", "Företaget prövar den nya produkten eller affärsmodellen på riktigt.", "avtal, beslut eller lansering", true, false),
        new(null, "Frikopplad tillväxt", "Företaget växer och använder mindre resurser än förut, och följer upp det.", "uppföljning av resursanvändning", false, false),
    ];

    // The median gap in days before a participant moves on from step k (times the pace's factor).
    private static readonly int[] MedianGap = [45, 90, 120, 180];

    /// <summary>Region (län) codes with one municipality code in each, weighted roughly by population.</summary>
    private static readonly (string Region, string Municipality, int Weight)[] Places =
    [
        ("01", "0180", 24), ("03", "0380", 4), ("04", "0484", 3), ("05", "0580", 5), ("06", "0680", 4), ("07", "0780", 2), ("08", "0880", 2),
        ("09", "0980", 1), ("10", "1080", 2), ("12", "1280", 14), ("13", "1380", 3), ("14", "1480", 17), ("17", "1780", 3), ("18", "1880", 3),
        ("19", "1980", 3), ("20", "2080", 3), ("21", "2180", 3), ("22", "2281", 2), ("23", "2380", 1), ("24", "2480", 3), ("25", "2580", 2),
    ];

    /// <summary>SNI codes of small manufacturing, food, construction, trade and services companies.</summary>
    private static readonly string[] Sectors =
        ["10.71", "10.89", "11.05", "16.23", "22.29", "25.62", "28.99", "31.01", "33.12", "41.20", "43.32", "46.90", "47.91", "56.10", "62.01", "71.12", "74.10", "96.01"];

    private static readonly string[] LeftReasons = ["Företaget har lagt ner.", "Företaget har inte tid just nu.", "Företaget har köpts upp.", "Företaget deltar i ett annat program."];

    private static readonly (ActivityKind Kind, string Title)[] Activities =
    [
        (ActivityKind.Lab, "Labb: cirkulära affärsmodeller"), (ActivityKind.Lab, "Labb: mindre material i produkten"), (ActivityKind.Advice, "Rådgivning 1:1 med expert"),
        (ActivityKind.Advice, "Rådgivning om energi"), (ActivityKind.Course, "Kurs: livscykelanalys för små företag"), (ActivityKind.Course, "Kurs: affärsmodeller"),
        (ActivityKind.Event, "Nätverksträff i regionen"), (ActivityKind.Event, "Frukostmöte om frikoppling"),
    ];

    /// <summary>
    /// A group activity (a lab, a course, an event) is held on the 10th of a month, so a participant's falls on the
    /// next such day when that is still within its time in the journey; advice is 1:1 and keeps its day.
    /// </summary>
    private static DateOnly SessionDay(DateOnly date, ActivityKind kind, DateOnly end)
    {
        if (kind == ActivityKind.Advice)
            return date;
        var day = new DateOnly(date.Year, date.Month, 10);
        if (day < date)
            day = day.AddMonths(1);
        return day <= end ? day : date;
    }

    /// <summary>
    /// The planned activities as recorded: a group activity of the same day, kind and title is one activity attended
    /// by everyone who planned it; advice is one activity per participant. In order of date, then of first attendee.
    /// </summary>
    public static List<(PlannedActivity Activity, List<PlannedParticipant> Attendees)> Sessions(IReadOnlyList<PlannedParticipant> plan)
    {
        var sessions = new List<(PlannedActivity Activity, List<PlannedParticipant> Attendees)>();
        var groups = new Dictionary<PlannedActivity, List<PlannedParticipant>>();
        foreach (var p in plan)
        {
            foreach (var a in p.Activities)
            {
                if (a.Kind != ActivityKind.Advice && groups.TryGetValue(a, out var attendees))
                {
                    if (!attendees.Contains(p))
                        attendees.Add(p);
                    continue;
                }
                var session = (a, new List<PlannedParticipant> { p });
                sessions.Add(session);
                if (a.Kind != ActivityKind.Advice)
                    groups[a] = session.Item2;
            }
        }
        return sessions.OrderBy(s => s.Activity.Date).ToList();
    }

    /// <summary>
    /// <paramref name="count"/> participants in the cohorts <paramref name="cohorts"/> (years), each joining on a
    /// day of its cohort's year no later than <paramref name="reference"/>, with navigators 0 … <paramref name="navigators"/>−1
    /// (none when 0) and about <paramref name="activitiesEach"/> activities each, moving at <paramref name="pace"/>
    /// (<see cref="JourneyPace.Steady"/> when null).
    /// </summary>
    public static List<PlannedParticipant> Make(Random r, int count, IReadOnlyList<int> cohorts, int navigators, double activitiesEach, DateOnly reference, JourneyPace? pace = null)
    {
        pace ??= JourneyPace.Steady;
        var all = new List<PlannedParticipant>(count);
        var totalWeight = Places.Sum(p => p.Weight);
        for (var i = 0; i < count; i++)
        {
            var year = cohorts[i % cohorts.Count];
            var yearStart = new DateOnly(year, 1, 1);
            var last = year == reference.Year ? reference.AddDays(-14) : new DateOnly(year, 12, 31);
            var joined = last <= yearStart ? yearStart : yearStart.AddDays(r.Next(last.DayNumber - yearStart.DayNumber + 1));
            var w = r.Next(totalWeight);
            var place = Places[0];
            foreach (var p in Places)
            {
                if ((w -= p.Weight) < 0)
                {
                    place = p;
                    break;
                }
            }
            var size = (SizeClass)Pick(r, 50, 32, 15, 3);
            var events = new List<PlannedEvent>();
            var date = joined.AddDays(r.Next(21));
            var step = 0;
            var lastDate = joined;
            while (date <= reference)
            {
                AddStep(r, pace, events, step, date, joined, reference);
                lastDate = date;
                if (step >= 2 && r.Next(100) < pace.BackPercent)
                {
                    // A step back: the plan did not hold.
                    var back = date.AddDays(10 + r.Next(60));
                    if (back > reference)
                        break;
                    events.Add(new PlannedEvent(step - 1, back, StepEventStatus.Confirmed, false, null, null, null));
                    lastDate = back;
                    step--;
                    date = back;
                }
                if (step + 1 >= Steps.Length || r.NextDouble() > pace.Continue[step])
                    break;
                date = date.AddDays(Gap(r, MedianGap[step] * pace.GapFactor));
                step++;
            }
            DateOnly? left = null;
            string? leftReason = null;
            if (r.Next(100) < 6)
            {
                var on = lastDate.AddDays(30 + r.Next(200));
                if (on <= reference)
                {
                    left = on;
                    leftReason = LeftReasons[r.Next(LeftReasons.Length)];
                }
            }
            var activities = new List<PlannedActivity>();
            var end = left ?? reference;
            var n = (int)Math.Round(activitiesEach * 2 * r.NextDouble());
            for (var a = 0; a < n && end > joined; a++)
            {
                var (kind, title) = Activities[r.Next(Activities.Length)];
                activities.Add(new PlannedActivity(SessionDay(joined.AddDays(r.Next(end.DayNumber - joined.DayNumber + 1)), kind, end), kind, title));
            }
            activities.Sort((x, y) => x.Date.CompareTo(y.Date));
            all.Add(new PlannedParticipant(i, year.ToString(System.Globalization.CultureInfo.InvariantCulture), place.Municipality, place.Region, Sectors[r.Next(Sectors.Length)], size,
                navigators == 0 ? null : r.Next(navigators), joined, left, leftReason, events, activities));
        }
        return all;
    }

    /// <summary>Reaching a step: confirmed by the navigator, or reported by the company and (mostly) confirmed later; now and then corrected.</summary>
    private static void AddStep(Random r, JourneyPace pace, List<PlannedEvent> events, int step, DateOnly date, DateOnly joined, DateOnly reference)
    {
        var evidence = Steps[step].Evidence is null ? null : "https://exempel.example/underlag/" + (events.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Steps[step].NeedsConfirmation && r.Next(100) < pace.ReportPercent)
        {
            events.Add(new PlannedEvent(step, date, StepEventStatus.Pending, true, null, null, evidence));
            var confirmOn = date.AddDays(1 + r.Next(14));
            if (confirmOn <= reference && r.Next(100) < 90)
                events.Add(new PlannedEvent(step, date, StepEventStatus.Confirmed, true, events.Count - 1, null, evidence));
            return;
        }
        if (r.Next(100) < pace.CorrectPercent && date.AddDays(-6) >= joined)
        {
            // Recorded with the wrong date, then corrected.
            events.Add(new PlannedEvent(step, date.AddDays(-1 - r.Next(5)), StepEventStatus.Confirmed, false, null, null, evidence));
            events.Add(new PlannedEvent(step, date, StepEventStatus.Confirmed, false, events.Count - 1, "Fel datum: mötet var senare.", evidence));
            return;
        }
        events.Add(new PlannedEvent(step, date, StepEventStatus.Confirmed, false, null, null, evidence));
    }

    /// <summary>A gap around <paramref name="median"/> days, skewed to the long side: from a quarter to three times it.</summary>
    private static int Gap(Random r, double median) => Math.Max(1, (int)(median * Math.Exp((r.NextDouble() * 2 - 1) * 1.1)));

    private static int Pick(Random r, params int[] weights)
    {
        var x = r.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((x -= weights[i]) < 0)
                return i;
        }
        return weights.Length - 1;
    }
}
