using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Progress;
using Masten.Core.Reports;

namespace Masten.Core.Tests.Reports;

public class ReportComparisonTests
{
    private static ReportIndicator Indicator(int id, ProgressStatus status, double? latest, Direction direction = Direction.HigherIsBetter) =>
        new(id, 1, $"Indikator {id}", "%", direction, status, latest is { } v ? new DatedValue(new DateOnly(2025, 12, 31), v) : null,
            new DatedValue(new DateOnly(2030, 12, 31), 100), 50, null, null, ReachOutcome.NotEnoughData, null, new Dictionary<string, string>());

    private static ReportRound Round(int id, int commitments, double personYears, double sek, int withdrawn = 0) =>
        new(id, $"{2023 + id}", new DateOnly(2023 + id, 3, 1), commitments,
            new Dictionary<CommitmentStatus, int> { [CommitmentStatus.Signed] = commitments - withdrawn, [CommitmentStatus.Withdrawn] = withdrawn },
            [new ReportMoney(Currency.SEK, sek)], personYears, [], 0);

    private static ReportSnapshot Snapshot(DateOnly asOf, ProgressStatus mission, ReportGoal[] goals, ReportIndicator[] indicators, ReportRound[] rounds,
        int[] uncovered, int alerts = 0, int active = 3, ReportMoney[]? budget = null) =>
        new(ReportDocument.CurrentSchemaVersion, 7, "Cirkulära städer", "Allt används igen.", 2020, 2035, $"Årlig avstämning {asOf.Year}", null, asOf,
            new DateTime(asOf.Year, 12, 31, 12, 0, 0, DateTimeKind.Utc), "kontoret", 1, new ReportStatus(mission, 0.4, 0.5), goals, indicators, rounds,
            new ReportPortfolio(active, active, 1_000_000, [], uncovered, [],
                Enumerable.Range(1, alerts).Select(i => new ReportAlert(i, $"Insats {i}", AlertKind.Stale, 120)).ToList())
            { BudgetByCurrency = budget ?? [new ReportMoney(Currency.SEK, 1_000_000)] },
            null, []);

    private static ReportGoal Goal(int id, ProgressStatus status) => new(id, null, 0, $"Delmål {id}", new ReportStatus(status, 0.5, 0.5));

    [Theory]
    [InlineData(ProgressStatus.OffTrack, ProgressStatus.AtRisk, Trend.Improved)]
    [InlineData(ProgressStatus.AtRisk, ProgressStatus.OnTrack, Trend.Improved)]
    [InlineData(ProgressStatus.OnTrack, ProgressStatus.Achieved, Trend.Improved)]
    [InlineData(ProgressStatus.Stale, ProgressStatus.OnTrack, Trend.Improved)]
    [InlineData(ProgressStatus.OnTrack, ProgressStatus.Stale, Trend.Worsened)]
    [InlineData(ProgressStatus.NotStarted, ProgressStatus.OffTrack, Trend.Worsened)]
    [InlineData(ProgressStatus.AtRisk, ProgressStatus.AtRisk, Trend.Unchanged)]
    [InlineData(null, ProgressStatus.OnTrack, Trend.Added)]
    [InlineData(ProgressStatus.OnTrack, null, Trend.Removed)]
    public void AStatusImprovesWhenItBecomesLessSevere(ProgressStatus? before, ProgressStatus? after, Trend expected) =>
        Assert.Equal(expected, ReportComparer.StatusTrend(before, after));

    [Theory]
    [InlineData(10, 12, true, Trend.Improved)]
    [InlineData(10, 8, true, Trend.Worsened)]
    [InlineData(10, 8, false, Trend.Improved)]
    [InlineData(3, 5, false, Trend.Worsened)]
    [InlineData(0.1 + 0.2, 0.3, true, Trend.Unchanged)]
    public void AFigureMovesByItsOwnSenseOfBetter(double before, double after, bool higherIsBetter, Trend expected) =>
        Assert.Equal(expected, ReportComparer.FigureTrend(before, after, higherIsBetter));

