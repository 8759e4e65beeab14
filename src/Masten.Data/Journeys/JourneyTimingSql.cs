using System.Text;
using Masten.Core.Journeys;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Journeys;

/// <summary>
/// The time between steps computed in SQL, so that only one row per pair of steps comes back instead of one per
/// participant and step. Its figures equal <see cref="JourneyAnalysis.Durations"/> over the same first dates (a
/// test holds both to that on each provider):
/// <list type="number">
/// <item>first(p, k): the earliest date of participant p's current confirmed events at step order k, an event of a
/// retired step counting for the step it moved to (one GROUP BY over the events, a column per step);</item>
/// <item>the durations of step k: first(p, k+1) − first(p, k) in days, for each p that reached both with
/// first(p, k+1) ≥ first(p, k);</item>
/// <item>the median and 80th percentile by linear interpolation between closest ranks, h = q·(n−1):
/// x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). PostgreSQL's percentile_cont is exactly that; on SQLite the two ranks are
/// found from running counts of each value and combined in the same order of operations, so the doubles are the same bits.</item>
/// </list>
/// </summary>
internal static class JourneyTimingSql
{
    /// <summary>The durations between consecutive active steps (<paramref name="stepIds"/> in order, at orders 0, 1 …) for the participants the filter selects.</summary>
    public static async Task<IReadOnlyList<StepDuration>> StepDurationsAsync(this MastenDbContext db, int journeyId, int missionId, JourneyFilter filter,
        IReadOnlyList<int> stepIds, CancellationToken ct)
    {
        var parameters = new List<object> { missionId, journeyId };
        var chosen = new StringBuilder("""p."MissionId" = {0}""");
        void Where(string condition, object value)
        {
            parameters.Add(value);
            chosen.Append(" AND ").Append(condition.Replace("{}", "{" + (parameters.Count - 1) + "}"));
        }
        // The conditions of JourneyReads.Filtered, in SQL.
        if (!string.IsNullOrWhiteSpace(filter.Cohort))
            Where("""p."Cohort" = {}""", filter.Cohort);
        if (!string.IsNullOrWhiteSpace(filter.Region))
            Where("""p."RegionCode" = {}""", filter.Region);
        if (!string.IsNullOrWhiteSpace(filter.Sector))
        {
            Where("""(p."Sector" = {}""", filter.Sector);
            chosen.Append(" OR ");
            parameters.Add(filter.Sector + ".");
            chosen.Append("substr(p.\"Sector\", 1, length({" + (parameters.Count - 1) + "})) = {" + (parameters.Count - 1) + "})");
        }
        if (filter.Size is { } size)
            Where("""p."SizeClass" = {}""", size.ToString());
        if (filter.Navigator is { } navigator)
            Where("""p."NavigatorId" = {}""", navigator);

        if (stepIds.Count < 2)
            return [];
        var postgres = db.Database.IsNpgsql();
        var sql = Common(chosen.ToString(), stepIds.Count, postgres ? "(@to - @from)::double precision" : "(julianday(@to) - julianday(@from))")
            + (postgres ? PostgresQuantiles : SqliteQuantiles);
        var rows = await db.Database.SqlQueryRaw<DurationRow>(sql, parameters.ToArray()).ToListAsync(ct);
        var byOrder = rows.ToDictionary(r => r.K);
        return Enumerable.Range(0, Math.Max(0, stepIds.Count - 1)).Select(k => byOrder.TryGetValue(k, out var r)
                ? new StepDuration(stepIds[k], stepIds[k + 1], r.N, r.Median, r.Percentile80)
                : new StepDuration(stepIds[k], stepIds[k + 1], 0, null, null))
            .ToList();
    }

