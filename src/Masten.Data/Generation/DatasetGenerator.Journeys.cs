using System.Globalization;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Data.Accounts;
using Masten.Data.Journeys;

namespace Masten.Data.Generation;

// Participant journeys: one mission with a five-step journey (JourneyPlan), companies of their own as
// participants in yearly cohorts, navigators, step events (pending, confirmed, corrected) and activities.
public sealed partial class DatasetGenerator
{
    private readonly List<Journey> journeys = [];
    private readonly List<JourneyStep> journeySteps = [];
    private readonly List<JourneyVersion> journeyVersions = [];
    private readonly List<MastenUser> navigatorUsers = [];
    private readonly List<RoleAssignment> navigatorRoles = [];
    private readonly List<Participant> participants = [];
    private readonly List<NavigatorAssignment> navigatorAssignments = [];
    private readonly List<StepEvent> stepEvents = [];
    private readonly List<JourneyActivity> journeyActivities = [];
    private readonly List<ActivityAttendee> activityAttendees = [];

    /// <summary>The mission that carries the journey: the first active one.</summary>
    private Mission? JourneyMission => size.Participants == 0 ? null : missions.FirstOrDefault(m => m.Status == MissionStatus.Active);

    private void BuildJourneys()
    {
        if (JourneyMission is not { } mission)
            return;
        var r = Rng(20);
        var created = At(activatedOn.GetValueOrDefault(mission.Id, new DateOnly(reference.Year - 4, 1, 1)), 8);
        var journey = new Journey { Id = 1, MissionId = mission.Id, StallAfterDays = 120, Version = 1, CreatedAt = created, UpdatedAt = created };
        journeys.Add(journey);
        for (var k = 0; k < JourneyPlan.Steps.Length; k++)
        {
            var s = JourneyPlan.Steps[k];
            journeySteps.Add(new JourneyStep { Id = k + 1, JourneyId = journey.Id, Order = k, Name = s.Name!, Description = s.Description, Evidence = s.Evidence, NeedsConfirmation = s.NeedsConfirmation, IsStarted = s.IsStarted });
        }
        var snapshot = new JourneySnapshot(journey.StallAfterDays,
            journeySteps.Select(s => new SnapshotStep(s.Id, s.Name, s.Description, s.Evidence, s.NeedsConfirmation, s.IsStarted)).ToList(), []);
        journeyVersions.Add(new JourneyVersion { Id = 1, MissionId = mission.Id, Number = 1, CreatedAt = created, CreatedBy = Author, Snapshot = snapshot.ToJson() });

        for (var n = 0; n < size.Navigators; n++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"navigator{n + 1}@masten.invalid");
            // Accounts that cannot sign in (no password); the stamps are made from the seed, so runs are equal.
            var stamp = string.Create(CultureInfo.InvariantCulture, $"{seed:X8}{n:X8}{r.Next():X8}{r.Next():X8}");
            navigatorUsers.Add(new MastenUser
            {
                Id = n + 1, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = Pick(r, DatasetTexts.FirstNames) + " " + Pick(r, DatasetTexts.LastNames), SecurityStamp = stamp, ConcurrencyStamp = stamp, CreatedAt = created,
            });
            navigatorRoles.Add(new RoleAssignment { Id = n + 1, UserId = n + 1, MissionId = mission.Id, Role = AccessRole.Navigator, Version = 1, CreatedAt = created, UpdatedAt = created });
        }

