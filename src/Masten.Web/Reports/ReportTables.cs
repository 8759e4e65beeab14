using System.Globalization;
using Masten.Core.Progress;
using Masten.Core.Reports;
using Masten.Web.Components.Common;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Reports;

/// <summary>One cell of a report table: its text, and its number where it is one (a spreadsheet keeps the number).</summary>
public sealed record ReportCell(string Text, double? Number = null)
{
    public static implicit operator ReportCell(string text) => new(text);

    public static ReportCell Of(double value) => new(Format.Number(value), value);

    public static ReportCell Of(double? value) => value is { } v ? Of(v) : new("–");
}

/// <summary>A titled table of a report: the Word document draws it as a table, the spreadsheet as a sheet.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);

/// <summary>The tables of one report, in the order the files show them.</summary>
public sealed record ReportTableSet(ReportTable Facts, ReportTable Goals, ReportTable Indicators, ReportTable Rounds, ReportTable Portfolio, ReportTable Alerts, ReportTable Decisions)
{
    public IReadOnlyList<ReportTable> All => [Facts, Goals, Indicators, Rounds, Portfolio, Alerts, Decisions];
}

/// <summary>
/// A frozen report as tables in the reader's language, for the downloads. Built from the snapshot alone, so the
/// files hold the same figures whenever they are made.
/// </summary>
public static class ReportTables
{
    public static ReportTableSet Build(ReportSnapshot s, IStringLocalizer t)
    {
        var culture = CultureInfo.CurrentUICulture;
        string Status(ProgressStatus status) => ExplanationWords.StatusText(status, culture);
        var goalTitles = s.Goals.ToDictionary(g => g.Id, g => g.Title);
        string Percent(double? fraction) => fraction is { } f ? Format.Rounded(100 * f) + " %" : "–";

        var facts = new ReportTable(t["Report.Facts"], [t["Report.Fact"], t["Report.Value"]],
        [
            [t["Field.title"].Value, s.Title],
            [t["Report.Mission"].Value, s.MissionTitle],
            [t["Field.statement"].Value, s.Statement],
            [t["Field.asOf"].Value, Format.Date(s.AsOf)],
            [t["Report.FrozenAt"].Value, Format.DateTime(s.CreatedAt)],
            [t["Report.FrozenBy"].Value, s.CreatedBy],
            [t["Report.MissionStatus"].Value, Status(s.Mission.Status)],
            [t["Report.RoadmapVersion"].Value, s.RoadmapVersion is { } v ? new ReportCell(v.ToString(CultureInfo.InvariantCulture), v) : "–"],
            [t["Field.summary"].Value, s.Summary ?? "–"],
        ]);

        var goals = new ReportTable(t["Report.Goals"], [t["Report.Goal"], t["Report.Status"], t["Report.Fraction"], t["Report.RequiredFraction"]],
            s.Goals.Select(g => (IReadOnlyList<ReportCell>)[new string(' ', 2 * g.Depth) + g.Title, Status(g.Progress.Status),
                new ReportCell(Percent(g.Progress.Fraction), g.Progress.Fraction), new ReportCell(Percent(g.Progress.RequiredFraction), g.Progress.RequiredFraction)]).ToList());

        var indicators = new ReportTable(t["Report.Indicators"],
            [t["Report.Goal"], t["Report.Indicator"], t["Report.Unit"], t["Report.Status"], t["Report.Latest"], t["Report.LatestDate"],
                t["Report.Target"], t["Report.TargetDate"], t["Report.RequiredAtAsOf"], t["Report.Forecast"], t["Report.ReachDate"]],
            s.Indicators.Select(i => (IReadOnlyList<ReportCell>)[goalTitles.GetValueOrDefault(i.GoalId, ""), i.Name, i.Unit, Status(i.Status),
                ReportCell.Of(i.Latest?.Value), i.Latest is { } l ? Format.Date(l.Date) : "–",
                ReportCell.Of(i.Target.Value), Format.Date(i.Target.Date), ReportCell.Of(i.RequiredAtAsOf),
                ReportCell.Of(i.ForecastAtTarget), i.ReachDate is { } d ? Format.Date(d) : "–"]).ToList());

        var (portfolio, alerts) = Portfolio(s, t, goalTitles);
        var decisions = new ReportTable(t["Report.Decisions"], [t["Report.ReviewDate"], t["Report.Initiative"], t["Report.Decision"], t["Report.Rationale"]],
            s.Decisions.Select(d => (IReadOnlyList<ReportCell>)[Format.Date(d.ReviewDate), d.Initiative, t[$"Enum.DecisionKind.{d.Kind}"].Value, d.Rationale]).ToList());

        return new ReportTableSet(facts, goals, indicators, Rounds(s, t), portfolio, alerts, decisions);
    }

