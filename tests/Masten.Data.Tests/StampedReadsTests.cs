using Masten.Core.Actors;
using Masten.Core.Portfolio;
using Masten.Data.Actors;
using Masten.Data.Missions;
using Masten.Data.Progress;
using Masten.Core.Missions;
using Masten.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests;

/// <summary>
/// The portfolio analysis and the mission's actor overview are reused while the <see cref="DataStamp"/> stays the same
/// (<see cref="StampedReads"/>), whoever reads them, and never after a committed write, for a context that does not see
/// the mission, or with what a transaction has not committed. On SQLite and PostgreSQL.
/// </summary>
public abstract class StampedReadsTests(DataDatabase database)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<PortfolioOverview> PortfolioAsync()
    {
        await using var db = database.NewContext();
        return (await db.PortfolioAsync(database.ExampleMissionId, Today, default))!;
    }

    private static async Task AddInitiativeAsync(MastenDbContext db, int missionId, string title)
    {
        var lead = await db.Actors.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        db.Initiatives.Add(new Initiative { MissionId = missionId, Title = title, Type = InitiativeType.Experiment, LeadActorId = lead, Stage = InitiativeStage.Exploring });
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task APortfolioIsReusedUntilAWriteAndThenCountsTheNewInitiative()
    {
        database.RequireDatabase();
        var first = await PortfolioAsync();
        var second = await PortfolioAsync();
        // The same analysis, not a new one: its lists are the very same objects.
        Assert.Same(first.Report.ByStage, second.Report.ByStage);

        await using (var db = database.NewContext())
            await AddInitiativeAsync(db, database.ExampleMissionId, "Stämpelinitiativ");

        var after = await PortfolioAsync();
        Assert.NotSame(first.Report.ByStage, after.Report.ByStage);
        Assert.Equal(first.Report.Initiatives + 1, after.Report.Initiatives);
    }

    [SkippableFact]
    public async Task AContextThatDoesNotSeeTheMissionGetsNoReusedPortfolio()
    {
        database.RequireDatabase();
        Assert.NotNull(await PortfolioAsync());
        await using var db = database.NewContext();
        db.SeeOnly([], []);
        Assert.Null(await db.PortfolioAsync(database.ExampleMissionId, Today, default));
    }

    [SkippableFact]
    public async Task WhatATransactionHasNotCommittedIsNeverReused()
    {
        database.RequireDatabase();
        var before = await PortfolioAsync();
        await using (var db = database.NewContext())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await AddInitiativeAsync(db, database.ExampleMissionId, "Ångrat initiativ");
            var inside = (await db.PortfolioAsync(database.ExampleMissionId, Today, default))!;
            Assert.Equal(before.Report.Initiatives + 1, inside.Report.Initiatives);
            await tx.RollbackAsync();
        }
        Assert.Equal(before.Report.Initiatives, (await PortfolioAsync()).Report.Initiatives);
    }

    [SkippableFact]
    public async Task TheMissionActorsAreReusedUntilASigningRoundIsAdded()
    {
        database.RequireDatabase();
        async Task<MissionActorsOverview> ReadAsync()
        {
            await using var db = database.NewContext();
            return (await db.MissionActorsAsync(database.ExampleMissionId, default))!;
        }
        var first = await ReadAsync();
        Assert.Same(first.Rounds, (await ReadAsync()).Rounds);

        await using (var db = database.NewContext())
        {
            db.SigningRounds.Add(new SigningRound { MissionId = database.ExampleMissionId, Name = "Stämpelrundan", Date = Today });
            await db.SaveChangesAsync();
        }

        var after = await ReadAsync();
        Assert.Equal(first.Rounds.Count + 1, after.Rounds.Count);
        Assert.Contains(after.Rounds, r => r.Round.Name == "Stämpelrundan");
    }

    private async Task<MissionProgress> MissionProgressAsync(StampedReads? reads = null)
    {
        await using var db = database.NewContext(reads: reads);
        return (await db.MissionProgressAsync(database.ExampleMissionId, Today, default))!;
    }

    private async Task RenameFirstGoalAsync(string title, StampedReads? reads = null)
    {
        await using var db = database.NewContext(reads: reads);
        var goal = await db.Goals.Where(g => g.MissionId == database.ExampleMissionId && g.ParentId == null).OrderBy(g => g.Order).ThenBy(g => g.Id).FirstAsync();
        goal.Title = title;
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task TheMissionAssessmentIsReusedUntilAGoalIsRenamed()
    {
        database.RequireDatabase();
        var first = await MissionProgressAsync();
        Assert.Same(first.Goals, (await MissionProgressAsync()).Goals);

        await RenameFirstGoalAsync("Omdöpt mål");

        var after = await MissionProgressAsync();
        Assert.NotSame(first.Goals, after.Goals);
        Assert.Equal("Omdöpt mål", after.Goals[0].Goal.Title);
    }

    [SkippableFact]
    public async Task AWriteThroughAnotherHostEndsTheReuseOfTheMissionAssessment()
    {
        database.RequireDatabase();
        var thisHost = new StampedReads();
        var otherHost = new StampedReads();
        var first = await MissionProgressAsync(thisHost);
        Assert.Same(first.Goals, (await MissionProgressAsync(thisHost)).Goals);

        await RenameFirstGoalAsync("Ändrat på en annan värd", otherHost);

        Assert.Equal("Ändrat på en annan värd", (await MissionProgressAsync(thisHost)).Goals[0].Goal.Title);
    }

    [SkippableFact]
    public async Task TheIndicatorAssessmentIsReusedUntilAnObservationIsAddedAndIsNeverGivenToWhoCannotSeeTheMission()
    {
        database.RequireDatabase();
        int indicatorId;
        await using (var db = database.NewContext())
            indicatorId = await db.Indicators.Where(i => i.Goal!.MissionId == database.ExampleMissionId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        async Task<IndicatorProgress?> ReadAsync(bool seesMission = true)
        {
            await using var db = database.NewContext();
            if (!seesMission)
                db.SeeOnly([], []);
            return await db.IndicatorProgressAsync(indicatorId, Today, default);
        }
        var first = (await ReadAsync())!;
        Assert.Same(first.CurrentSeries, (await ReadAsync())!.CurrentSeries);
        Assert.Null(await ReadAsync(seesMission: false));

        await using (var db = database.NewContext())
        {
            db.Observations.Add(new Observation { IndicatorId = indicatorId, Date = Today, Value = 4242.5, EnteredBy = "test", IsCurrent = true });
            await db.SaveChangesAsync();
        }

        var after = (await ReadAsync())!;
        Assert.NotSame(first.CurrentSeries, after.CurrentSeries);
        Assert.Contains(after.CurrentSeries, v => v.Date == Today && v.Value == 4242.5);
    }

    [SkippableFact]
    public async Task AContextThatDoesNotSeeTheMissionGetsNoReusedAssessmentOrPublicFacts()
    {
        database.RequireDatabase();
        var progress = await MissionProgressAsync();
        var ids = progress.AllIndicators().Select(i => i.Indicator.Id).ToList();
        await using (var db = database.NewContext())
            Assert.NotEmpty((await db.PublicFactsAsync(database.ExampleMissionId, ids, Today.AddYears(-5), Today, 1, default)).YearlySeries);
        await using var hidden = database.NewContext();
        hidden.SeeOnly([], []);
        Assert.Null(await hidden.MissionProgressAsync(database.ExampleMissionId, Today, default));
        Assert.Empty((await hidden.PublicFactsAsync(database.ExampleMissionId, ids, Today.AddYears(-5), Today, 1, default)).Actors);
    }

    [SkippableFact]
    public async Task NoMoreAnswersAreKeptThanTheBoundAllows()
    {
        database.RequireDatabase();
        var reads = new StampedReads(mostEntries: 2);
        await using var db = database.NewContext(reads: reads);
        for (var days = 0; days < 5; days++)
            Assert.NotNull(await db.MissionProgressAsync(database.ExampleMissionId, Today.AddDays(-days), default));
        Assert.InRange(reads.Count, 1, 2);
        Assert.Equal(0, new StampedReads(enabled: false).Count);
    }
}

public sealed class SqliteStampedReadsTests(SqliteDatabase database) : StampedReadsTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresStampedReadsTests(PostgresDatabase database) : StampedReadsTests(database), IClassFixture<PostgresDatabase>;
