using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests.Missions;

/// <summary>Roadmap versions written by <see cref="MissionStore"/>, on SQLite and PostgreSQL.</summary>
public abstract class RoadmapRevisionTests(DataDatabase database)
{
    private static readonly FixedClock March = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly MarchFirst = new(2026, 3, 1);

    private sealed record Created(int MissionId, int ProgrammeId, int GoalId);

    /// <summary>A draft mission with a goal and an indicator, made active on 1 March 2026 (version 1).</summary>
    private async Task<Created> ActiveMissionAsync()
    {
        database.RequireDatabase();
        await using var db = database.NewContext(March);
        var store = new MissionStore(db);
        var programme = await store.CreateProgrammeAsync(new ProgrammeInput("Testprogram", null, null));
        var mission = await store.CreateMissionAsync(new MissionInput(programme.Id, "Fossilfri mat", "All mat produceras utan fossil energi.", 2020, 2035));
        var goal = await store.CreateGoalAsync(new GoalInput(mission.Id, null, "Mindre utsläpp", null));
        await store.CreateIndicatorAsync(new IndicatorInput(goal.Id, "Utsläpp", null, "kt", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SCB",
            new DateOnly(2020, 12, 31), 100, [new TargetInput(new DateOnly(2035, 12, 31), 10)]));
        Assert.Empty(await db.RoadmapVersions.Where(v => v.MissionId == mission.Id).ToListAsync());
        await store.UpdateMissionAsync(mission.Id, new MissionInput(programme.Id, mission.Title, mission.Statement, 2020, 2035, MissionStatus.Active, Version: mission.Version));
        return new Created(mission.Id, programme.Id, goal.Id);
    }

    private async Task<List<RoadmapVersion>> VersionsAsync(int missionId)
    {
        await using var db = database.NewContext();
        return await db.RoadmapVersions.AsNoTracking().Where(v => v.MissionId == missionId).OrderBy(v => v.Number).ToListAsync();
    }

    private async Task<string> GoalTitleAsync(int goalId)
    {
        await using var db = database.NewContext();
        return await db.Goals.Where(g => g.Id == goalId).Select(g => g.Title).SingleAsync();
    }

    private async Task RenameGoalAsync(int goalId, string title, string? reason, DateOnly? validFrom = null)
    {
        await using var db = database.NewContext(March);
        var goal = await db.Goals.AsNoTracking().SingleAsync(g => g.Id == goalId);
        await new MissionStore(db).UpdateGoalAsync(goalId, new GoalInput(goal.MissionId, goal.ParentId, title, goal.Description, Version: goal.Version, Reason: reason, ValidFrom: validFrom));
    }

    [SkippableFact]
    public async Task LeavingDraftRecordsTheAgreedRoadmapAsVersionOne()
    {
        var created = await ActiveMissionAsync();
        var version = Assert.Single(await VersionsAsync(created.MissionId));
        Assert.Equal(1, version.Number);
        Assert.Equal(MarchFirst, version.ValidFrom);
        Assert.Null(version.Reason);
        var snapshot = RoadmapSnapshot.FromJson(version.Snapshot);
        Assert.Equal("Mindre utsläpp", Assert.Single(snapshot.Goals).Title);
        Assert.Single(snapshot.Indicators);
    }

    [SkippableFact]
    public async Task ARevisionWithoutAReasonIsRefusedAndChangesNothing()
    {
        var created = await ActiveMissionAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => RenameGoalAsync(created.GoalId, "Inga utsläpp", reason: "  "));
        Assert.Equal(DomainErrorKind.Validation, refused.Kind);
        Assert.Equal("reason", Assert.Single(refused.Errors).Field);
        Assert.Equal("Mindre utsläpp", await GoalTitleAsync(created.GoalId));
        Assert.Single(await VersionsAsync(created.MissionId));
    }

    [SkippableFact]
    public async Task ARevisionWithAReasonStoresTheChangeAndTheNextVersionTogether()
    {
        var created = await ActiveMissionAsync();
        await RenameGoalAsync(created.GoalId, "Inga utsläpp", reason: "Målet skärps efter avstämningen");
        Assert.Equal("Inga utsläpp", await GoalTitleAsync(created.GoalId));
        var versions = await VersionsAsync(created.MissionId);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        var revision = versions[1];
        Assert.Equal("Målet skärps efter avstämningen", revision.Reason);
        Assert.Equal("test", revision.CreatedBy);
        // Without a date of its own, a revision applies from today.
        Assert.Equal(MarchFirst, revision.ValidFrom);
        Assert.Equal("Inga utsläpp", Assert.Single(RoadmapSnapshot.FromJson(revision.Snapshot).Goals).Title);
        Assert.Equal("Mindre utsläpp", Assert.Single(RoadmapSnapshot.FromJson(versions[0].Snapshot).Goals).Title);
    }

    [SkippableFact]
    public async Task ARevisionCannotApplyBeforeThePreviousVersionAndChangesNothing()
    {
        var created = await ActiveMissionAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => RenameGoalAsync(created.GoalId, "Inga utsläpp", "Bakåtdaterad", validFrom: MarchFirst.AddDays(-1)));
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("validFrom", "ValidFromBeforePrevious"), (error.Field, error.Code));
        Assert.Equal("Mindre utsläpp", await GoalTitleAsync(created.GoalId));
        Assert.Single(await VersionsAsync(created.MissionId));

        // The same day as the previous version is allowed.
        await RenameGoalAsync(created.GoalId, "Inga utsläpp", "Samma dag", validFrom: MarchFirst);
        Assert.Equal([MarchFirst, MarchFirst], (await VersionsAsync(created.MissionId)).Select(v => v.ValidFrom));
    }

    [SkippableFact]
    public async Task AChangeOutsideTheRoadmapNeedsNoReasonAndMakesNoVersion()
    {
        var created = await ActiveMissionAsync();
        await using (var db = database.NewContext(March))
        {
            var mission = await db.Missions.AsNoTracking().SingleAsync(m => m.Id == created.MissionId);
            await new MissionStore(db).UpdateMissionAsync(mission.Id, new MissionInput(created.ProgrammeId, mission.Title, mission.Statement, 2020, 2035,
                MissionStatus.Active, Version: mission.Version, StaleAfterDays: 30));
        }
        await using (var db = database.NewContext())
            Assert.Equal(30, await db.Missions.Where(m => m.Id == created.MissionId).Select(m => m.StaleAfterDays).SingleAsync());
        Assert.Single(await VersionsAsync(created.MissionId));
    }

    [SkippableFact]
    public async Task TheExampleMissionCarriesItsRevisionCitingTheReview()
    {
        database.RequireDatabase();
        var versions = await VersionsAsync(database.ExampleMissionId);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.NotNull(versions[1].ReviewId);
        Assert.False(string.IsNullOrWhiteSpace(versions[1].Reason));
        Assert.True(versions[1].ValidFrom >= versions[0].ValidFrom);
    }
}

public sealed class SqliteRoadmapRevisionTests(SqliteDatabase database) : RoadmapRevisionTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresRoadmapRevisionTests(PostgresDatabase database) : RoadmapRevisionTests(database), IClassFixture<PostgresDatabase>;
