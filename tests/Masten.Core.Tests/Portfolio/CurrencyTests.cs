using Masten.Core.Actors;
using Masten.Core.Portfolio;

namespace Masten.Core.Tests.Portfolio;

public class CurrencyTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 1);

    private static PortfolioInitiative I(int id, double budget, Currency? currency, InitiativeStage stage = InitiativeStage.Testing) =>
        new(id, $"Insats {id}", InitiativeType.Experiment, stage, 1, "Aktör", ActorType.Municipality, budget, [SystemLever.Technology],
            [new PortfolioContribution(1, null, ContributionDirection.Improves, null, Level.Medium, Level.Medium)],
            [(AsOf.AddDays(-10), CheckInStatus.OnTrack)], [], new DateOnly(2025, 1, 1)) { Currency = currency };

    [Fact]
    public void BudgetsAreAddedUpPerCurrencyAndEndedOnesLeftOut()
    {
        var report = PortfolioAnalysis.Analyse([new PortfolioGoal(1, "Mål")], [],
            [I(1, 100, Currency.SEK), I(2, 50, Currency.DKK), I(3, 25, Currency.SEK), I(4, 999, Currency.DKK, InitiativeStage.Ended), I(5, 0, null)], AsOf);

        Assert.Equal([new CurrencyBudget(Currency.SEK, 2, 125), new CurrencyBudget(Currency.DKK, 1, 50)], report.BudgetByCurrency);
        Assert.False(report.SingleCurrency);
    }

    [Fact]
    public void OneCurrencyOrNoneIsASingleCurrency()
    {
        Assert.True(PortfolioAnalysis.Analyse([], [], [I(1, 100, Currency.DKK), I(2, 5, Currency.DKK)], AsOf).SingleCurrency);
        var none = PortfolioAnalysis.Analyse([], [], [I(1, 0, null)], AsOf);
        Assert.True(none.SingleCurrency);
        Assert.Empty(none.BudgetByCurrency);
    }
}
