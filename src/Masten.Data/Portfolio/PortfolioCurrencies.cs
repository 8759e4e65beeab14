using Masten.Core.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Portfolio;

/// <summary>The portfolio's budget per currency: amounts in different currencies are never added together.</summary>
public static class PortfolioCurrencies
{
    /// <summary>
    /// One GROUP BY over the mission's initiatives that are not ended and have a currency: how many, and their budgets
    /// summed, per currency. The same figures as <see cref="PortfolioAnalysis.BudgetsByCurrency"/> over every initiative.
    /// </summary>
    public static async Task<List<CurrencyBudget>> BudgetByCurrencyAsync(this MastenDbContext db, int missionId, CancellationToken ct) =>
        (await db.Initiatives.AsNoTracking()
            .Where(i => i.MissionId == missionId && i.Stage != InitiativeStage.Ended && i.Currency != null)
            .GroupBy(i => i.Currency!.Value)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Budget = g.Sum(i => i.Budget ?? 0) })
            .ToListAsync(ct))
        .Select(g => new CurrencyBudget(g.Currency, g.Count, g.Budget)).ToList();
}
