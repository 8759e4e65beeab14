using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Data.Accounts;
using Masten.Data.Generation;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Journeys;

/// <summary>
/// The second example programme: small and medium-sized companies getting started with decoupling growth from
/// resource use, like Denmark's Decoupling 2030. One active mission whose indicator "Företag i gång" (target
/// 4,250 by 2030) Masten counts from the journey; a five-step journey (<see cref="JourneyPlan"/>); 1,200
/// companies in three yearly cohorts with twelve navigators, their step events (pending, confirmed and
/// corrected), activities, and a few who stalled or left. The mission, goal, indicator and journey go through
/// the stores; the participants and their history are written in a few batches and their positions refreshed
/// set-based, so seeding stays quick. Dates are relative to the database clock's today.
/// </summary>
public static class JourneyDemo
{
    public const string ProgrammeName = "Exempel: Omställning i små och medelstora företag";
    public const string MissionTitle = "4 250 små och medelstora företag i gång med frikopplad tillväxt 2030";
    public const int Participants = 1_200;
    public const int Navigators = 12;

    /// <summary>Adds the programme and returns its mission's id. Runs in the caller's transaction, if any.</summary>
    public static async Task<int> SeedAsync(MastenDbContext db, CancellationToken ct = default)
    {
        var today = db.Clock.Today();
        var missions = new MissionStore(db);
        var programme = await missions.CreateProgrammeAsync(new ProgrammeInput(ProgrammeName,
            "Ett påhittat exempel på ett program där många företag tar samma steg, med navigatörer som stöttar dem. Ändra det, eller skapa ett eget program.",
            "Programkontoret för företagen (exempel)"), ct);
        var mission = await missions.CreateMissionAsync(new MissionInput(programme.Id, MissionTitle,
            "År 2030 har 4 250 små och medelstora företag kommit i gång med att växa utan att använda mer material och energi.",
            today.Year - 3, 2030), ct);
        var goal = await missions.CreateGoalAsync(new GoalInput(mission.Id, null, "Företag i gång", "Företagen har kartlagt sin värdekedja och börjat ställa om.", Reason: "Första målet"), ct);
        var indicator = await missions.CreateIndicatorAsync(new IndicatorInput(goal.Id, "Företag i gång", null, "företag", Direction.HigherIsBetter, ReportingFrequency.Monthly,
            "Masten räknar ur företagens resa", new DateOnly(today.Year - 3, 12, 31), 0, [new TargetInput(new DateOnly(2030, 12, 31), 4250)], Reason: "Första indikatorn"), ct);
        // Published as Publicera does it, with its goal and indicator in place: the roadmap becomes version 1.
        await missions.PublishMissionAsync(mission.Id, ct: ct);

        var journeys = new JourneyStore(db);
        await journeys.DefineAsync(mission.Id, new JourneyInput(JourneyPlan.Steps, StallAfterDays: 120, StartedIndicatorId: indicator.Id), ct);
        var steps = await db.JourneySteps.Where(s => db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == mission.Id)).OrderBy(s => s.Order).Select(s => s.Id).ToArrayAsync(ct);

