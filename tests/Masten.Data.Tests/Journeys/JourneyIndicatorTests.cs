using Masten.Core.Common;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Data.Journeys;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests.Journeys;

/// <summary>A clock the test moves forward a day at a time.</summary>
public sealed class MovingClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The indicator a journey feeds: Masten's own count equals a direct count on every date, on SQLite and PostgreSQL.</summary>
public abstract class JourneyIndicatorTests(DataDatabase database)
{
    private static readonly DateOnly Start = new(2026, 1, 5);

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task TheComputedIndicatorEqualsADirectCountAtEveryDate(int seed)
    {
        database.RequireDatabase();
        var rnd = new Random(seed);
        var clock = new MovingClock(new DateTimeOffset(Start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        int missionId, indicatorId;
        int[] steps;
        var participants = new List<int>();
        await using (var db = database.NewContext(clock))
        {
            var store = new MissionStore(db);
            var programme = await store.CreateProgrammeAsync(new ProgrammeInput("Omställning", null, null));
            var mission = await store.CreateMissionAsync(new MissionInput(programme.Id, "Fler företag i gång", "Företagen ställer om.", 2025, 2030));
            missionId = mission.Id;
            var goal = await store.CreateGoalAsync(new GoalInput(missionId, null, "Företag i gång", null, Reason: "Nytt mål"));
            indicatorId = (await store.CreateIndicatorAsync(new IndicatorInput(goal.Id, "Företag i gång", null, "st", Direction.HigherIsBetter, ReportingFrequency.Monthly, "Masten",
                new DateOnly(2025, 12, 31), 0, [new TargetInput(new DateOnly(2030, 12, 31), 4250)], Reason: "Nytt mål"))).Id;
            Assert.NotNull(await store.PublishMissionAsync(missionId));
            var journeys = new JourneyStore(db);
            await journeys.DefineAsync(missionId, new JourneyInput([
                new(null, "Första kontakt", null, null, false, false),
                new(null, "Kartlagd värdekedja", null, null, true, true),
                new(null, "Ny affärsmodell", null, null, true, false),
                new(null, "I drift", null, null, false, false),
            ], StartedIndicatorId: indicatorId));
            steps = await db.JourneySteps.Where(s => db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId)).OrderBy(s => s.Order).Select(s => s.Id).ToArrayAsync();
            for (var i = 0; i < 8; i++)
            {
                var actor = new Masten.Core.Actors.Actor { Name = $"Företag {seed}-{i}", Type = Masten.Core.Actors.ActorType.Company, Country = Masten.Core.Actors.Country.Other, OrganisationNumber = $"T{seed}-{i}-{Guid.NewGuid():N}"[..30] };
                db.Actors.Add(actor);
                await db.SaveChangesAsync();
                participants.Add((await journeys.AddParticipantAsync(missionId, new ParticipantInput(actor.Id, "2026", null, null, null, SizeClass.Small, null, Start)))!.Id);
            }
        }

        var expected = new Dictionary<DateOnly, int>();
        var office = new Recorder("kansliet", null, AsCompany: false);
        var company = new Recorder("företaget", null, AsCompany: true);
        for (var day = 0; day < 40; day++)
        {
            var today = Start.AddDays(day);
            clock.Now = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            await using var db = database.NewContext(clock);
            var store = new JourneyStore(db);
            for (var action = rnd.Next(4); action > 0; action--)
            {
                var p = participants[rnd.Next(participants.Count)];
                var current = await db.StepEvents.Where(e => e.ParticipantId == p && e.IsCurrent).OrderByDescending(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync();
                var pending = await db.StepEvents.Where(e => e.ParticipantId == p && e.IsCurrent && e.Status == StepEventStatus.Pending).Select(e => (int?)e.Id).FirstOrDefaultAsync();
                var left = await db.Participants.Where(x => x.Id == p).Select(x => x.LeftOn).FirstAsync();
                if (left is not null)
                    continue;
                switch (rnd.Next(10))
                {
                    case < 4:
                        await store.RecordEventAsync(p, new StepEventInput(steps[rnd.Next(steps.Length)], today, null), office);
                        break;
                    case < 6:
                        await store.RecordEventAsync(p, new StepEventInput(steps[rnd.Next(steps.Length)], today, null), company);
                        break;
                    case < 8 when pending is not null:
                        await store.ConfirmEventAsync(pending.Value, office);
                        break;
                    case 8 when current is not null:
                        await store.CorrectEventAsync(current.Value, new StepCorrectionInput(steps[rnd.Next(steps.Length)], today, null, "Fel steg"), office);
                        break;
                    case 9 when rnd.Next(3) == 0:
                        var row = await db.Participants.AsNoTracking().FirstAsync(x => x.Id == p);
                        await store.UpdateParticipantAsync(p, new ParticipantInput(row.ActorId, row.Cohort, null, null, null, row.SizeClass, null, row.JoinedOn, today, "Slutade", Version: row.Version));
                        break;
                }
            }
            expected[today] = await DirectCountAsync(db, missionId, steps, today);
        }

        await using (var db = database.NewContext())
        {
            var series = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId && o.IsCurrent).OrderBy(o => o.Date).ToListAsync();
            Assert.All(series, o => Assert.Equal(JourneyStore.ComputedBy, o.EnteredBy));
            foreach (var (date, count) in expected)
            {
                // The indicator's value on a date is its latest current observation on or before it; none means the baseline, 0.
                var value = series.LastOrDefault(o => o.Date <= date)?.Value ?? 0;
                Assert.True(count == value, $"on {date:yyyy-MM-dd} the indicator says {value}, a direct count {count}");
            }
            Assert.Contains(expected.Values, v => v > 0);
        }
    }

    /// <summary>The count straight from the events with <see cref="JourneyAnalysis.Position"/>, not from the derived columns.</summary>
    private static async Task<int> DirectCountAsync(MastenDbContext db, int missionId, int[] steps, DateOnly today)
    {
        var participants = await db.Participants.AsNoTracking().Where(p => p.MissionId == missionId).Select(p => new { p.Id, p.LeftOn }).ToListAsync();
        var events = await db.StepEvents.AsNoTracking().Where(e => db.Participants.Any(p => p.Id == e.ParticipantId && p.MissionId == missionId)).ToListAsync();
        return participants.Count(p =>
            (p.LeftOn is null || p.LeftOn > today)
            && JourneyAnalysis.Position(events.Where(e => e.ParticipantId == p.Id).Select(e => new EventFact(e.Id, e.StepId, e.Date, e.Status, e.SupersedesId)), today) is { } position
            && Array.IndexOf(steps, position.StepId) >= 1);
    }

    [SkippableFact]
    public async Task TheExampleJourneysStartedIndicatorHasAMonthlyHistoryEqualToADirectCountAtEachDate()
    {
        database.RequireDatabase();
        await using var db = database.NewContext();
        var missionId = await db.Missions.Where(m => m.Title == JourneyDemo.MissionTitle).Select(m => m.Id).SingleAsync();
        var indicatorId = await db.Journeys.Where(j => j.MissionId == missionId).Select(j => j.StartedIndicatorId!.Value).SingleAsync();
        var steps = await db.JourneySteps.Where(s => s.RetiredAt == null && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId)).OrderBy(s => s.Order).Select(s => s.Id).ToArrayAsync();
        var series = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId && o.IsCurrent).OrderBy(o => o.Date).ToListAsync();

