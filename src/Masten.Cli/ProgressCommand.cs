using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Masten.Core.Progress;
using Masten.Data;
using Masten.Data.Progress;

namespace Masten.Cli;

/// <summary><c>masten progress &lt;missionId&gt; [--json] [--as-of yyyy-MM-dd] [--lang sv|en|da]</c>.</summary>
internal static class ProgressCommand
{
    public static Command Create()
    {
        var missionId = new Argument<int>("missionId") { Description = "The mission's id (see the mission page's address, /missions/{id})." };
        var json = new Option<bool>("--json") { Description = "Print the tree as JSON, for machines." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Assess as of this date (yyyy-MM-dd); default today." };
        var lang = new Option<string>("--lang") { Description = "Language of the explanations: sv (default), en or da.", DefaultValueFactory = _ => "sv" };
        lang.AcceptOnlyFromAmong("sv", "en", "da");
        var command = new Command("progress", "Print a mission's goal tree with the status and explanation of every goal and indicator.") { missionId, json, asOf, lang };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
            if (db is null)
                return 1;
            var date = parse.GetValue(asOf) ?? TimeProvider.System.Today();
            var progress = await db.MissionProgressAsync(parse.GetValue(missionId), date, ct);
            if (progress is null)
            {
                Console.Error.WriteLine($"There is no mission {parse.GetValue(missionId)}.");
                return 1;
            }
            var culture = new CultureInfo(parse.GetValue(lang) switch { "en" => "en-GB", "da" => "da-DK", _ => "sv-SE" });
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(ToJson(progress, culture), CliApp.Json));
            else
                Print(progress, culture);
            return 0;
        });
        return command;
    }

    private static void Print(MissionProgress progress, CultureInfo culture)
    {
        Console.WriteLine($"{progress.Mission.Title} ({progress.Mission.BaselineYear}–{progress.Mission.HorizonYear}), {progress.AsOf:yyyy-MM-dd}");
        Console.WriteLine($"  [{ExplanationWords.StatusText(progress.Rollup.Status, culture)}] {progress.Rollup.Explain(culture)}");
        foreach (var goal in progress.Goals)
            PrintGoal(goal, culture, 1);
    }

    private static void PrintGoal(GoalProgress goal, CultureInfo culture, int depth)
    {
        var indent = new string(' ', depth * 2);
        Console.WriteLine();
        Console.WriteLine($"{indent}{goal.Goal.Title} [{ExplanationWords.StatusText(goal.Rollup.Status, culture)}]");
        Console.WriteLine($"{indent}  {goal.Rollup.Explain(culture)}");
        foreach (var indicator in goal.Indicators)
        {
            Console.WriteLine($"{indent}  - {indicator.Indicator.Name} [{ExplanationWords.StatusText(indicator.Assessment.Status, culture)}]");
            Console.WriteLine($"{indent}    {ExplanationWords.Describe(indicator.Assessment, culture)}");
        }
        foreach (var child in goal.Children)
            PrintGoal(child, culture, depth + 1);
    }

    private sealed record IndicatorJson(int Id, string Name, string Unit, ProgressStatus Status, double ProgressFraction, DatedValue? Latest, ReachForecast Reach, string Explanation);

    private sealed record GoalJson(int Id, string Title, ProgressStatus Status, double? Fraction, string Explanation, IReadOnlyList<IndicatorJson> Indicators, IReadOnlyList<GoalJson> Goals);

    private sealed record MissionJson(int Id, string Title, DateOnly AsOf, string RollupRule, ProgressStatus Status, double? Fraction, string Explanation, IReadOnlyList<GoalJson> Goals);

    private static MissionJson ToJson(MissionProgress p, CultureInfo culture) =>
        new(p.Mission.Id, p.Mission.Title, p.AsOf, p.Mission.RollupRule.ToString(), p.Rollup.Status, p.Rollup.Fraction, p.Rollup.Explain(culture), p.Goals.Select(g => ToJson(g, culture)).ToList());

    private static GoalJson ToJson(GoalProgress g, CultureInfo culture) =>
        new(g.Goal.Id, g.Goal.Title, g.Rollup.Status, g.Rollup.Fraction, g.Rollup.Explain(culture),
            g.Indicators.Select(i => new IndicatorJson(i.Indicator.Id, i.Indicator.Name, i.Indicator.Unit, i.Assessment.Status, i.Assessment.ProgressFraction,
                i.Assessment.Latest, i.Assessment.Reach, ExplanationWords.Describe(i.Assessment, culture))).ToList(),
            g.Children.Select(c => ToJson(c, culture)).ToList());
}
