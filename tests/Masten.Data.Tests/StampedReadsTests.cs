using Masten.Core.Actors;
using Masten.Core.Portfolio;
using Masten.Data.Actors;
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
}

public sealed class SqliteStampedReadsTests(SqliteDatabase database) : StampedReadsTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresStampedReadsTests(PostgresDatabase database) : StampedReadsTests(database), IClassFixture<PostgresDatabase>;
