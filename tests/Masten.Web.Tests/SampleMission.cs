using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Data;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// A mission filled with random actors, commitments, drivers and initiatives from a seeded <see cref="Random"/>, so
/// that the same seed gives the same data. Tests compare the SQL aggregates with the in-memory analysis over it; with
/// national sizes (about 800 initiatives) it is also the data to time the portfolio and actor pages against.
/// </summary>
public static class SampleMission
{
    public sealed record Sizes(int Goals, int Actors, int Initiatives, int Commitments, int Drivers)
    {
        /// <summary>A few hundred of each: enough for every group and alert to occur.</summary>
        public static Sizes Test { get; } = new(6, 60, 300, 300, 80);

        /// <summary>One mission of a national programme: 20,000 initiatives and 10,000 commitments over 25 missions.</summary>
        public static Sizes National { get; } = new(10, 400, 800, 400, 120);
    }

    /// <summary>Adds the mission and returns its id. <paramref name="today"/> anchors every date.</summary>
    public static async Task<int> SeedAsync(MastenDbContext db, Random rnd, Sizes sizes, DateOnly today)
    {
        var programmeId = await db.Programmes.Select(p => p.Id).FirstAsync();
        var tag = rnd.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var mission = new Mission
        {
            ProgrammeId = programmeId, Title = $"Provuppdrag {tag}", Statement = "Ett uppdrag med slumpade data.", BaselineYear = 2020, HorizonYear = 2035,
            Status = MissionStatus.Active, StaleAfterDays = 30 + rnd.Next(90),
        };
        for (var g = 0; g < sizes.Goals; g++)
        {
            var goal = new Goal { Title = $"Mål {g + 1}", Order = g };
            for (var k = 0; k < 2; k++)
            {
                var higher = rnd.Next(2) == 0;
                var indicator = new Indicator
                {
                    Name = $"Indikator {g + 1}.{k + 1}", Unit = "%", Direction = higher ? Direction.HigherIsBetter : Direction.LowerIsBetter,
                    BaselineDate = new DateOnly(2020, 1, 1), BaselineValue = 50,
                    Targets = [new IndicatorTarget { Date = new DateOnly(2035, 12, 31), Value = higher ? 90 : 10 }],
                };
                for (var y = 2021; y < today.Year; y++)
                    indicator.Observations.Add(new Observation { Date = new DateOnly(y, 12, 31), Value = 50 + (higher ? 1 : -1) * rnd.Next(0, 4 * (y - 2020)), EnteredBy = "prov", EnteredAt = DateTime.UtcNow });
                goal.Indicators.Add(indicator);
            }
            mission.Goals.Add(goal);
        }
        db.Missions.Add(mission);
        var actors = Enumerable.Range(0, sizes.Actors).Select(i => new Actor
        {
            Name = $"Aktör {tag}-{i:D4}", Type = Pick<ActorType>(rnd), Country = Country.Sweden,
        }).ToList();
        db.Actors.AddRange(actors);
        await db.SaveChangesAsync();

        var goalIds = mission.Goals.Select(g => g.Id).ToList();
        var indicators = mission.Goals.SelectMany(g => g.Indicators.Select(i => (i.Id, i.GoalId))).ToList();
        foreach (var a in actors)
        {
            db.Memberships.Add(new Membership { ActorId = a.Id, MissionId = mission.Id, Roles = Some<MissionRole>(rnd, 1, 2), JoinedOn = today.AddDays(-rnd.Next(2000)) });
            for (var c = rnd.Next(4); c > 0; c--)
                db.ContactPeople.Add(new ContactPerson { ActorId = a.Id, Name = $"Kontakt {c}", Level = Pick<OrganisationalLevel>(rnd) });
        }
        var rounds = Enumerable.Range(0, 3).Select(r => new SigningRound { MissionId = mission.Id, Name = $"{2024 + r}", Date = new DateOnly(2024 + r, 3, 1) }).ToList();
        db.SigningRounds.AddRange(rounds);
        await db.SaveChangesAsync();

        for (var c = 0; c < sizes.Commitments; c++)
        {
            var money = rnd.Next(4) == 0 ? (double?)null : rnd.Next(0, 500) * 1000;
            db.Commitments.Add(new Commitment
            {
                ActorId = actors[rnd.Next(actors.Count)].Id, MissionId = mission.Id, RoundId = rounds[rnd.Next(rounds.Count)].Id,
                Text = $"Åtagande {c}", Tier = "", GoalIds = goalIds.OrderBy(_ => rnd.Next()).Take(rnd.Next(4)).ToList(),
                PledgedMoney = money, Currency = rnd.Next(5) == 0 ? null : Pick<Currency>(rnd),
                PersonYears = rnd.Next(3) == 0 ? null : rnd.Next(0, 20) * 0.5, Status = Pick<CommitmentStatus>(rnd),
            });
        }
        for (var d = 0; d < sizes.Drivers; d++)
            db.Drivers.Add(new Driver
            {
                ActorId = actors[rnd.Next(actors.Count)].Id, MissionId = mission.Id, Categories = Some<DriverCategory>(rnd, 1, 3),
                Text = $"Drivkraft {d}", GoalIds = goalIds.OrderBy(_ => rnd.Next()).Take(rnd.Next(3)).ToList(),
            });

        var initiatives = new List<Initiative>();
        for (var i = 0; i < sizes.Initiatives; i++)
        {
            var initiative = new Initiative
            {
                MissionId = mission.Id, Title = $"Insats {rnd.Next(100_000):D5}", Type = Pick<InitiativeType>(rnd), LeadActorId = actors[rnd.Next(actors.Count)].Id,
                Stage = Pick<InitiativeStage>(rnd), Budget = rnd.Next(5) == 0 ? null : rnd.Next(0, 2000) * 500, Currency = Currency.SEK,
                Levers = Some<SystemLever>(rnd, 0, 3),
            };
            for (var c = rnd.Next(4); c > 0; c--)
            {
                var (indicatorId, goalId) = indicators[rnd.Next(indicators.Count)];
                var sized = rnd.Next(3) > 0;
                initiative.Contributions.Add(new InitiativeContribution
                {
                    GoalId = rnd.Next(5) == 0 ? goalIds[rnd.Next(goalIds.Count)] : goalId, IndicatorId = rnd.Next(5) == 0 ? null : indicatorId,
                    Direction = rnd.Next(5) == 0 ? ContributionDirection.Worsens : ContributionDirection.Improves,
                    SizePerYear = sized ? rnd.Next(1, 40) * 0.25 : null, Size = sized ? null : Pick<Level>(rnd), Confidence = Pick<Level>(rnd),
                });
            }
            if (rnd.Next(2) == 0)
                initiative.Funding.Add(new FundingLine { FunderActorId = actors[rnd.Next(actors.Count)].Id, Amount = rnd.Next(1, 100) * 1000, Currency = Currency.SEK });
            initiatives.Add(initiative);
        }
        db.Initiatives.AddRange(initiatives);
        await db.SaveChangesAsync();

        var review = new Review { MissionId = mission.Id, Date = today.AddDays(-60), Kind = ReviewKind.Sensemaking, Insights = "Mönster i portföljen" };
        db.Reviews.Add(review);
        await db.SaveChangesAsync();
        foreach (var decided in initiatives.Take(5))
            db.ReviewDecisions.Add(new ReviewDecision { ReviewId = review.Id, InitiativeId = decided.Id, Kind = DecisionKind.Continue, Rationale = "Fortsätt" });

        foreach (var initiative in initiatives)
        {
            db.StageChanges.Add(new StageChange { InitiativeId = initiative.Id, Stage = initiative.Stage, Date = today.AddDays(-rnd.Next(700)) });
            var checkIns = rnd.Next(8);
            for (var c = 0; c < checkIns; c++)
                db.CheckIns.Add(new CheckIn
                {
                    // Few distinct dates, so that several check-ins share a day now and then.
                    InitiativeId = initiative.Id, Date = today.AddDays(-rnd.Next(0, 40) * 15), Status = rnd.Next(3) == 0 ? CheckInStatus.OffTrack : Pick<CheckInStatus>(rnd),
                    Confidence = rnd.Next(1, 11),
                });
            if (rnd.Next(2) == 0)
                db.Hypotheses.Add(new Hypothesis
                {
                    InitiativeId = initiative.Id, Belief = "Det fungerar", Result = rnd.Next(3) == 0 ? HypothesisResult.Supported : HypothesisResult.Open,
                    OpenedOn = today.AddDays(-rnd.Next(600)),
                });
        }
        await db.SaveChangesAsync();

        // The context stamps creation times with its clock; spread them out so that "no check-in since creation" varies.
        foreach (var group in initiatives.GroupBy(_ => rnd.Next(12)))
        {
            var ids = group.Select(i => i.Id).ToList();
            var created = today.AddDays(-group.Key * 45).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            await db.Initiatives.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, created));
        }
        return mission.Id;
    }

    private static T Pick<T>(Random rnd) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        return values[rnd.Next(values.Length)];
    }

    private static List<T> Some<T>(Random rnd, int min, int max) where T : struct, Enum =>
        Enum.GetValues<T>().OrderBy(_ => rnd.Next()).Take(rnd.Next(min, max + 1)).ToList();
}
