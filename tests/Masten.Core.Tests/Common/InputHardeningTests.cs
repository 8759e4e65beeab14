using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Readability;

namespace Masten.Core.Tests.Common;

/// <summary>Control characters, invisible titles and numbers too large to draw, refused in the rules every input passes.</summary>
public class InputHardeningTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static IReadOnlyList<FieldError> Errors(Action validate) => Assert.Throws<DomainException>(validate).Errors;

    private static FieldError Single(Action validate, string field) => Assert.Single(Errors(validate), e => e.Field == field);

    [Theory]
    [InlineData("Fossil\0fritt")]
    [InlineData("Fossil\u001Bfritt")]
    [InlineData("Fossil\u007Ffritt")]
    [InlineData("Fossil\u0085fritt")]
    [InlineData("Fossil\tfritt")]
    [InlineData("Fossil\nfritt")]
    public void ATitleWithAControlCharacterOrALineBreakIsRefused(string title) =>
        Assert.Equal("ControlCharacterInLine", Single(() => MissionRules.Validate(new MissionInput(1, title, "Ett fossilfritt livsmedelssystem", 2020, 2035)), "title").Code);

    [Theory]
    [InlineData("Rad ett\nrad två")]
    [InlineData("Rad ett\r\nrad två")]
    [InlineData("Kolumn\tkolumn")]
    public void AStatementMayHoldTabsAndLineBreaks(string statement) =>
        MissionRules.Validate(new MissionInput(1, "Fossilfritt", statement, 2020, 2035));

    [Theory]
    [InlineData("Noll\0tecken")]
    [InlineData("Escape\u001B[31m")]
    [InlineData("Backsteg\b")]
    public void AStatementWithAControlCharacterIsRefused(string statement) =>
        Assert.Equal("ControlCharacter", Single(() => MissionRules.Validate(new MissionInput(1, "Fossilfritt", statement, 2020, 2035)), "statement").Code);

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200C\u200D")]
    [InlineData("\u2060 \uFEFF")]
    [InlineData("\u00AD")]
    [InlineData(" \t\u200B ")]
    public void TitlesAndNamesOfOnlyInvisibleCharactersAreRequired(string blank)
    {
        Assert.Equal("Required", Single(() => MissionRules.Validate(new MissionInput(1, blank, "Ett fossilfritt livsmedelssystem", 2020, 2035)), "title").Code);
        Assert.Equal("Required", Single(() => MissionRules.Validate(new GoalInput(1, null, blank, null), null), "title").Code);
        Assert.Equal("Required", Single(() => MissionRules.Validate(new ProgrammeInput(blank, null, null)), "name").Code);
        Assert.Equal("Required", Single(() => ActorRules.Validate(new ActorInput(blank, ActorType.Municipality, Country.Sweden, null, null, null)), "name").Code);
        Assert.Equal("Required", Single(() => GlossaryRules.Validate(new GlossaryInput(1, blank, "En förklaring.")), "term").Code);
        Assert.Equal("Required", Single(() => PortfolioRules.Validate(Initiative(title: blank), [1], new Dictionary<int, int> { [7] = 1 }, [10], [10]), "title").Code);
        Assert.Equal("RevisionReasonRequired", Single(() => Roadmaps.ValidateRevision(blank, Today, null), "reason").Code);
    }

    [Fact]
    public void ATitleWithVisibleTextBesideAZeroWidthSpaceIsKept() =>
        MissionRules.Validate(new MissionInput(1, "\u200BFossilfritt", "Ett fossilfritt livsmedelssystem", 2020, 2035));

    [Theory]
    [InlineData(1e16)]
    [InlineData(-1e16)]
    [InlineData(1.0000001e15)]
    [InlineData(double.MaxValue)]
    public void AValueLargerThanTenToTheFifteenIsRefusedNamingTheField(double value)
    {
        Assert.Equal("TooLarge", Single(() => MissionRules.Validate(new ObservationInput(Today, value, null, null), Today), "value").Code);
        Assert.Equal("TooLarge", Single(() => MissionRules.Validate(Indicator(baseline: value), 2020, 2035), "baselineValue").Code);
        Assert.Equal("TooLarge", Single(() => MissionRules.Validate(Indicator(target: value), 2020, 2035), "targets[0].value").Code);
    }

    [Theory]
    [InlineData(1e16, "TooLarge")]
    [InlineData(double.NaN, "NotFinite")]
    [InlineData(double.PositiveInfinity, "NotFinite")]
    [InlineData(double.NegativeInfinity, "NotFinite")]
    public void EveryAmountAndWeightRefusesHugeAndNonFiniteNumbers(double value, string code)
    {
        var goals = new[] { 1 };
        var indicators = new Dictionary<int, int> { [7] = 1 };
        var cases = new (string Field, Action Validate)[]
        {
            ("value", () => MissionRules.Validate(new ObservationInput(Today, value, null, null), Today)),
            ("value", () => MissionRules.Validate(new CorrectionInput(Today, value, null, null, "Fel i källan"), Today)),
            ("baselineValue", () => MissionRules.Validate(Indicator(baseline: value), 2020, 2035)),
            ("targets[0].value", () => MissionRules.Validate(Indicator(target: value), 2020, 2035)),
            ("weight", () => MissionRules.Validate(Indicator(weight: value), 2020, 2035)),
            ("weight", () => MissionRules.Validate(new GoalInput(1, null, "Mindre matsvinn", null, Weight: value), null)),
            ("pledgedMoney", () => ActorRules.Validate(Commitment(money: value), goals, ActorRules.DefaultTiers)),
            ("personYears", () => ActorRules.Validate(Commitment(personYears: value), goals, ActorRules.DefaultTiers)),
            ("budget", () => PortfolioRules.Validate(Initiative(budget: value), goals, indicators, [10], [10])),
            ("funding[0].amount", () => PortfolioRules.Validate(Initiative(funding: value), goals, indicators, [10], [10])),
            ("contributions[0].sizePerYear", () => PortfolioRules.Validate(Initiative(sizePerYear: value), goals, indicators, [10], [10])),
        };
        foreach (var (field, validate) in cases)
            Assert.Equal(code, Single(validate, field).Code);
    }

    [Theory]
    [InlineData(1e15)]
    [InlineData(0)]
    [InlineData(123456789.25)]
    public void AmountsUpToTenToTheFifteenAreAccepted(double value)
    {
        MissionRules.Validate(new ObservationInput(Today, value, null, null), Today);
        ActorRules.Validate(Commitment(money: value, personYears: value), [1], ActorRules.DefaultTiers);
        PortfolioRules.Validate(Initiative(budget: value, funding: value, sizePerYear: value), [1], new Dictionary<int, int> { [7] = 1 }, [10], [10]);
    }

    [Theory]
    [InlineData("ledande\0")]
    [InlineData("\u200B")]
    public void ATierNameWithAControlCharacterOrNothingVisibleIsRefused(string tier) =>
        Assert.Equal("BadTierName", Single(() => ActorRules.Validate(new TiersInput([tier]), []), "tiers").Code);

    [Theory]
    [InlineData("anna\0")]
    [InlineData("anna\nbritt")]
    public void AnAuditPersonFilterWithAControlCharacterIsRefused(string person) =>
        Assert.Contains(AuditFilterErrors(person), e => e.Field == "person" && e.Code == "ControlCharacterInLine");

    private static IReadOnlyList<FieldError> AuditFilterErrors(string person) =>
        Masten.Core.History.AuditFilter.Parse(person, null, null, null, null, null, null, []).Errors;

    private static IndicatorInput Indicator(double baseline = 100, double target = 50, double weight = 1) =>
        new(1, "Utsläpp", null, "kt CO2e", Direction.LowerIsBetter, ReportingFrequency.Yearly, "SCB",
            new DateOnly(2020, 12, 31), baseline, [new TargetInput(new DateOnly(2030, 12, 31), target)], Weight: weight);

    private static CommitmentInput Commitment(double? money = null, double? personYears = null) =>
        new(10, 1, 1, "Vi halverar matsvinnet i våra kök.", "leading", [1], money, money is null ? null : Currency.SEK, personYears, null);

    private static InitiativeInput Initiative(string title = "Lagningscaféer", double budget = 100, double funding = 50, double sizePerYear = 5) =>
        new(1, title, null, InitiativeType.Experiment, 10, [], InitiativeStage.Testing, budget, Currency.SEK, null, null, [SystemLever.Technology],
            [new ContributionInput(1, 7, ContributionDirection.Improves, sizePerYear, null, Level.Low)], [new FundingInput(10, funding, Currency.SEK)]);
}