    /// <summary>The commitments by signing round, with a total row.</summary>
    private static ReportTable Rounds(ReportSnapshot s, IStringLocalizer t) =>
        new ReportTable(t["Report.Commitments"],
            [t["Report.Round"], t["Report.RoundDate"], t["Report.CommitmentCount"], t["Report.Signed"], t["Report.PersonYears"], t["Report.Money"], t["Report.PublicPersonYears"], t["Report.PublicMoney"]],
            [.. s.Rounds.Select(r => (IReadOnlyList<ReportCell>)[r.Name, Format.Date(r.Date), ReportCell.Of(r.Commitments),
                ReportCell.Of(r.ByStatus.GetValueOrDefault(Core.Actors.CommitmentStatus.Signed)), ReportCell.Of(r.PersonYears), Money(r.Money),
                ReportCell.Of(r.PublicPersonYears), Money(r.PublicMoney)]),
             [t["Report.Total"].Value, "", ReportCell.Of(s.Rounds.Sum(r => r.Commitments)), ReportCell.Of(s.Rounds.Sum(r => r.ByStatus.GetValueOrDefault(Core.Actors.CommitmentStatus.Signed))),
                ReportCell.Of(s.Rounds.Sum(r => r.PersonYears)), Money(Totals(s.Rounds.SelectMany(r => r.Money))),
                ReportCell.Of(s.Rounds.Sum(r => r.PublicPersonYears)), Money(Totals(s.Rounds.SelectMany(r => r.PublicMoney)))]]);

    /// <summary>The portfolio in facts, and its alerts.</summary>
    private static (ReportTable Portfolio, ReportTable Alerts) Portfolio(ReportSnapshot s, IStringLocalizer t, Dictionary<int, string> goalTitles)
    {
        var p = s.Portfolio;
        var portfolio = new ReportTable(t["Report.Portfolio"], [t["Report.Fact"], t["Report.Value"]],
        [
            [t["Report.Initiatives"].Value, ReportCell.Of(p.Initiatives)],
            [t["Report.ActiveInitiatives"].Value, ReportCell.Of(p.ActiveInitiatives)],
            [t["Report.Budget"].Value, p.BudgetByCurrency.Count > 0 ? Money(p.BudgetByCurrency) : ReportCell.Of(p.Budget)],
            [t["Report.GoalsCovered"].Value, new ReportCell(t["Report.OutOf", Format.Number(p.GoalsCovered(s.Goals.Count)), Format.Number(s.Goals.Count)], p.GoalsCovered(s.Goals.Count))],
            [t["Report.GoalsWithoutInitiatives"].Value, Names(p.GoalsWithoutInitiatives.Select(id => goalTitles.GetValueOrDefault(id, "")))],
            [t["Report.LeversWithoutInitiatives"].Value, Names(p.LeversWithoutInitiatives.Select(l => t[$"Enum.SystemLever.{l}"].Value))],
            [t["Report.Alerts"].Value, ReportCell.Of(p.Alerts.Count)],
        ]);

        var alerts = new ReportTable(t["Report.Alerts"], [t["Report.Initiative"], t["Report.Alert"], t["Report.Days"]],
            p.Alerts.Select(a => (IReadOnlyList<ReportCell>)[a.Initiative, t[$"Portfolio.Alert.{a.Kind}", Format.Number(a.Days)].Value, ReportCell.Of(a.Days)]).ToList());
        return (portfolio, alerts);
    }

    private static string Money(IEnumerable<ReportMoney> money) => string.Join(", ", money.Select(m => $"{Format.Number(m.Amount)} {m.Currency}")) is { Length: > 0 } text ? text : "–";

    /// <summary>Money summed per currency.</summary>
    public static IEnumerable<ReportMoney> Totals(IEnumerable<ReportMoney> money) =>
        money.GroupBy(m => m.Currency).OrderBy(g => g.Key).Select(g => new ReportMoney(g.Key, g.Sum(m => m.Amount)));

    private static string Names(IEnumerable<string> names) => string.Join(", ", names) is { Length: > 0 } text ? text : "–";
}