        var cohorts = Enumerable.Range(reference.Year - 4, 5).ToList();
        var plan = JourneyPlan.Make(r, size.Participants, cohorts, size.Navigators, 3, reference, JourneyPace.Busy);
        var firstActor = actors.Count + 1;
        foreach (var p in plan)
        {
            var name = DatasetTexts.Invariant($"{Place(p.Index % 600)} {DatasetTexts.Industries[(p.Index / 600 + p.Index) % DatasetTexts.Industries.Length]} {p.Index + 1} AB");
            var joinedAt = At(p.JoinedOn, 8, p.Index % 60);
            var actor = new Actor
            {
                Id = firstActor + p.Index, Name = name, Type = ActorType.Company, Country = Country.Sweden,
                OrganisationNumber = Organisationsnummer("55", 3_000_000 + p.Index), Version = 1, CreatedAt = joinedAt, UpdatedAt = joinedAt,
            };
            actors.Add(actor);
            Audit(actor, actor.CreatedAt);
            var participant = new Participant
            {
                Id = p.Index + 1, MissionId = mission.Id, ActorId = actor.Id, Cohort = p.Cohort, MunicipalityCode = p.MunicipalityCode, RegionCode = p.RegionCode,
                Sector = p.Sector, SizeClass = p.Size, NavigatorId = p.Navigator + 1, JoinedOn = p.JoinedOn, LeftOn = p.LeftOn, LeftReason = p.LeftReason,
                NamedPublicly = p.Index % 10 == 0, Version = 1, CreatedAt = joinedAt, UpdatedAt = joinedAt,
                LastActivityOn = p.Activities.Count == 0 ? null : p.Activities[^1].Date,
                CurrentStepOrder = -1, // set from the events by the set-based refresh after the load
            };
            participants.Add(participant);
            if (participant.NavigatorId is not null)
                navigatorAssignments.Add(new NavigatorAssignment { Id = navigatorAssignments.Count + 1, ParticipantId = participant.Id, NavigatorId = participant.NavigatorId, AssignedAt = joinedAt, AssignedBy = Author });

            var ids = new int[p.Events.Count];
            for (var i = 0; i < p.Events.Count; i++)
            {
                var e = p.Events[i];
                ids[i] = stepEvents.Count + 1;
                stepEvents.Add(new StepEvent
                {
                    Id = ids[i], ParticipantId = participant.Id, StepId = journeySteps[e.Step].Id, Date = e.Date, Evidence = e.Evidence, Status = e.Status, ByCompany = e.ByCompany,
                    RecordedBy = e.ByCompany && e.Status == StepEventStatus.Pending ? name : p.Navigator is { } k ? navigatorUsers[k].DisplayName : Author,
                    RecordedAt = At(e.Date, 10, i % 60), SupersedesId = e.Supersedes is { } s ? ids[s] : null, Reason = e.Reason,
                    IsCurrent = !p.Events.Any(x => x.Supersedes == i),
                });
            }
        }
        // Participant i is participants[i] (id i + 1); a group session names everyone who attended it.
        foreach (var (a, attendees) in JourneyPlan.Sessions(plan))
        {
            var id = journeyActivities.Count + 1;
            journeyActivities.Add(new JourneyActivity
            {
                Id = id, MissionId = mission.Id, Date = a.Date, Kind = a.Kind, Title = a.Title,
                Host = attendees[0].Navigator is { } k ? navigatorUsers[k].DisplayName : null, RecordedBy = Author, RecordedAt = At(a.Date, 16),
            });
            foreach (var p in attendees)
                activityAttendees.Add(new ActivityAttendee { Id = activityAttendees.Count + 1, ActivityId = id, ParticipantId = p.Index + 1 });
        }
    }

    /// <summary>Writes the journey's rows, in an order their references allow.</summary>
    private async Task WriteJourneysAsync(BulkWriter writer, List<(string, long)> written, Action<string, long, bool> report, CancellationToken ct)
    {
        async Task Write<T>(string name, IEnumerable<T> rows) where T : class
        {
            var n = await writer.WriteAsync(rows, ct);
            written.Add((name, n));
            report(name, n, true);
        }

        if (journeys.Count == 0)
            return;
        await Write("navigators", navigatorUsers);
        await Write("navigator roles", navigatorRoles);
        await Write("journeys", journeys);
        await Write("journey steps", journeySteps);
        await Write("journey versions", journeyVersions);
        await Write("participants", participants);
        await Write("navigator assignments", navigatorAssignments);
        await Write("step events", stepEvents);
        await Write("activities", journeyActivities);
        await Write("activity attendees", activityAttendees);
    }

    /// <summary>Each participant's current step, last step date and started date, from the events just written, in one UPDATE.</summary>
    private async Task RefreshJourneysAsync(CancellationToken ct)
    {
        if (JourneyMission is { } mission)
            await new JourneyStore(db).RefreshPositionsAsync(mission.Id, ct);
    }
}
