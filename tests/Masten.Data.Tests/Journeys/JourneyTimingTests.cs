using Masten.Core.Journeys;
using Masten.Core.Missions;
using Masten.Data.Journeys;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests.Journeys;

/// <summary>
/// The time between steps computed in SQL equals the C# computation (the first date per participant and step read
/// with LINQ, then <see cref="JourneyAnalysis.Durations"/>) to the last bit, over generated events with ties,
/// superseded and pending events, a retired step, steps back and every filter, on SQLite and PostgreSQL.
/// </summary>
public abstract class JourneyTimingTests(DataDatabase database)
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly string[] Cohorts = ["2024", "2025"];
    private static readonly string[] Regions = ["01", "12", "14"];
    private static readonly string[] Sectors = ["10.71", "10", "100.1", "62.01", "62"];

    [SkippableTheory]
    [InlineData(1, 60)]
    [InlineData(2, 7)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    public async Task TheDurationsInSqlEqualTheCSharpComputation(int seed, int participants)
    {
        database.RequireDatabase();
        var rnd = new Random(seed);
        await using var db = database.NewContext();
        db.Reads = null;
        var store = new MissionStore(db);
        var programme = await store.CreateProgrammeAsync(new ProgrammeInput($"Tider {seed}", null, null));
        var missionId = (await store.CreateMissionAsync(new MissionInput(programme.Id, $"Tider {seed}", "Hur lång tid stegen tar.", 2024, 2030))).Id;
        await new JourneyStore(db).DefineAsync(missionId, new JourneyInput([
            new(null, "Första kontakt", null, null, false, false),
            new(null, "Kartlagd värdekedja", null, null, true, true),
            new(null, "Plan", null, null, true, false),
            new(null, "Ny affärsmodell", null, null, true, false),
            new(null, "Frikopplad tillväxt", null, null, false, false),
        ]));
        var journeyId = await db.Journeys.Where(j => j.MissionId == missionId).Select(j => j.Id).FirstAsync();
        var steps = await db.JourneySteps.Where(s => s.JourneyId == journeyId).OrderBy(s => s.Order).Select(s => s.Id).ToListAsync();
        // A retired step whose events count for the third step.
        var retired = new JourneyStep { JourneyId = journeyId, Order = 9, Name = "Gammalt steg", RetiredAt = DateTime.UtcNow, MovedToStepId = steps[2] };
        db.JourneySteps.Add(retired);
        await db.SaveChangesAsync();
        var everyStep = steps.Append(retired.Id).ToList();

        for (var i = 0; i < participants; i++)
        {
            var actor = new Masten.Core.Actors.Actor { Name = $"Företag {seed}-{i}", Type = Masten.Core.Actors.ActorType.Company, Country = Masten.Core.Actors.Country.Other };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            var joined = Start.AddDays(rnd.Next(200));
            var participant = new Participant
            {
                MissionId = missionId, ActorId = actor.Id, Cohort = Cohorts[rnd.Next(Cohorts.Length)], RegionCode = Regions[rnd.Next(Regions.Length)],
                Sector = rnd.Next(5) == 0 ? null : Sectors[rnd.Next(Sectors.Length)], SizeClass = (SizeClass)rnd.Next(4), NavigatorId = rnd.Next(3) == 0 ? null : 1 + rnd.Next(2),
                JoinedOn = joined, LeftOn = rnd.Next(6) == 0 ? joined.AddDays(300) : null,
            };
            db.Participants.Add(participant);
            await db.SaveChangesAsync();
            var day = joined;
            var log = new List<StepEvent>();
            for (var n = rnd.Next(9); n > 0; n--)
            {
                // Mostly forward a step, sometimes back or skipping, on the same day or later; a few pending.
                day = day.AddDays(rnd.Next(4) == 0 ? 0 : rnd.Next(1, 120));
                var e = new StepEvent
                {
                    ParticipantId = participant.Id, StepId = everyStep[rnd.Next(everyStep.Count)], Date = day,
                    Status = rnd.Next(8) == 0 ? StepEventStatus.Pending : StepEventStatus.Confirmed, RecordedBy = "test", RecordedAt = DateTime.UtcNow, IsCurrent = true,
                };
                // Now and then a correction: a new event, dated earlier, that supersedes the last one.
                if (log.Count > 0 && rnd.Next(6) == 0 && log[^1].IsCurrent)
                {
                    e.SupersedesId = log[^1].Id;
                    e.Date = log[^1].Date.AddDays(-rnd.Next(30));
                    e.Reason = "Fel datum";
                    log[^1].IsCurrent = false;
                }
                db.StepEvents.Add(e);
                await db.SaveChangesAsync();
                log.Add(e);
            }
        }
        db.ChangeTracker.Clear();

        JourneyFilter[] filters =
        [
            new(), new(Cohort: "2024"), new(Region: "12"), new(Sector: "10"), new(Sector: "62.01"), new(Size: SizeClass.Small),
            new(Navigator: 1), new(Cohort: "2025", Region: "01", Sector: "10", Size: SizeClass.Micro, Navigator: 2), new(Cohort: "1999"),
        ];
        var today = Start.AddDays(900);
        foreach (var filter in filters)
        {
            var expected = await OracleAsync(db, missionId, journeyId, filter);
            var timing = await db.TimingAsync(missionId, filter, today, 12, default);
            Assert.NotNull(timing);
            var actual = timing.Durations.Select(d => (d.Participants, d.MedianDays, d.Percentile80Days)).ToList();
            Assert.Equal(expected.Select(d => (d.Participants, d.MedianDays, d.Percentile80Days)), actual);
            if (participants >= 60 && filter == new JourneyFilter())   // the generated log has something to measure, between ranks too
                Assert.Contains(actual, d => d.Participants > 5 && d.Percentile80Days % 1 != 0);
        }
    }

    // The computation before it moved to SQL: one row per participant and step, then JourneyAnalysis.Durations.
    private static async Task<IReadOnlyList<StepDuration>> OracleAsync(MastenDbContext db, int missionId, int journeyId, JourneyFilter filter)
    {
        var steps = await db.JourneySteps.Where(s => s.JourneyId == journeyId && s.RetiredAt == null).OrderBy(s => s.Order).Select(s => s.Id).ToListAsync();
        var chosen = db.Filtered(missionId, filter).Select(p => p.Id);
        var all = db.JourneySteps.Where(s => s.JourneyId == journeyId);
        var first = await (
            from e in db.StepEvents
            where e.IsCurrent && e.Status == StepEventStatus.Confirmed && chosen.Contains(e.ParticipantId)
            join own in all on e.StepId equals own.Id
            join to in all on (own.RetiredAt == null ? own.Id : own.MovedToStepId) equals to.Id
            where to.RetiredAt == null
            group e.Date by new { e.ParticipantId, to.Order } into g
            select new { g.Key.ParticipantId, g.Key.Order, First = g.Min() }).ToListAsync();
        var reached = first.GroupBy(f => f.ParticipantId).Select(g => (IReadOnlyDictionary<int, DateOnly>)g.ToDictionary(f => f.Order, f => f.First)).ToList();
        return JourneyAnalysis.Durations(steps, reached);
    }
}

public sealed class SqliteJourneyTimingTests(SqliteDatabase database) : JourneyTimingTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresJourneyTimingTests(PostgresDatabase database) : JourneyTimingTests(database), IClassFixture<PostgresDatabase>;