        var r = new Random(2030);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var navigators = new List<MastenUser>();
        for (var n = 0; n < Navigators; n++)
        {
            var name = $"{DatasetTexts.FirstNames[(n * 7) % DatasetTexts.FirstNames.Length]} {DatasetTexts.LastNames[(n * 11) % DatasetTexts.LastNames.Length]}";
            var email = $"navigator{n + 1}@exempel.invalid";
            navigators.Add(new MastenUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = name + " (navigatör)", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
            });
        }
        db.Users.AddRange(navigators);
        await db.SaveChangesAsync(ct);
        db.RoleAssignments.AddRange(navigators.Select(u => new RoleAssignment { UserId = u.Id, MissionId = mission.Id, Role = AccessRole.Navigator, CreatedAt = now, UpdatedAt = now }));

        var plan = JourneyPlan.Make(r, Participants, [today.Year - 2, today.Year - 1, today.Year], Navigators, 2.5, today);
        var actors = plan.Select(p => new Actor
        {
            Name = DatasetTexts.Invariant($"{DatasetTexts.PlaceStarts[p.Index % DatasetTexts.PlaceStarts.Length]}{DatasetTexts.PlaceEnds[p.Index / DatasetTexts.PlaceStarts.Length % DatasetTexts.PlaceEnds.Length]} {DatasetTexts.Industries[p.Index % DatasetTexts.Industries.Length]} {p.Index + 1} AB"),
            Type = ActorType.Company,
            Country = Country.Sweden,
            OrganisationNumber = DatasetGenerator.Organisationsnummer("55", 700_000 + p.Index),
            Description = "Ett påhittat företag i exemplet.",
        }).ToList();
        db.Actors.AddRange(actors);
        await db.SaveChangesAsync(ct);
        var participants = plan.Select(p => new Participant
        {
            MissionId = mission.Id, ActorId = actors[p.Index].Id, Cohort = p.Cohort, MunicipalityCode = p.MunicipalityCode, RegionCode = p.RegionCode,
            Sector = p.Sector, SizeClass = p.Size, NavigatorId = p.Navigator is { } k ? navigators[k].Id : null, JoinedOn = p.JoinedOn, LeftOn = p.LeftOn, LeftReason = p.LeftReason,
            NamedPublicly = p.Index % 10 == 0, LastActivityOn = p.Activities.Count == 0 ? null : p.Activities[^1].Date,
        }).ToList();
        db.Participants.AddRange(participants);
        await db.SaveChangesAsync(ct);
        db.NavigatorAssignments.AddRange(participants.Where(p => p.NavigatorId is not null)
            .Select(p => new NavigatorAssignment { ParticipantId = p.Id, NavigatorId = p.NavigatorId, AssignedAt = p.JoinedOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), AssignedBy = db.Author }));
        var sessions = JourneyPlan.Sessions(plan).Select(x => (x.Attendees, Activity: new JourneyActivity
        {
            MissionId = mission.Id, Date = x.Activity.Date, Kind = x.Activity.Kind, Title = x.Activity.Title,
            Host = x.Attendees[0].Navigator is { } k ? navigators[k].DisplayName : null, RecordedBy = db.Author, RecordedAt = x.Activity.Date.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc),
        })).ToList();
        db.JourneyActivities.AddRange(sessions.Select(x => x.Activity));
        await db.SaveChangesAsync(ct);
        db.ActivityAttendees.AddRange(sessions.SelectMany(x => x.Attendees.Select(p => new ActivityAttendee { ActivityId = x.Activity.Id, ParticipantId = participants[p.Index].Id })));
        await db.SaveChangesAsync(ct);

        // Events by depth: an event that supersedes another is written after it, once the other's id is known.
        var written = plan.Select(p => new StepEvent?[p.Events.Count]).ToArray();
        for (var pass = 0; written.Zip(plan).Any(x => x.First.Any(e => e is null)); pass++)
        {
            var batch = new List<StepEvent>();
            foreach (var p in plan)
            {
                for (var i = 0; i < p.Events.Count; i++)
                {
                    var e = p.Events[i];
                    if (written[p.Index][i] is not null || (e.Supersedes is { } s && (written[p.Index][s] is null || written[p.Index][s]!.Id == 0)))
                        continue;
                    var recorder = e.ByCompany && e.Status == StepEventStatus.Pending ? actors[p.Index].Name : p.Navigator is { } k ? navigators[k].DisplayName : db.Author;
                    var row = new StepEvent
                    {
                        ParticipantId = participants[p.Index].Id, StepId = steps[e.Step], Date = e.Date, Evidence = e.Evidence, Status = e.Status, ByCompany = e.ByCompany,
                        RecordedBy = recorder, RecordedAt = e.Date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc).AddDays(e.Status == StepEventStatus.Confirmed && e.ByCompany ? 3 : 0),
                        SupersedesId = e.Supersedes is { } o ? written[p.Index][o]!.Id : null, Reason = e.Reason,
                        IsCurrent = !p.Events.Any(x => x.Supersedes == i),
                    };
                    written[p.Index][i] = row;
                    batch.Add(row);
                }
            }
            db.StepEvents.AddRange(batch);
            await db.SaveChangesAsync(ct);
            if (pass > 10)
                throw new InvalidOperationException("The example journey's events do not resolve.");
        }
        db.ChangeTracker.Clear();
        await journeys.RefreshPositionsAsync(mission.Id, ct);
        await RecordStartedHistoryAsync(missions, indicator.Id, plan, written, steps, new DateOnly(today.Year - 3, 12, 31), today, ct);
        await journeys.RecordStartedCountAsync(mission.Id, ct);
        return mission.Id;
    }

    /// <summary>
    /// The started indicator's past values, as Masten would have counted them at each month's end after the baseline:
    /// the participants taking part then whose position on that date (<see cref="JourneyAnalysis.Position"/>) was at or
    /// past the started step. Recorded as computed observations, as the journey's own count is.
    /// </summary>
    private static async Task RecordStartedHistoryAsync(MissionStore missions, int indicatorId, List<PlannedParticipant> plan, StepEvent?[][] written,
        int[] steps, DateOnly baseline, DateOnly today, CancellationToken ct)
    {
        var startedOrder = Array.FindIndex(JourneyPlan.Steps, s => s.IsStarted);
        var orderOf = steps.Select((id, order) => (id, order)).ToDictionary(x => x.id, x => x.order);
        var logs = written.Select(events => events.Select(e => new EventFact(e!.Id, e.StepId, e.Date, e.Status, e.SupersedesId)).ToList()).ToArray();
        for (var end = EndOfMonth(baseline.AddDays(1)); end < today; end = EndOfMonth(end.AddDays(1)))
        {
            var on = end;
            var count = plan.Count(p => p.JoinedOn <= on && !(p.LeftOn <= on)
                && JourneyAnalysis.Position(logs[p.Index], on) is { } position && orderOf[position.StepId] >= startedOrder);
            await missions.AppendComputedObservationAsync(indicatorId,
                new ObservationInput(on, count, "Masten", "Participants at or past the started step, counted by Masten."), JourneyStore.ComputedBy, ct);
        }
    }

    private static DateOnly EndOfMonth(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));
}