    // "reached" is one row per participant with the first date of each step order (D0, D1 …: a column per active step,
    // named by its order, never by input); "pairs" each step order k with a participant's days from k to k+1.
    private static string Common(string chosen, int steps, string days)
    {
        var firsts = string.Join(",\n", Enumerable.Range(0, steps).Select(k => $"""MIN(CASE WHEN t."Order" = {k} THEN e."Date" END) AS "D{k}" """));
        var pairs = string.Join("\nUNION ALL ", Enumerable.Range(0, steps - 1).Select(k =>
            $"""SELECT {k} AS "K", {days.Replace("@to", $"\"D{k + 1}\"").Replace("@from", $"\"D{k}\"")} AS "Days" FROM "reached" WHERE "D{k + 1}" >= "D{k}" """));
        return $$"""
            WITH "reached" AS (
                SELECT {{firsts}}
                FROM "StepEvents" AS e
                JOIN "JourneySteps" AS own ON own."Id" = e."StepId" AND own."JourneyId" = {1}
                JOIN "JourneySteps" AS t ON t."Id" = CASE WHEN own."RetiredAt" IS NULL THEN own."Id" ELSE own."MovedToStepId" END AND t."JourneyId" = {1}
                WHERE e."IsCurrent" AND e."Status" = 'Confirmed' AND t."RetiredAt" IS NULL
                  AND e."ParticipantId" IN (SELECT p."Id" FROM "Participants" AS p WHERE {{chosen}})
                GROUP BY e."ParticipantId"
            ), "pairs" AS (
                {{pairs}}
            )

            """;
    }

    private const string PostgresQuantiles = """
        SELECT "K" AS "K", CAST(COUNT(*) AS INTEGER) AS "N",
               percentile_cont(0.5) WITHIN GROUP (ORDER BY "Days") AS "Median",
               percentile_cont(0.8) WITHIN GROUP (ORDER BY "Days") AS "Percentile80"
        FROM "pairs"
        GROUP BY "K"
        """;

    // Days are counted per value first (a few hundred rows), with the running count "Upto" of durations up to each:
    // the value at rank r (from 0) is the least whose Upto exceeds r. For q: h = q·(N−1), lo = ⌊h⌋ (a cast
    // truncates, and h ≥ 0), hi = min(lo + 1, N − 1); then x_lo + (h − lo)·(x_hi − x_lo).
    private const string SqliteQuantiles = """
        , "counted" AS (
            SELECT "K", "Days", COUNT(*) AS "C" FROM "pairs" GROUP BY "K", "Days"
        ), "running" AS (
            SELECT "K", "Days", SUM("C") OVER (PARTITION BY "K" ORDER BY "Days" ROWS UNBOUNDED PRECEDING) AS "Upto", SUM("C") OVER (PARTITION BY "K") AS "N"
            FROM "counted"
        ), "ranks" AS (
            SELECT "K", "N",
                   0.5 * ("N" - 1) AS "H5", CAST(0.5 * ("N" - 1) AS INTEGER) AS "L5",
                   0.8 * ("N" - 1) AS "H8", CAST(0.8 * ("N" - 1) AS INTEGER) AS "L8",
                   MIN(CASE WHEN "Upto" > CAST(0.5 * ("N" - 1) AS INTEGER) THEN "Days" END) AS "X5",
                   MIN(CASE WHEN "Upto" > MIN(CAST(0.5 * ("N" - 1) AS INTEGER) + 1, "N" - 1) THEN "Days" END) AS "Y5",
                   MIN(CASE WHEN "Upto" > CAST(0.8 * ("N" - 1) AS INTEGER) THEN "Days" END) AS "X8",
                   MIN(CASE WHEN "Upto" > MIN(CAST(0.8 * ("N" - 1) AS INTEGER) + 1, "N" - 1) THEN "Days" END) AS "Y8"
            FROM "running"
            GROUP BY "K", "N"
        )
        SELECT "K" AS "K", CAST("N" AS INTEGER) AS "N",
               "X5" + ("H5" - "L5") * ("Y5" - "X5") AS "Median",
               "X8" + ("H8" - "L8") * ("Y8" - "X8") AS "Percentile80"
        FROM "ranks"
        """;

    private sealed class DurationRow
    {
        public int K { get; set; }
        public int N { get; set; }
        public double? Median { get; set; }
        public double? Percentile80 { get; set; }
    }
}
