using System.Diagnostics;
using Masten.Core.Actors;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Data.Journeys;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masten.Data.Tests.Journeys;

/// <summary>
/// A journey change (steps reordered, the started step moved, a step removed with its events moved) refreshes
/// every participant's position with one set-based UPDATE, to the same values the per-participant rules give.
/// </summary>
public abstract class JourneyChangeTests(DataDatabase database)
{
    private static readonly DateOnly Start = new(2026, 1, 5);

    private sealed record Derived(int Id, int? StepId, int Order, DateOnly? LastStepOn, DateOnly? StartedOn);

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AReorderedJourneyGivesEveryParticipantThePositionTheEventsSay(int seed)
    {
        database.RequireDatabase();
        var rnd = new Random(seed);
        var clock = new MovingClock(new DateTimeOffset(Start.AddDays(60).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await using var db = database.NewContext(clock);
        // Subscribed before the context's first command: EF caches for a moment whether anyone listens.
        var recorder = new CommandRecorder(db);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(recorder);
        var missions = new MissionStore(db);
        var programme = await missions.CreateProgrammeAsync(new ProgrammeInput("Omställning", null, null));
        var mission = await missions.CreateMissionAsync(new MissionInput(programme.Id, "Fler företag i gång", "Företagen ställer om.", 2025, 2030));
        var store = new JourneyStore(db);
        await store.DefineAsync(mission.Id, new JourneyInput([
            new(null, "Första kontakt", null, null, false, false),
            new(null, "Kartlagd värdekedja", null, null, true, true),
            new(null, "Ny affärsmodell", null, null, true, false),
            new(null, "Investering", null, null, false, false),
            new(null, "I drift", null, null, false, false),
        ]));
        var steps = await StepIdsAsync(db, mission.Id);
        var office = new Recorder("kansliet", null, AsCompany: false);
        var company = new Recorder("företaget", null, AsCompany: true);
        var participants = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            var actor = new Actor { Name = $"Företag {seed}-{i}", Type = ActorType.Company, Country = Country.Other, OrganisationNumber = $"C{seed}-{i}-{Guid.NewGuid():N}"[..30] };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            var p = (await store.AddParticipantAsync(mission.Id, new ParticipantInput(actor.Id, "2026", null, null, null, SizeClass.Small, null, Start)))!.Id;
            participants.Add(p);
            for (var n = rnd.Next(6); n > 0; n--)
            {
                var date = Start.AddDays(rnd.Next(50));
                var e = await store.RecordEventAsync(p, new StepEventInput(steps[rnd.Next(steps.Length)], date, null), rnd.Next(3) == 0 ? company : office);
                if (e!.Status == StepEventStatus.Pending && rnd.Next(2) == 0)
                    await store.ConfirmEventAsync(e.Id, office);
                else if (rnd.Next(5) == 0)
                    await store.CorrectEventAsync(e.Id, new StepCorrectionInput(steps[rnd.Next(steps.Length)], date, null, "Fel steg"), office);
            }
        }
        var journey = await db.JourneyAsync(mission.Id, default);

        // Reverse the middle, mark "Investering" as started, and remove "Ny affärsmodell", its events going to "I drift".
        recorder.Recording = true;
        await store.DefineAsync(mission.Id, new JourneyInput([
            new(steps[0], "Första kontakt", null, null, false, false),
            new(steps[3], "Investering", null, null, false, true),
            new(steps[1], "Kartlagd värdekedja", null, null, true, false),
            new(steps[4], "I drift", null, null, false, false),
        ], Reason: "Investeringen räknas nu som i gång", Moves: [new StepMove(steps[2], steps[4])], Version: journey!.Version));
        recorder.Recording = false;
        var updates = recorder.Commands.Count(c => c.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && c.Contains("Participants", StringComparison.Ordinal));
        Assert.Equal(1, updates);

        var setBased = await DerivedAsync(db, mission.Id);
        foreach (var p in participants)
            await store.RefreshAsync(p, default);
        var oneByOne = await DerivedAsync(db, mission.Id);
        Assert.Equal(oneByOne, setBased);
        Assert.Contains(setBased, d => d.StartedOn is not null);
        Assert.Contains(setBased, d => d.StepId == steps[4]);
        Assert.DoesNotContain(setBased, d => d.StepId == steps[2]);
    }

    [SkippableFact]
    public async Task EventsMovedTwiceStillCountForTheStepTheyLastMovedTo()
    {
        database.RequireDatabase();
        var clock = new MovingClock(new DateTimeOffset(Start.AddDays(30).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await using var db = database.NewContext(clock);
        var missions = new MissionStore(db);
        var programme = await missions.CreateProgrammeAsync(new ProgrammeInput("Omställning", null, null));
        var mission = await missions.CreateMissionAsync(new MissionInput(programme.Id, "Fler företag i gång", "Företagen ställer om.", 2025, 2030));
        var store = new JourneyStore(db);
        await store.DefineAsync(mission.Id, new JourneyInput([new(null, "A", null, null, false, true), new(null, "B", null, null, false, false), new(null, "C", null, null, false, false)]));
        var steps = await StepIdsAsync(db, mission.Id);
        var actor = new Actor { Name = "Företaget", Type = ActorType.Company, Country = Country.Other, OrganisationNumber = $"M-{Guid.NewGuid():N}"[..30] };
        db.Actors.Add(actor);
        await db.SaveChangesAsync();
        var p = (await store.AddParticipantAsync(mission.Id, new ParticipantInput(actor.Id, "2026", null, null, null, SizeClass.Small, null, Start)))!.Id;
        await store.RecordEventAsync(p, new StepEventInput(steps[0], Start.AddDays(1), null), new Recorder("kansliet", null, false));
        var version = (await db.JourneyAsync(mission.Id, default))!.Version;
        await store.DefineAsync(mission.Id, new JourneyInput([new(steps[1], "B", null, null, false, true), new(steps[2], "C", null, null, false, false)], Reason: "A går upp i B", Moves: [new StepMove(steps[0], steps[1])], Version: version));
        version = (await db.JourneyAsync(mission.Id, default))!.Version;

        // B now carries A's events: removing it without a move would orphan them.
        var refused = await Assert.ThrowsAsync<Masten.Core.Common.DomainException>(() => store.DefineAsync(mission.Id, new JourneyInput([new(steps[2], "C", null, null, false, true)], Reason: "B går upp i C", Version: version)));
        Assert.Contains(refused.Errors, e => e.Field == "moves");
        db.ChangeTracker.Clear();
        await store.DefineAsync(mission.Id, new JourneyInput([new(steps[2], "C", null, null, false, true)], Reason: "B går upp i C", Moves: [new StepMove(steps[1], steps[2])], Version: version));

        var row = await db.Participants.AsNoTracking().SingleAsync(x => x.Id == p);
        Assert.Equal(steps[2], row.CurrentStepId);
        Assert.Equal(0, row.CurrentStepOrder);
        Assert.Equal(Start.AddDays(1), row.StartedOn);
    }

    private static async Task<int[]> StepIdsAsync(MastenDbContext db, int missionId) =>
        await db.JourneySteps.Where(s => s.RetiredAt == null && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId)).OrderBy(s => s.Order).Select(s => s.Id).ToArrayAsync();

    private static async Task<List<Derived>> DerivedAsync(MastenDbContext db, int missionId) =>
        await db.Participants.AsNoTracking().Where(p => p.MissionId == missionId).OrderBy(p => p.Id)
            .Select(p => new Derived(p.Id, p.CurrentStepId, p.CurrentStepOrder, p.LastStepOn, p.StartedOn)).ToListAsync();

    /// <summary>Collects the SQL text of every command the given context runs, from EF's diagnostic events.</summary>
    private sealed class CommandRecorder(DbContext context) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public List<string> Commands { get; } = [];

        public bool Recording { get; set; }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                listener.Subscribe(this);
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Recording && value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && data.Context == context)
                lock (Commands)
                    Commands.Add(data.Command.CommandText);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}

public sealed class SqliteJourneyChangeTests(SqliteDatabase database) : JourneyChangeTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresJourneyChangeTests(PostgresDatabase database) : JourneyChangeTests(database), IClassFixture<PostgresDatabase>;
