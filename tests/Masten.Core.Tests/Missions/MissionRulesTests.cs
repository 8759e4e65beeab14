using Masten.Core.Common;
using Masten.Core.Missions;

namespace Masten.Core.Tests.Missions;

public class MissionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static DomainException Fails(Action act) => Assert.Throws<DomainException>(act);

    private static IndicatorInput Indicator(DateOnly baseline, params (int Year, double Value)[] targets) =>
        new(1, "Utsläpp", null, "kt CO2e", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SCB",
            baseline, 100, targets.Select(t => new TargetInput(new DateOnly(t.Year, 12, 31), t.Value)).ToArray());

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void StaleDaysOutsideOneToTenYearsNameTheField(int days) =>
        Assert.Equal("staleAfterDays", Assert.Single(Fails(() => MissionRules.Validate(new MissionInput(1, "Fossilfritt", "Ett fossilfritt livsmedelssystem", 2020, 2035, StaleAfterDays: days))).Errors).Field);

    [Fact]
    public void MissionWithHorizonAfterBaselineIsValid()
    {
        MissionRules.Validate(new MissionInput(1, "Fossilfritt", "Ett fossilfritt livsmedelssystem", 2020, 2035));
    }

    [Theory]
    [InlineData(2035, 2035)]
    [InlineData(2035, 2020)]
    public void HorizonNotAfterBaselineNamesHorizonYear(int baseline, int horizon)
    {
        var ex = Fails(() => MissionRules.Validate(new MissionInput(1, "T", "S", baseline, horizon)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("horizonYear", error.Field);
        Assert.Equal("HorizonNotAfterBaseline", error.Code);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2201)]
    [InlineData(0)]
    public void YearFarOutOfRangeIsRejected(int year)
    {
        var ex = Fails(() => MissionRules.Validate(new MissionInput(1, "T", "S", year, 2035)));
        Assert.Contains(ex.Errors, e => e.Field == "baselineYear" && e.Code == "YearOutOfRange");
    }

    [Fact]
    public void EveryMissingFieldIsReportedAtOnce()
    {
        var ex = Fails(() => MissionRules.Validate(new MissionInput(1, " ", null, 2020, 2035)));
        Assert.Equal(["title", "statement"], ex.Errors.Select(e => e.Field));
        Assert.Equal(DomainErrorKind.Validation, ex.Kind);
    }

    [Fact]
    public void MegabyteTitleIsTooLong()
    {
        var ex = Fails(() => MissionRules.Validate(new MissionInput(1, new string('a', 1_000_000), "S", 2020, 2035)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("title", "TooLong"), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("1 2", "CodeHasSpace")]
    [InlineData("12345678901234567890123456789012345678901", "TooLong")]
    public void AnIndicatorCodeWithASpaceOrOverFortyCharactersNamesTheCode(string code, string expected)
    {
        var ex = Fails(() => MissionRules.Validate(Indicator(new DateOnly(2020, 1, 1), (2030, 50)) with { Code = code }, 2020, 2035));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("code", expected), (error.Field, error.Code));
    }

    [Fact]
    public void TargetBeforeBaselineNamesTheTarget()
    {
        var ex = Fails(() => MissionRules.Validate(Indicator(new DateOnly(2020, 1, 1), (2030, 50), (2019, 80)), 2020, 2035));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("targets[1].date", error.Field);
        Assert.Equal("TargetNotAfterBaseline", error.Code);
    }

    [Fact]
    public void TargetAfterHorizonIsRejected()
    {
        var ex = Fails(() => MissionRules.Validate(Indicator(new DateOnly(2020, 1, 1), (2036, 0)), 2020, 2035));
        Assert.Equal("TargetAfterHorizon", Assert.Single(ex.Errors).Code);
    }

    [Fact]
    public void TwoTargetsOnOneDateAreRejected()
    {
        var ex = Fails(() => MissionRules.Validate(Indicator(new DateOnly(2020, 1, 1), (2030, 50), (2030, 40)), 2020, 2035));
        Assert.Equal(("targets[1].date", "DuplicateTargetDate"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void IndicatorWithoutTargetsIsRejected()
    {
        var ex = Fails(() => MissionRules.Validate(Indicator(new DateOnly(2020, 1, 1)), 2020, 2035));
        Assert.Equal("targets", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void TargetsGivenOutOfOrderAreSortedByDate()
    {
        var input = Indicator(new DateOnly(2020, 1, 1), (2035, 0), (2025, 60), (2030, 30));
        MissionRules.Validate(input, 2020, 2035);
        Assert.Equal([2025, 2030, 2035], MissionRules.SortedTargets(input).Select(t => t.Date.Year));
    }

    [Fact]
    public void NotANumberValueIsRejected()
    {
        var ex = Fails(() => MissionRules.Validate(new ObservationInput(new DateOnly(2024, 1, 1), double.NaN, null, null), Today));
        Assert.Equal(("value", "NotFinite"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void ObservationInTheFutureIsRejected()
    {
        var ex = Fails(() => MissionRules.Validate(new ObservationInput(Today.AddDays(1), 1, null, null), Today));
        Assert.Equal("DateInFuture", ex.Errors[0].Code);
    }

    [Fact]
    public void CorrectionNeedsAReason()
    {
        var ex = Fails(() => MissionRules.Validate(new CorrectionInput(Today, 1, null, null, ""), Today));
        Assert.Equal("reason", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void GoalWithParentFromAnotherMissionIsRejected()
    {
        var ex = Fails(() => MissionRules.Validate(new GoalInput(1, 99, "Delmål", null), parentMissionId: null));
        Assert.Equal(("parentId", "UnknownParent"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public void GoalCannotBecomeItsOwnAncestor()
    {
        var ex = Fails(() => MissionRules.Validate(new GoalInput(1, 5, "Delmål", null), parentMissionId: 1, wouldCycle: true));
        Assert.Equal("ParentCycle", ex.Errors[0].Code);
    }
}