    [Fact]
    public void TheComparisonNamesWhatImprovedAndWhatGotWorse()
    {
        var from = Snapshot(new DateOnly(2024, 12, 31), ProgressStatus.AtRisk,
            [Goal(1, ProgressStatus.OffTrack), Goal(2, ProgressStatus.OnTrack)],
            [Indicator(10, ProgressStatus.AtRisk, 40), Indicator(11, ProgressStatus.OnTrack, 30, Direction.LowerIsBetter), Indicator(12, ProgressStatus.OnTrack, 5)],
            [Round(1, 10, 4, 500_000)], uncovered: [2], alerts: 3);
        var to = Snapshot(new DateOnly(2025, 12, 31), ProgressStatus.OnTrack,
            [Goal(1, ProgressStatus.AtRisk), Goal(2, ProgressStatus.Stale)],
            [Indicator(10, ProgressStatus.OnTrack, 55), Indicator(11, ProgressStatus.AtRisk, 35, Direction.LowerIsBetter), Indicator(13, ProgressStatus.NotStarted, null)],
            [Round(1, 10, 4, 500_000, withdrawn: 2), Round(2, 6, 3.5, 250_000)], uncovered: [], alerts: 1);

        var c = ReportComparer.Compare(from, to);

        Assert.Equal(Trend.Improved, c.Mission.Trend);
        Assert.Equal(["Delmål 1", "Indikator 10"], c.Improved);
        Assert.Equal(["Delmål 2", "Indikator 11"], c.Worsened);

        var rising = c.Indicators.Single(i => i.Id == 10);
        Assert.Equal(15, rising.Difference);
        Assert.Equal(Trend.Improved, rising.ValueTrend);
        // Lower is better: a rise from 30 to 35 is a worsening.
        Assert.Equal(Trend.Worsened, c.Indicators.Single(i => i.Id == 11).ValueTrend);
        Assert.Equal(Trend.Added, c.Indicators.Single(i => i.Id == 13).StatusTrend);
        Assert.Null(c.Indicators.Single(i => i.Id == 13).ValueTrend);
        Assert.Equal(Trend.Removed, c.Indicators.Single(i => i.Id == 12).StatusTrend);
        Assert.Equal([10, 11, 13, 12], c.Indicators.Select(i => i.Id));

        // Withdrawn commitments are left out of the count: 10 before; 8 + 6 after.
        Assert.Equal(new FigureChange(10, 14, Trend.Improved), c.Commitments.Commitments);
        Assert.Equal(new FigureChange(4, 7.5, Trend.Improved), c.Commitments.PersonYears);
        Assert.Equal(new MoneyChange(Currency.SEK, new FigureChange(500_000, 750_000, Trend.Improved)), Assert.Single(c.Commitments.Money));

        Assert.Equal(new FigureChange(1, 2, Trend.Improved), c.Coverage.GoalsCovered);
        Assert.Equal(["Delmål 2"], c.Coverage.GoalsNowCovered);
        Assert.Empty(c.Coverage.GoalsNoLongerCovered);
        // Fewer alerts is better.
        Assert.Equal(new FigureChange(3, 1, Trend.Improved), c.Coverage.Alerts);
    }

    [Fact]
    public void BudgetsInDifferentCurrenciesAreComparedCurrencyByCurrencyNeverAddedTogether()
    {
        var from = Snapshot(new DateOnly(2024, 12, 31), ProgressStatus.AtRisk, [Goal(1, ProgressStatus.AtRisk)], [], [], uncovered: [],
            budget: [new ReportMoney(Currency.SEK, 900_000), new ReportMoney(Currency.DKK, 300_000)]);
        var to = Snapshot(new DateOnly(2025, 12, 31), ProgressStatus.AtRisk, [Goal(1, ProgressStatus.AtRisk)], [], [], uncovered: [],
            budget: [new ReportMoney(Currency.SEK, 800_000)]);

        var c = ReportComparer.Compare(from, to);

        // 1.2 million "in all" before would add kronor of two countries; each currency moves on its own.
        Assert.Equal([new MoneyChange(Currency.SEK, new FigureChange(900_000, 800_000, Trend.Worsened)), new MoneyChange(Currency.DKK, new FigureChange(300_000, 0, Trend.Worsened))],
            c.Coverage.Budget);
    }

    [Fact]
    public void AReportComparedWithItselfHasNothingThatMoved()
    {
        var report = Snapshot(new DateOnly(2025, 12, 31), ProgressStatus.AtRisk, [Goal(1, ProgressStatus.AtRisk)], [Indicator(10, ProgressStatus.AtRisk, 40)],
            [Round(1, 3, 1, 100)], uncovered: [1], alerts: 2);

        var c = ReportComparer.Compare(report, report);

        Assert.Empty(c.Improved);
        Assert.Empty(c.Worsened);
        Assert.Equal(Trend.Unchanged, c.Indicators.Single().ValueTrend);
        Assert.All(new[] { c.Commitments.Commitments, c.Commitments.PersonYears, c.Coverage.GoalsCovered, c.Coverage.Alerts, Assert.Single(c.Coverage.Budget).Amount },
            f => Assert.Equal(Trend.Unchanged, f.Trend));
    }

    [Fact]
    public void TheDocumentReadsBackAsItWasWritten()
    {
        var report = Snapshot(new DateOnly(2025, 12, 31), ProgressStatus.AtRisk, [Goal(1, ProgressStatus.AtRisk)], [Indicator(10, ProgressStatus.AtRisk, 40)],
            [Round(1, 3, 1, 100)], uncovered: [1], alerts: 2);

        var json = ReportDocument.Serialize(report);
        var back = ReportDocument.Deserialize(json);

        Assert.Contains("\"status\":\"AtRisk\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\":1", json, StringComparison.Ordinal);
        Assert.Equal(json, ReportDocument.Serialize(back));
    }

    [Theory]
    [InlineData("", "2025-12-31", MissionStatus.Active, "title", "Required")]
    [InlineData("Årlig avstämning", "2019-12-31", MissionStatus.Active, "asOf", "ReportBeforeBaseline")]
    [InlineData("Årlig avstämning", "2026-07-01", MissionStatus.Active, "asOf", "ReportInFuture")]
    [InlineData("Årlig avstämning", "2025-12-31", MissionStatus.Draft, "missionId", "ReportOfDraft")]
    public void AReportThatCannotBeFrozenNamesTheField(string title, string asOf, MissionStatus status, string field, string code)
    {
        var ex = Assert.Throws<DomainException>(() => ReportRules.Validate(new ReportInput(title, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), null), status, 2020, new DateOnly(2026, 6, 30)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("2020-01-01")]
    [InlineData("2026-06-30")]
    public void AReportFromTheBaselineYearUpToTodayIsAccepted(string asOf) =>
        ReportRules.Validate(new ReportInput("Årlig avstämning", DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), null), MissionStatus.Active, 2020, new DateOnly(2026, 6, 30));
}
