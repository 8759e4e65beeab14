using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Masten.Data;
using Masten.Data.Journeys;

namespace Masten.Cli;

/// <summary><c>masten journey funnel &lt;missionId&gt; [--json]</c>: participants at each step of a mission's journey.</summary>
internal static class JourneyCommand
{
    public static Command Create()
    {
        var missionId = new Argument<int>("missionId") { Description = "The mission's id (see the mission page's address, /missions/{id})." };
        var json = new Option<bool>("--json") { Description = "Print the funnel as JSON, for machines." };
        var funnel = new Command("funnel", "Print the funnel of a mission's journey: participants at each step, at or past it, and the share moving on from the step before.") { missionId, json };
        funnel.SetAction(async (parse, ct) =>
        {
            await using var db = await CliDatabase.OpenMigratedAsync(parse, ct);
            if (db is null)
                return 1;
            var overview = await db.OverviewAsync(parse.GetValue(missionId), new JourneyFilter(), TimeProvider.System.Today(), ct);
            if (overview is null)
            {
                Console.Error.WriteLine($"Mission {parse.GetValue(missionId)} does not exist or has no journey.");
                return 1;
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(overview, CliApp.Json));
                return 0;
            }
            Console.WriteLine($"{overview.Participants} taking part, {overview.StartedOrPast} started, {overview.Stalled} stalled, {overview.Left} left; {overview.NotStarted} without a step yet.");
            Console.WriteLine($"{"Step",-40} {"At",8} {"At/past",8} {"Moving on",10}");
            foreach (var row in overview.Funnel)
            {
                var name = row.IsStarted ? row.Name + " (started)" : row.Name;
                var conversion = row.ConversionFromPrevious is { } c ? (c * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";
                Console.WriteLine($"{name,-40} {row.At,8} {row.AtOrPast,8} {conversion,10}");
            }
            return 0;
        });
        return new Command("journey", "Participant journeys of a mission.") { funnel };
    }
}