        // Two years and more of month ends since the baseline, each counted by Masten, rising as the cohorts get started.
        Assert.True(series.Count >= 24, $"{series.Count} values");
        Assert.All(series, o => Assert.Equal(JourneyStore.ComputedBy, o.EnteredBy));
        Assert.True(series[^1].Value > series[series.Count / 2].Value && series[series.Count / 2].Value > 0, string.Join(", ", series.Select(o => o.Value)));
        foreach (var o in series)
            Assert.Equal(await DirectCountAsync(db, missionId, steps, o.Date), o.Value);
    }

    [SkippableFact]
    public async Task AnIndicatorFedByTheJourneyTakesNoTypedValues()
    {
        database.RequireDatabase();
        await using var db = database.NewContext();
        var store = new MissionStore(db);
        var programme = await store.CreateProgrammeAsync(new ProgrammeInput("Omställning", null, null));
        var mission = await store.CreateMissionAsync(new MissionInput(programme.Id, "Fler i gång", "Företagen ställer om.", 2025, 2030));
        var goal = await store.CreateGoalAsync(new GoalInput(mission.Id, null, "I gång", null));
        var indicator = await store.CreateIndicatorAsync(new IndicatorInput(goal.Id, "I gång", null, "st", Direction.HigherIsBetter, ReportingFrequency.Monthly, null,
            new DateOnly(2025, 12, 31), 0, [new TargetInput(new DateOnly(2030, 12, 31), 4250)]));
        await new JourneyStore(db).DefineAsync(mission.Id, new JourneyInput([new(null, "I gång", null, null, false, true)], StartedIndicatorId: indicator.Id));
        var refused = await Assert.ThrowsAsync<DomainException>(() => store.AppendObservationAsync(indicator.Id, new ObservationInput(new DateOnly(2026, 1, 1), 12, null, null), "någon"));
        Assert.Equal("indicatorId", Assert.Single(refused.Errors).Field);
    }
}

public sealed class SqliteJourneyIndicatorTests(SqliteDatabase database) : JourneyIndicatorTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresJourneyIndicatorTests(PostgresDatabase database) : JourneyIndicatorTests(database), IClassFixture<PostgresDatabase>;
