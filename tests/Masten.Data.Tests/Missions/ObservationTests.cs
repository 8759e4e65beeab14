using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests.Missions;

/// <summary>Observations are appended and corrected, never overwritten: <see cref="MissionStore"/> on SQLite and PostgreSQL.</summary>
public abstract class ObservationTests(DataDatabase database)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A new indicator in a draft mission of its own.</summary>
    private async Task<int> IndicatorAsync()
    {
        database.RequireDatabase();
        await using var db = database.NewContext(Clock);
        var store = new MissionStore(db);
        var programme = await store.CreateProgrammeAsync(new ProgrammeInput("Mätprogram", null, null));
        var mission = await store.CreateMissionAsync(new MissionInput(programme.Id, "Rena sjöar", "Alla sjöar är rena.", 2020, 2035));
        var goal = await store.CreateGoalAsync(new GoalInput(mission.Id, null, "Mindre fosfor", null));
        var indicator = await store.CreateIndicatorAsync(new IndicatorInput(goal.Id, "Fosfor", null, "t", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SMHI",
            new DateOnly(2020, 12, 31), 50, [new TargetInput(new DateOnly(2035, 12, 31), 5)]));
        return indicator.Id;
    }

    private async Task<List<Observation>> ObservationsAsync(int indicatorId)
    {
        await using var db = database.NewContext();
        return await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId).OrderBy(o => o.Id).ToListAsync();
    }

    private async Task<Observation?> AppendAsync(int indicatorId, DateOnly date, double value)
    {
        await using var db = database.NewContext(Clock);
        return await new MissionStore(db).AppendObservationAsync(indicatorId, new ObservationInput(date, value, "SMHI", null), "mätaren");
    }

    private async Task<Observation?> CorrectAsync(int observationId, double value, string? reason)
    {
        await using var db = database.NewContext(Clock);
        return await new MissionStore(db).CorrectObservationAsync(observationId, new CorrectionInput(new DateOnly(2024, 12, 31), value, "SMHI", null, reason), "granskaren");
    }

    [SkippableFact]
    public async Task AnAppendedObservationIsStoredWithWhoEnteredItAndWhen()
    {
        var indicator = await IndicatorAsync();
        var appended = await AppendAsync(indicator, new DateOnly(2024, 12, 31), 41.5);
        Assert.NotNull(appended);
        var stored = Assert.Single(await ObservationsAsync(indicator));
        Assert.Equal((new DateOnly(2024, 12, 31), 41.5, "SMHI", "mätaren", (int?)null), (stored.Date, stored.Value, stored.Source, stored.EnteredBy, stored.SupersedesId));
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, stored.EnteredAt);
    }

    [SkippableFact]
    public async Task AnObservationDatedInTheFutureIsRefusedAndNothingIsStored()
    {
        var indicator = await IndicatorAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => AppendAsync(indicator, new DateOnly(2026, 3, 5), 40));
        Assert.Equal(("date", "DateInFuture"), (Assert.Single(refused.Errors).Field, refused.Errors[0].Code));
        Assert.Empty(await ObservationsAsync(indicator));
    }

    [SkippableFact]
    public async Task AppendingToAnIndicatorThatDoesNotExistReturnsNull()
    {
        database.RequireDatabase();
        Assert.Null(await AppendAsync(int.MaxValue, new DateOnly(2024, 12, 31), 1));
    }

    [SkippableFact]
    public async Task ACorrectionSupersedesTheOldValueWhichStaysReadable()
    {
        var indicator = await IndicatorAsync();
        var original = (await AppendAsync(indicator, new DateOnly(2024, 12, 31), 41.5))!;
        var correction = await CorrectAsync(original.Id, 39.0, "Fel enhet i rapporten");
        Assert.NotNull(correction);
        var stored = await ObservationsAsync(indicator);
        Assert.Equal(2, stored.Count);
        Assert.Equal((41.5, (int?)null), (stored[0].Value, stored[0].SupersedesId));
        Assert.Equal((39.0, (int?)original.Id, "Fel enhet i rapporten", "granskaren"), (stored[1].Value, stored[1].SupersedesId, stored[1].CorrectionReason, stored[1].EnteredBy));
    }

    [SkippableFact]
    public async Task ACorrectionNeedsAReason()
    {
        var indicator = await IndicatorAsync();
        var original = (await AppendAsync(indicator, new DateOnly(2024, 12, 31), 41.5))!;
        var refused = await Assert.ThrowsAsync<DomainException>(() => CorrectAsync(original.Id, 39.0, reason: null));
        Assert.Equal("reason", Assert.Single(refused.Errors).Field);
        Assert.Single(await ObservationsAsync(indicator));
    }

    [SkippableFact]
    public async Task CorrectingAValueThatWasAlreadyCorrectedIsAConflictAndStoresNothing()
    {
        var indicator = await IndicatorAsync();
        var original = (await AppendAsync(indicator, new DateOnly(2024, 12, 31), 41.5))!;
        await CorrectAsync(original.Id, 39.0, "Fel enhet");
        var refused = await Assert.ThrowsAsync<DomainException>(() => CorrectAsync(original.Id, 38.0, "Igen"));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Equal(("observationId", "AlreadyCorrected"), (refused.Errors[0].Field, refused.Errors[0].Code));
        Assert.Equal([41.5, 39.0], (await ObservationsAsync(indicator)).Select(o => o.Value));
    }

    [SkippableFact]
    public async Task AnIndicatorCodeNamesOneIndicatorOfItsMissionAndADuplicateIsRefused()
    {
        var first = await IndicatorAsync();
        await using var db = database.NewContext(Clock);
        var store = new MissionStore(db);
        var goalId = await db.Indicators.Where(i => i.Id == first).Select(i => i.GoalId).FirstAsync();
        IndicatorInput Input(string code) => new(goalId, "Kväve", null, "t", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SMHI",
            new DateOnly(2020, 12, 31), 50, [new TargetInput(new DateOnly(2035, 12, 31), 5)], Code: code);
        var coded = await store.CreateIndicatorAsync(Input(" 1.2 "));
        Assert.Equal("1.2", coded.Code);
        var refused = await Assert.ThrowsAsync<DomainException>(() => store.CreateIndicatorAsync(Input("1.2")));
        Assert.Equal(("code", "DuplicateCode"), (refused.Errors[0].Field, refused.Errors[0].Code));
        Assert.Equal(2, await db.Indicators.CountAsync(i => i.GoalId == goalId));
        // The same code in another mission is fine: codes are unique within a mission only.
        var other = await IndicatorAsync();
        await using var db2 = database.NewContext(Clock);
        var otherGoal = await db2.Indicators.Where(i => i.Id == other).Select(i => i.GoalId).FirstAsync();
        Assert.Equal("1.2", (await new MissionStore(db2).CreateIndicatorAsync(Input("1.2") with { GoalId = otherGoal })).Code);
    }

    [SkippableFact]
    public async Task CorrectingAnObservationThatDoesNotExistReturnsNull()
    {
        database.RequireDatabase();
        Assert.Null(await CorrectAsync(int.MaxValue, 1, "Finns inte"));
    }
}

public sealed class SqliteObservationTests(SqliteDatabase database) : ObservationTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresObservationTests(PostgresDatabase database) : ObservationTests(database), IClassFixture<PostgresDatabase>;
