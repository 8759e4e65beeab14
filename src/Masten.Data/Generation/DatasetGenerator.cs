using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Data.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masten.Data.Generation;

/// <summary>One finished (or, for long tables, ongoing) step of a generation run.</summary>
public sealed record GenerationStage(string Name, long Rows, TimeSpan Elapsed, TimeSpan Total, bool Done);

/// <summary>
/// Fills an empty, migrated database with a reproducible programme of the given <see cref="DatasetSize"/>:
/// programmes, missions, goal trees, indicators with targets and long observation series (with about 1 %
/// corrections), actors with valid organisation numbers, contacts, memberships, signing rounds and
/// commitments, drivers, operational goals, a portfolio of initiatives with its history, reviews with
/// decisions and roadmap versions, and one "Created" change record (author <see cref="Author"/>) for every
/// record except observations and targets.
/// <para>Deterministic: the same seed, size and reference date give the same rows, ids included. Nothing
/// reads the clock: every date lies on or before <see cref="ReferenceDate"/>. Every value obeys the rules of
/// Core (<c>MissionRules</c>, <c>ActorRules</c>, <c>PortfolioRules</c>); the records are written with
/// <see cref="BulkWriter"/> in one transaction, so a failed run stores nothing.</para>
/// </summary>
public sealed partial class DatasetGenerator
{
    /// <summary>Who the generated records are entered and changed by.</summary>
    public const string Author = "generator";

    /// <summary>The default last date of the generated data. Assessments run on today's date, so a later day sees the newest values age.</summary>
    public static readonly DateOnly DefaultReferenceDate = new(2026, 6, 30);

    private static readonly JsonSerializerOptions SnapshotJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MastenDbContext db;
    private readonly DatasetSize size;
    private readonly int seed;
    private readonly DateOnly reference;

    private readonly List<Programme> programmes = [];
    private readonly List<Mission> missions = [];
    private readonly List<Goal> goals = [];
    private readonly List<Indicator> indicators = [];
    private readonly List<IndicatorTarget> targets = [];
    private readonly List<SeriesPlan> plans = [];
    private readonly List<RoadmapVersion> versions = [];
    private readonly Dictionary<int, List<Goal>> goalsOf = [];
    private readonly Dictionary<int, List<Indicator>> indicatorsOf = [];
    private readonly Dictionary<int, Mission> missionById = [];
    private readonly Dictionary<int, DateOnly> activatedOn = [];

    // Every record that gets a change record, in the order written: (entity, when, action, before).
    private readonly List<(object Entity, DateTime At, string Action, string? Before, string? After, IReadOnlyList<IndicatorTarget>? Targets)> audit = [];
    private readonly Dictionary<Type, (string Name, IClrPropertyGetter Getter)[]> snapshotProperties = [];

    public DatasetGenerator(MastenDbContext db, DatasetSize size, int seed, DateOnly? referenceDate = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(size);
        this.db = db;
        this.size = size;
        this.seed = seed;
        reference = referenceDate ?? DefaultReferenceDate;
        if (reference.Year < 2022 || reference > Core.Common.Rules.MaxDate)
            throw new ArgumentOutOfRangeException(nameof(referenceDate), "The reference date must be in 2022 or later: missions start from 2015 and need a few years of history.");
    }

    public DateOnly ReferenceDate => reference;

    /// <summary>
    /// Null when the database holds no programme, mission, indicator, observation, actor, initiative or review;
    /// otherwise what it holds, in words: "the database already holds 1 programme and 3 missions".
    /// </summary>
    public static async Task<string?> WhyNotEmptyAsync(MastenDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = new List<string>();
        void Add(long n, string one, string many)
        {
            if (n > 0)
                found.Add(n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many));
        }
        Add(await db.Programmes.IgnoreQueryFilters().LongCountAsync(ct), "programme", "programmes");
        Add(await db.Missions.IgnoreQueryFilters().LongCountAsync(ct), "mission", "missions");
        Add(await db.Indicators.IgnoreQueryFilters().LongCountAsync(ct), "indicator", "indicators");
        Add(await db.Observations.LongCountAsync(ct), "observation", "observations");
        Add(await db.Actors.LongCountAsync(ct), "actor", "actors");
        Add(await db.Initiatives.IgnoreQueryFilters().LongCountAsync(ct), "initiative", "initiatives");
        Add(await db.Reviews.IgnoreQueryFilters().LongCountAsync(ct), "review", "reviews");
        if (found.Count == 0)
            return null;
        var list = found.Count == 1 ? found[0] : string.Join(", ", found.Take(found.Count - 1)) + " and " + found[^1];
        return "the database already holds " + list;
    }

    /// <summary>Generates and writes everything in one transaction, reporting each stage; returns rows per table.</summary>
    public async Task<IReadOnlyList<(string Table, long Rows)>> GenerateAsync(Action<GenerationStage>? progress, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var stage = Stopwatch.StartNew();
        void Report(string name, long rows, bool done = true)
        {
            progress?.Invoke(new GenerationStage(name, rows, stage.Elapsed, total.Elapsed, done));
            if (done)
                stage.Restart();
        }

        BuildMissions();
        BuildActors();
        BuildMemberships();
        BuildIndicators();
        BuildRoundsAndCommitments();
        BuildDriversAndOperationalGoals();
        BuildReviews();
        BuildInitiatives();
        BuildCheckInsAndHypotheses();
        BuildDecisions();
        BuildRoadmapVersions();
        BuildJourneys();
        Report("planning in memory", 0);

        var written = new List<(string, long)>();
        await using (var writer = await BulkWriter.BeginAsync(db, ct))
        {
            async Task Write<T>(string name, IEnumerable<T> rows) where T : class
            {
                var n = await writer.WriteAsync(rows, ct);
                written.Add((name, n));
                Report(name, n);
            }

            await Write("actors", actors);
            await Write("contact people", contacts);
            await Write("programmes", programmes);
            await Write("missions", missions);
            await Write("goals", goals);
            await Write("indicators", indicators);
            await Write("indicator targets", targets);
            await Write("observations", Counted(Observations(), n => Report("observations", n, done: false), 100_000));
            await Write("memberships", memberships);
            await Write("signing rounds", rounds);
            await Write("commitments", commitments);
            await Write("drivers", drivers);
            await Write("operational goals", operationalGoals);
            await Write("goal relations", relations);
            await Write("reviews", reviews);
            await Write("initiatives", initiatives);
            await Write("contributions", contributions);
            await Write("funding lines", funding);
            await Write("stage changes", stageChanges);
            await Write("hypotheses", hypotheses);
            await Write("check-ins", checkIns);
            await Write("review decisions", decisions);
            await Write("roadmap versions", versions);
            await WriteJourneysAsync(writer, written, Report, ct);
            await Write("change records", Counted(ChangeRecords(), n => Report("change records", n, done: false), 100_000));
            await writer.CommitAsync(ct);
            Report("commit", 0);
        }

        // Derived tables and columns (read models) are rebuilt from what was just written. Setting a million current
        // flags in one UPDATE can outlast the default 30-second command timeout on a busy machine.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        if (db.Database.IsNpgsql())
        {
            // Tables filled by COPY have no statistics until autovacuum gets to them, so PostgreSQL would plan the
            // rebuild's correlated subqueries as if the tables were empty: a sequential scan of every step event for
            // each participant took 200 s of the derived data. With statistics the same statements seek by index.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            Report("analyze", 0);
        }
        await DerivedData.RebuildAsync(db, ct);
        await RefreshJourneysAsync(ct);
        Report("derived data", 0);
        // A web instance already running on this database must not serve the pages it rendered while it was empty.
        await db.Database.ExecuteSqlRawAsync(DataStamp.IncrementSql, ct);
        if (db.Database.IsNpgsql())
        {
            // Autovacuum would gather statistics of the new rows within minutes; gathering them now means the
            // first queries after a load are planned as they will be later (SQLite keeps no statistics unless asked).
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            Report("analyze", 0);
        }
        return written;
    }

    private static IEnumerable<T> Counted<T>(IEnumerable<T> rows, Action<long> every, long step)
    {
        long n = 0;
        foreach (var row in rows)
        {
            yield return row;
            if (++n % step == 0)
                every(n);
        }
    }

    // ---- helpers ----

    /// <summary>An independent random stream per purpose, so that adding a stage leaves the others unchanged.</summary>
    private Random Rng(int stream) => new(unchecked((seed * 1_000_003) + (stream * 7_919) + 17));

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    /// <summary>An index chosen with the given weights.</summary>
    private static int Weighted(Random r, params int[] weights)
    {
        var x = r.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (x < weights[i])
                return i;
            x -= weights[i];
        }
        return weights.Length - 1;
    }

    private static DateTime At(DateOnly date, int hour = 9, int minute = 0) => date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    private DateOnly NotAfterReference(DateOnly date) => date > reference ? reference : date;

    private static DateOnly Between(Random r, DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1));

    private static double Round(double value) => Math.Round(value, Math.Abs(value) < 100 ? 2 : 1);

    /// <summary>Splits <paramref name="total"/> over <paramref name="weights"/> in whole numbers that add up exactly.</summary>
    private static int[] Share(int total, List<double> weights)
    {
        var sum = weights.Sum();
        var result = new int[weights.Count];
        if (weights.Count == 0 || sum <= 0)
            return result;
        for (var i = 0; i < weights.Count; i++)
            result[i] = (int)Math.Floor(total * weights[i] / sum);
        var rest = total - result.Sum();
        for (var i = 0; rest > 0; i = (i + 1) % weights.Count)
        {
            if (weights[i] > 0)
            {
                result[i]++;
                rest--;
            }
        }
        return result;
    }

    private void Audit(object entity, DateTime at, IReadOnlyList<IndicatorTarget>? indicatorTargets = null) =>
        audit.Add((entity, at, "Created", null, null, indicatorTargets));

    // ---- programmes, missions ----

    private void BuildMissions()
    {
        var r = Rng(1);
        for (var p = 0; p < size.Programmes; p++)
        {
            var name = DatasetTexts.Programmes[p % DatasetTexts.Programmes.Length];
            var programme = new Programme
            {
                Id = p + 1,
                Name = p < DatasetTexts.Programmes.Length ? name : DatasetTexts.Invariant($"{name} {p + 1}"),
                Description = DatasetTexts.Invariant($"Programmet samlar missioner för {name.ToLowerInvariant()}. Genererade data för prov av Masten i stor skala."),
                ProgrammeOffice = DatasetTexts.Invariant($"Programkontoret för {name.ToLowerInvariant()}"),
                Version = 1,
                CreatedAt = At(new DateOnly(2014, 11, 1 + p % 28)),
            };
            programme.UpdatedAt = programme.CreatedAt;
            programmes.Add(programme);
            Audit(programme, programme.CreatedAt);
        }
        int[] horizons = [2030, 2035, 2045];
        for (var m = 0; m < size.Missions; m++)
        {
            var draft = m >= size.Missions - size.DraftMissions;
            var closed = !draft && size.Missions >= 10 && m == size.Missions - size.DraftMissions - 1;
            var theme = DatasetTexts.MissionThemes[m % DatasetTexts.MissionThemes.Length];
            var horizon = horizons[m % 3];
            var baseline = Math.Min(2015 + m % 6, reference.Year - 2);
            var title = char.ToUpperInvariant(theme[0]) + theme[1..] + " " + horizon.ToString(CultureInfo.InvariantCulture);
            if (m >= DatasetTexts.MissionThemes.Length)
                title += DatasetTexts.Invariant($" ({m / DatasetTexts.MissionThemes.Length + 1})");
            var mission = new Mission
            {
                Id = m + 1,
                ProgrammeId = programmes[m % programmes.Count].Id,
                Title = title,
                Statement = DatasetTexts.Invariant($"År {horizon} har vi {theme}. Alla som bor och arbetar här har del i förändringen, och vi kan mäta hur långt vi har kommit. Vi börjar från läget år {baseline}."),
                BaselineYear = baseline,
                HorizonYear = horizon,
                Status = draft ? MissionStatus.Draft : closed ? MissionStatus.Closed : MissionStatus.Active,
                RollupRule = m % 2 == 0 ? RollupRule.WeakestLink : RollupRule.Weighted,
                Language = "sv",
                LixTarget = 40,
                StaleAfterDays = m % 4 == 3 ? 120 : 90,
                Version = 1,
                CreatedAt = At(new DateOnly(baseline, 1, 10), 10),
            };
            mission.UpdatedAt = mission.CreatedAt;
            missions.Add(mission);
            missionById[mission.Id] = mission;
            if (!draft)
                activatedOn[mission.Id] = new DateOnly(baseline + 1, 1, 15);
            Audit(mission, mission.CreatedAt);
        }

        var goalId = 0;
        foreach (var mission in missions)
        {
            var list = new List<Goal>();
            var top = Math.Max(1, (size.GoalsPerMission * 3 + 4) / 5);
            var childCount = new Dictionary<int, int>();
            for (var k = 0; k < size.GoalsPerMission; k++)
            {
                var parent = k < top ? null : list[(k - top) % top];
                var order = parent is null ? k : childCount.GetValueOrDefault(parent.Id);
                if (parent is not null)
                    childCount[parent.Id] = order + 1;
                var topic = DatasetTexts.GoalTopics[(mission.Id + k) % DatasetTexts.GoalTopics.Length];
                var goal = new Goal
                {
                    Id = ++goalId,
                    MissionId = mission.Id,
                    ParentId = parent?.Id,
                    Order = order,
                    Title = parent is null ? topic : DatasetTexts.Invariant($"{topic} – steg {order + 1}"),
                    Description = DatasetTexts.Invariant($"Delmålet handlar om {topic.ToLowerInvariant()} inom missionen."),
                    Weight = mission.RollupRule == RollupRule.Weighted ? 1 + r.Next(3) : 1,
                    Version = 1,
                    CreatedAt = mission.CreatedAt.AddMinutes(5 + k),
                };
                goal.UpdatedAt = goal.CreatedAt;
                list.Add(goal);
                goals.Add(goal);
                Audit(goal, goal.CreatedAt);
            }
            goalsOf[mission.Id] = list;
        }
    }

    // ---- indicators, targets, observation plans ----

    /// <summary>What one indicator's observation series will look like; the rows are made while writing.</summary>
    private sealed record SeriesPlan(Indicator Indicator, int MonthStep, int EndMonth, int MaxLength, double PaceShare, double FinalTarget, DateOnly FinalDate, bool Percent)
    {
        public int Length { get; set; }
        public int Corrections { get; set; }
    }

    private static readonly (string Metric, string Unit, bool Lower, bool Percent)[] Metrics =
    [
        ("Utsläpp av växthusgaser", "kt CO₂e", true, false), ("Andel förnybar energi", "%", false, true), ("Energianvändning", "GWh", true, false),
        ("Mängd avfall", "ton", true, false), ("Andel återvunnet material", "%", false, true), ("Antal laddpunkter", "antal", false, false),
        ("Andel resor med kollektivtrafik", "%", false, true), ("Matsvinn", "kg per invånare", true, false), ("Andel ekologisk mat", "%", false, true),
        ("Kvävebelastning", "ton", true, false), ("Antal företag med klimatplan", "antal", false, false), ("Installerad solkraft", "MW", false, false),
        ("Skyddad natur", "ha", false, false), ("Andel fossilfria fordon", "%", false, true), ("Vattenförbrukning", "liter per invånare och dygn", true, false),
    ];

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    private static DateOnly MonthEnd(int monthIndex)
    {
        var year = monthIndex / 12;
        var month = monthIndex % 12 + 1;
        return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
    }

    private void BuildIndicators()
    {
        var r = Rng(2);
        var id = 0;
        var targetId = 0;
        foreach (var mission in missions)
        {
            var members = Active(mission.Id);
            var list = new List<Indicator>();
            foreach (var goal in goalsOf[mission.Id])
            {
                var goalIndicators = new List<Indicator>();
                for (var k = 0; k < size.IndicatorsPerGoal; k++)
                {
                    var metric = Metrics[(goal.Id * 3 + k * 7 + mission.Id) % Metrics.Length];
                    var area = DatasetTexts.Areas[(goal.Id + k) % DatasetTexts.Areas.Length];
                    // Three in four monthly, then quarterly and yearly, spread over the goals.
                    var slot = (id + 1) * 5 % 12;
                    var frequency = slot < 9 ? ReportingFrequency.Monthly : slot < 11 ? ReportingFrequency.Quarterly : ReportingFrequency.Yearly;
                    var shape = metric.Lower ? (PathwayShape)Weighted(r, 35, 50, 15) : (PathwayShape)Weighted(r, 45, 25, 30);
                    var baselineDate = new DateOnly(mission.BaselineYear, 12, 31);
                    var baselineValue = metric.Percent ? Round(10 + r.NextDouble() * 50) : Round(Math.Pow(10, 1.5 + r.NextDouble() * 2.5));
                    var final = metric.Percent
                        ? Round(baselineValue + (100 - baselineValue) * (0.5 + r.NextDouble() * 0.4))
                        : metric.Lower ? Round(baselineValue * (0.1 + r.NextDouble() * 0.4)) : Round(baselineValue * (1.5 + r.NextDouble() * 2.5));
                    DateOnly[] dates = mission.HorizonYear switch
                    {
                        2030 => [new(2025, 12, 31), new(2030, 12, 31)],
                        2035 => [new(2030, 12, 31), new(2035, 12, 31)],
                        _ => [new(2030, 12, 31), new(2035, 12, 31), new(mission.HorizonYear, 12, 31)],
                    };
                    var indicator = new Indicator
                    {
                        Id = ++id,
                        GoalId = goal.Id,
                        Name = DatasetTexts.Invariant($"{metric.Metric} {area}"),
                        Code = DatasetTexts.Invariant($"{goal.Id}.{k + 1}"),
                        Description = DatasetTexts.Invariant($"Visar hur {metric.Metric.ToLowerInvariant()} {area} utvecklas år för år."),
                        Unit = metric.Unit,
                        Direction = metric.Lower ? Direction.LowerIsBetter : Direction.HigherIsBetter,
                        Frequency = frequency,
                        Source = Pick(r, DatasetTexts.Sources),
                        BaselineDate = baselineDate,
                        BaselineValue = baselineValue,
                        Shape = shape,
                        Weight = mission.RollupRule == RollupRule.Weighted ? 1 + r.Next(2) : 1,
                        ReportingActorId = members.Count > 0 && r.Next(100) < 30 ? Pick(r, members).ActorId : null,
                        Version = 1,
                        CreatedAt = mission.CreatedAt.AddHours(1).AddMinutes(k),
                    };
                    indicator.UpdatedAt = indicator.CreatedAt;
                    var span = dates[^1].DayNumber - baselineDate.DayNumber;
                    foreach (var date in dates)
                    {
                        var f = (date.DayNumber - baselineDate.DayNumber) / (double)span;
                        var value = shape == PathwayShape.ConstantRate && baselineValue > 0 && final > 0
                            ? baselineValue * Math.Pow(final / baselineValue, f)
                            : baselineValue + f * (final - baselineValue);
                        indicator.Targets.Add(new IndicatorTarget { Id = ++targetId, IndicatorId = indicator.Id, Date = date, Value = Round(value) });
                    }
                    targets.AddRange(indicator.Targets);
                    goalIndicators.Add(indicator);
                    indicators.Add(indicator);
                    Audit(indicator, indicator.CreatedAt, indicator.Targets);

                    var step = frequency switch { ReportingFrequency.Monthly => 1, ReportingFrequency.Quarterly => 3, _ => 12 };
                    var end = MonthIndex(reference);
                    if (MonthEnd(end) > reference)
                        end--;
                    while ((end % 12 + 1) % step != 0)
                        end--;
                    if (r.Next(100) < 5)
                        end -= step * (frequency == ReportingFrequency.Yearly ? 1 + r.Next(3) : 2 + r.Next(6));
                    var first = 1900 * 12 + step - 1;
                    plans.Add(new SeriesPlan(indicator, step, end, Math.Max(0, (end - first) / step + 1), 0.2 + r.NextDouble() * 1.2,
                        final, dates[^1], metric.Percent));
                }
                goal.Indicators = goalIndicators;
                list.AddRange(goalIndicators);
            }
            indicatorsOf[mission.Id] = list;
        }
        PlanLengths(r);
    }

    /// <summary>Series lengths that add up to exactly <see cref="DatasetSize.Observations"/> rows, corrections included.</summary>
    private void PlanLengths(Random r)
    {
        if (plans.Count == 0)
            return;
        var share = plans.Select(_ => 0.5 + r.NextDouble() * 0.5).ToArray();
        long Sum(double k) => plans.Select((p, i) => (long)Math.Min(p.MaxLength, Math.Floor(k * share[i] * p.MaxLength))).Sum();
        double lo = 0, hi = 2.5;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (Sum(mid) <= size.Observations)
                lo = mid;
            else
                hi = mid;
        }
        for (var i = 0; i < plans.Count; i++)
            plans[i].Length = (int)Math.Min(plans[i].MaxLength, Math.Floor(lo * share[i] * plans[i].MaxLength));
        var rest = size.Observations - plans.Sum(p => (long)p.Length);
        for (var i = 0; rest > 0 && plans.Any(p => p.Length < p.MaxLength); i = (i + 1) % plans.Count)
        {
            if (plans[i].Length < plans[i].MaxLength)
            {
                plans[i].Length++;
                rest--;
            }
        }
        foreach (var plan in plans)
        {
            var expected = plan.Length / 101.0;
            plan.Corrections = Math.Min(plan.Length / 2, (int)Math.Floor(expected) + (r.NextDouble() < expected - Math.Floor(expected) ? 1 : 0));
        }
    }

    /// <summary>Every observation, indicator by indicator: the series in date order, then its corrections.</summary>
    private IEnumerable<Observation> Observations()
    {
        var id = 0;
        var series = new List<Observation>();
        foreach (var plan in plans)
        {
            var indicator = plan.Indicator;
            var r = new Random(unchecked((seed * 1_000_003) + (indicator.Id * 104_729) + 5));
            var originals = plan.Length - plan.Corrections;
            var lag = plan.MonthStep switch { 1 => 20, 3 => 35, _ => 75 };
            var tb = indicator.BaselineDate.DayNumber;
            var span = Math.Max(1, plan.FinalDate.DayNumber - tb);
            var b = indicator.BaselineValue;
            var lower = indicator.Direction == Direction.LowerIsBetter;
            var exponential = indicator.Shape == PathwayShape.ConstantRate && b > 0 && plan.FinalTarget > 0;
            var noise = plan.MonthStep == 12 ? 0.01 : 0.03;
            series.Clear();
            for (var k = 0; k < originals; k++)
            {
                var date = MonthEnd(plan.EndMonth - (originals - 1 - k) * plan.MonthStep);
                double value;
                var days = date.DayNumber - tb;
                if (days >= 0)
                {
                    var f = plan.PaceShare * days / span;
                    value = exponential ? b * Math.Pow(plan.FinalTarget / b, f) : b + f * (plan.FinalTarget - b);
                }
                else
                {
                    // Before the baseline the series drifts slowly towards where it came from.
                    var years = -days / 365.25;
                    value = b * (1 + (lower ? 0.5 : -0.5) * years / (years + 20));
                }
                value *= 1 + noise * (r.NextDouble() * 2 - 1);
                if (plan.Percent)
                    value = Math.Clamp(value, 0, 100);
                var entered = NotAfterReference(date.AddDays(lag));
                var observation = new Observation
                {
                    Id = ++id,
                    IndicatorId = indicator.Id,
                    Date = date,
                    Value = Round(Math.Max(value, 0.01)),
                    Source = indicator.Source,
                    Note = k % 97 == 96 ? "Preliminär siffra." : null,
                    EnteredBy = Author,
                    EnteredAt = At(entered, 8, k % 60),
                };
                series.Add(observation);
                yield return observation;
            }
            var corrected = new HashSet<int>();
            while (corrected.Count < plan.Corrections && corrected.Count < series.Count)
                corrected.Add(r.Next(series.Count));
            foreach (var index in corrected.Order())
            {
                var old = series[index];
                var at = old.EnteredAt.AddDays(30 + r.Next(270));
                var latest = At(reference, 17);
                var value = old.Value * (1 + 0.05 * (r.NextDouble() - 0.5));
                yield return new Observation
                {
                    Id = ++id,
                    IndicatorId = indicator.Id,
                    Date = old.Date,
                    Value = Round(Math.Max(plan.Percent ? Math.Min(value, 100) : value, 0.01)),
                    Source = indicator.Source,
                    EnteredBy = Author,
                    EnteredAt = at > latest ? latest : at,
                    SupersedesId = old.Id,
                    CorrectionReason = Pick(r, DatasetTexts.CorrectionReasons),
                };
            }
        }
    }

    // ---- roadmap versions ----

    private void BuildRoadmapVersions()
    {
        var id = 0;
        foreach (var mission in missions.Where(m => m.Status != MissionStatus.Draft))
        {
            var activated = activatedOn[mission.Id];
            var current = Snapshot(mission);
            var missionReviews = reviewsOf.GetValueOrDefault(mission.Id) ?? [];
            var revise = mission.Id % 3 == 2 && missionReviews.Count > 0;
            if (!revise)
            {
                AddVersion(++id, mission, 1, activated, null, null, current);
                continue;
            }
            // Version 1 was less ambitious for the first three indicators; a review raised their final targets.
            var review = missionReviews[missionReviews.Count / 2];
            var revisedAt = At(review.Date, 15);
            var changed = indicatorsOf[mission.Id].Take(3).ToList();
            var earlier = new Dictionary<int, IReadOnlyList<IndicatorTarget>>();
            foreach (var indicator in changed)
            {
                var old = indicator.Targets.Select(t => new IndicatorTarget { Id = t.Id, IndicatorId = t.IndicatorId, Date = t.Date, Value = t.Value }).ToList();
                old[^1].Value = Round(old[^1].Value + 0.2 * (indicator.BaselineValue - old[^1].Value));
                earlier[indicator.Id] = old;
                // The indicator was created with the earlier targets and updated at the revision.
                var index = audit.FindIndex(a => ReferenceEquals(a.Entity, indicator));
                var before = indicatorSnapshotAt(indicator, old, 1, indicator.CreatedAt);
                audit[index] = (indicator, indicator.CreatedAt, "Created", null, before, null);
                indicator.Version = 2;
                indicator.UpdatedAt = revisedAt;
                audit.Add((indicator, revisedAt, "Updated", before, null, indicator.Targets));
            }
            var first = current with
            {
                Indicators = current.Indicators.Select(i => earlier.TryGetValue(i.Id, out var old)
                    ? i with { Targets = old.Select(t => new RoadmapTarget(t.Date, t.Value)).ToList() }
                    : i).ToList(),
            };
            AddVersion(++id, mission, 1, activated, null, null, first);
            AddVersion(++id, mission, 2, review.Date < activated ? activated : review.Date,
                DatasetTexts.Invariant($"Avstämningen {review.Date:yyyy-MM-dd} visade att mer är möjligt. Vi höjer slutmålen för tre indikatorer."), review.Id, current);
        }

        string indicatorSnapshotAt(Indicator indicator, IReadOnlyList<IndicatorTarget> oldTargets, int version, DateTime updatedAt)
        {
            var (savedVersion, savedUpdated) = (indicator.Version, indicator.UpdatedAt);
            indicator.Version = version;
            indicator.UpdatedAt = updatedAt;
            var json = SnapshotOf(indicator, oldTargets);
            (indicator.Version, indicator.UpdatedAt) = (savedVersion, savedUpdated);
            return json;
        }
    }

    private void AddVersion(int id, Mission mission, int number, DateOnly validFrom, string? reason, int? reviewId, RoadmapSnapshot snapshot)
    {
        var version = new RoadmapVersion
        {
            Id = id,
            MissionId = mission.Id,
            Number = number,
            ValidFrom = validFrom,
            Reason = reason,
            ReviewId = reviewId,
            CreatedAt = At(validFrom, 14),
            CreatedBy = Author,
            Snapshot = snapshot.ToJson(),
        };
        versions.Add(version);
        Audit(version, version.CreatedAt);
    }

    private RoadmapSnapshot Snapshot(Mission mission) =>
        new(mission.Title, mission.Statement, mission.BaselineYear, mission.HorizonYear,
            goalsOf[mission.Id].OrderBy(g => g.Id).Select(g => new RoadmapGoal(g.Id, g.ParentId, g.Title, g.Description, g.Weight, g.Order)).ToList(),
            indicatorsOf[mission.Id].OrderBy(i => i.Id).Select(i => new RoadmapIndicator(i.Id, i.GoalId, i.Name, i.Unit, i.Direction, i.Shape,
                i.BaselineDate, i.BaselineValue, i.Weight, i.Targets.OrderBy(t => t.Date).Select(t => new RoadmapTarget(t.Date, t.Value)).ToList())).ToList());

    // ---- change records ----

    private IEnumerable<ChangeRecord> ChangeRecords()
    {
        long id = 0;
        foreach (var (entity, at, action, before, after, indicatorTargets) in audit)
        {
            var type = entity.GetType();
            yield return new ChangeRecord
            {
                Id = ++id,
                EntityType = type.Name,
                EntityId = (int)IdOf(entity),
                Action = action,
                Before = before,
                After = after ?? SnapshotOf(entity, indicatorTargets),
                ChangedBy = Author,
                ChangedAt = at,
            };
        }
    }

    private object IdOf(object entity) => Properties(entity.GetType()).First(p => p.Name == "Id").Getter.GetClrValue(entity)!;

    /// <summary>The record as the context's change records store it: every scalar property by name, in ordinal order; an indicator with its targets.</summary>
    private string SnapshotOf(object entity, IReadOnlyList<IndicatorTarget>? indicatorTargets)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, getter) in Properties(entity.GetType()))
            values[name] = getter.GetClrValue(entity);
        if (entity is Indicator)
            values["Targets"] = (indicatorTargets ?? []).OrderBy(t => t.Date).Select(t => new { t.Date, t.Value }).ToList();
        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    private (string Name, IClrPropertyGetter Getter)[] Properties(Type type)
    {
        if (!snapshotProperties.TryGetValue(type, out var properties))
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => (p.Name, p.GetGetter())).ToArray();
            snapshotProperties[type] = properties;
        }
        return properties;
    }
}
