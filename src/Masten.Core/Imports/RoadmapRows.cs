using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Missions;

namespace Masten.Core.Imports;

/// <summary>The named columns of a roadmap import; targets are the columns whose header is a year, period or date.</summary>
public enum RoadmapColumn
{
    Goal,
    ParentGoal,
    Code,
    Indicator,
    Description,
    Unit,
    Direction,
    Frequency,
    Source,
    BaselineDate,
    BaselineValue,
    Shape,
}

/// <summary>A goal of the mission as it is stored: what a roadmap row is compared with.</summary>
public sealed record ImportedGoal(int Id, int? ParentId, string Title);

/// <summary>An indicator of the mission as it is stored, with its targets: what a roadmap row is compared with.</summary>
public sealed record ImportedIndicator(
    int Id,
    int GoalId,
    string? Code,
    string Name,
    string? Description,
    string Unit,
    Direction Direction,
    ReportingFrequency Frequency,
    string? Source,
    DateOnly BaselineDate,
    double BaselineValue,
    PathwayShape Shape,
    double Weight,
    int? ReportingActorId,
    IReadOnlyList<TargetInput> Targets);

/// <summary>A target column of a roadmap file: where it stands, the date its header names and the header as the file spells it.</summary>
public sealed record RoadmapTargetColumn(int Index, DateOnly Date, string Name);

/// <summary>The header row of a roadmap file: its named columns, its target columns (by date) and the headers it ignores.</summary>
public sealed class RoadmapHeader(ColumnMap<RoadmapColumn> map, IReadOnlyList<RoadmapTargetColumn> targets) : ColumnMap<RoadmapColumn>(map)
{
    public IReadOnlyList<RoadmapTargetColumn> Targets { get; } = targets;
}

/// <summary>
/// A goal a roadmap import creates or moves. <see cref="Key"/> is the stored goal's id, or a negative number for a goal the file
/// creates; <see cref="ParentKey"/> is the parent the same way (null: a top-level goal). Listed parents first.
/// </summary>
public sealed record ImportedGoalWrite(int Key, string Title, int? ParentKey);

/// <summary>
/// An indicator a roadmap import creates (<see cref="Id"/> null) or changes, with its whole input. <see cref="GoalKey"/> is its goal as
/// in <see cref="ImportedGoalWrite.Key"/>; the input's goal id is only right when the goal is stored.
/// </summary>
public sealed record ImportedIndicatorWrite(long Row, int? Id, int GoalKey, IndicatorInput Input);

/// <summary>What one checked roadmap row does: created (a goal or an indicator), updated or unchanged, its key and name, and what it changes.</summary>
public sealed record RoadmapRow(long Row, ImportRowAction Action, string Key, string Name, string? Changes);

/// <summary>
/// The roadmap import: the mission's goals, indicators and their dated targets from one template sheet, one row per indicator (or
/// per goal, for a goal without indicators of its own).
/// <para>
/// Columns (English, Swedish or Danish headers): <c>goal</c> (delmål, required: the goal's exact title or id; a new title creates the
/// goal) and optionally <c>parent goal</c> (överordnat delmål: a stored goal or one named on an earlier row; empty: top level),
/// <c>code</c> (kod), <c>indicator</c> (indikator: its name), <c>description</c> (beskrivning), <c>unit</c> (enhet), <c>direction</c>
/// (riktning), <c>frequency</c> (frekvens), <c>source</c> (källa), <c>baseline date</c> (basår or basdatum), <c>baseline</c> (basvärde),
/// <c>shape</c> (form); and one column per target date, its header a year, period or date (<c>2030</c>, <c>mål 2030</c>,
/// <c>2030-06-30</c>), each filled cell that date's target.
/// </para>
/// <para>
/// The keys: a goal by its exact title (ignoring case) or id within the mission; an indicator by its code within the mission, else
/// (no code, or a code no indicator has yet) by its name within its goal. A row whose goal is named again keeps the parent the first
/// row gave it (its parent cell must be empty or the same). A column the file lacks keeps what is stored; an empty cell clears an
/// optional text, keeps a choice (a new indicator takes the form's defaults) and removes the target of that date; an empty code keeps
/// the code. So importing the same file again changes nothing.
/// </para>
/// </summary>
public sealed class RoadmapRows
{
    public const string Help = "The first row must name the columns: goal (or delmål), and optionally parent goal (överordnat delmål), code (kod), indicator (indikator), description, unit (enhet), direction (riktning), frequency (frekvens), source (källa), baseline date (basår), baseline (basvärde), shape (form), and one column per target year or date (2030, mål 2030).";

    /// <summary>The template's header row and example row (<see cref="ImportCatalog.Template"/>).</summary>
    public static ImportTemplate Template { get; } = new(
        ["delmål", "överordnat delmål", "kod", "indikator", "enhet", "riktning", "frekvens", "källa", "basår", "basvärde", "form", "2030", "2045"],
        ["Rent vatten", "", "1.1", "Fosfor i utloppet", "ton per år", "lägre är bättre", "varje år", "SMHI", "2020", "120", "linjär", "60", "10"]);

    private static readonly Dictionary<string, RoadmapColumn> HeaderNames = new(StringComparer.Ordinal)
    {
        ["goal"] = RoadmapColumn.Goal, ["delmål"] = RoadmapColumn.Goal, ["mål"] = RoadmapColumn.Goal, ["delmål (titel)"] = RoadmapColumn.Goal,
        ["parent goal"] = RoadmapColumn.ParentGoal, ["parent"] = RoadmapColumn.ParentGoal, ["överordnat delmål"] = RoadmapColumn.ParentGoal,
        ["överordnat mål"] = RoadmapColumn.ParentGoal, ["överordnat"] = RoadmapColumn.ParentGoal, ["overordnet delmål"] = RoadmapColumn.ParentGoal, ["overordnet mål"] = RoadmapColumn.ParentGoal,
        ["code"] = RoadmapColumn.Code, ["kod"] = RoadmapColumn.Code, ["kode"] = RoadmapColumn.Code, ["indicator code"] = RoadmapColumn.Code, ["indikatorkod"] = RoadmapColumn.Code,
        ["indicator"] = RoadmapColumn.Indicator, ["indikator"] = RoadmapColumn.Indicator, ["name"] = RoadmapColumn.Indicator, ["namn"] = RoadmapColumn.Indicator, ["navn"] = RoadmapColumn.Indicator,
        ["description"] = RoadmapColumn.Description, ["beskrivning"] = RoadmapColumn.Description, ["beskrivelse"] = RoadmapColumn.Description,
        ["unit"] = RoadmapColumn.Unit, ["enhet"] = RoadmapColumn.Unit, ["enhed"] = RoadmapColumn.Unit,
        ["direction"] = RoadmapColumn.Direction, ["riktning"] = RoadmapColumn.Direction, ["retning"] = RoadmapColumn.Direction,
        ["frequency"] = RoadmapColumn.Frequency, ["frekvens"] = RoadmapColumn.Frequency, ["rapportering"] = RoadmapColumn.Frequency,
        ["source"] = RoadmapColumn.Source, ["källa"] = RoadmapColumn.Source, ["kilde"] = RoadmapColumn.Source,
        ["baseline date"] = RoadmapColumn.BaselineDate, ["baseline year"] = RoadmapColumn.BaselineDate, ["basår"] = RoadmapColumn.BaselineDate,
        ["basdatum"] = RoadmapColumn.BaselineDate, ["basisår"] = RoadmapColumn.BaselineDate, ["basisdato"] = RoadmapColumn.BaselineDate,
        ["baseline"] = RoadmapColumn.BaselineValue, ["baseline value"] = RoadmapColumn.BaselineValue, ["basvärde"] = RoadmapColumn.BaselineValue,
        ["utgångsvärde"] = RoadmapColumn.BaselineValue, ["basisværdi"] = RoadmapColumn.BaselineValue,
        ["shape"] = RoadmapColumn.Shape, ["form"] = RoadmapColumn.Shape, ["takt"] = RoadmapColumn.Shape, ["pathway shape"] = RoadmapColumn.Shape,
    };

    /// <summary>Words before a target's date in its header: <c>mål 2030</c>, <c>target 2030</c>.</summary>
    private static readonly string[] TargetPrefixes = ["målvärde", "mål", "target", "måltal", "mål år"];

    private static readonly Dictionary<string, Direction> DirectionWords = new(StringComparer.Ordinal)
    {
        ["högre är bättre"] = Direction.HigherIsBetter, ["higher"] = Direction.HigherIsBetter, ["högre"] = Direction.HigherIsBetter, ["upp"] = Direction.HigherIsBetter,
        ["højere er bedre"] = Direction.HigherIsBetter, ["højere"] = Direction.HigherIsBetter,
        ["lägre är bättre"] = Direction.LowerIsBetter, ["lower"] = Direction.LowerIsBetter, ["lägre"] = Direction.LowerIsBetter, ["ned"] = Direction.LowerIsBetter,
        ["lavere er bedre"] = Direction.LowerIsBetter, ["lavere"] = Direction.LowerIsBetter,
    };

    private static readonly Dictionary<string, ReportingFrequency> FrequencyWords = new(StringComparer.Ordinal)
    {
        ["varje månad"] = ReportingFrequency.Monthly, ["månadsvis"] = ReportingFrequency.Monthly, ["månad"] = ReportingFrequency.Monthly, ["månedlig"] = ReportingFrequency.Monthly, ["hver måned"] = ReportingFrequency.Monthly,
        ["varje kvartal"] = ReportingFrequency.Quarterly, ["kvartalsvis"] = ReportingFrequency.Quarterly, ["kvartal"] = ReportingFrequency.Quarterly, ["hvert kvartal"] = ReportingFrequency.Quarterly,
        ["varje år"] = ReportingFrequency.Yearly, ["årligen"] = ReportingFrequency.Yearly, ["årsvis"] = ReportingFrequency.Yearly, ["år"] = ReportingFrequency.Yearly,
        ["årlig"] = ReportingFrequency.Yearly, ["hvert år"] = ReportingFrequency.Yearly, ["annual"] = ReportingFrequency.Yearly,
    };

    private static readonly Dictionary<string, PathwayShape> ShapeWords = new(StringComparer.Ordinal)
    {
        ["linjär"] = PathwayShape.Linear, ["jämn takt"] = PathwayShape.Linear, ["lineær"] = PathwayShape.Linear, ["jævnt tempo"] = PathwayShape.Linear,
        ["samma procent varje år"] = PathwayShape.ConstantRate, ["konstant takt"] = PathwayShape.ConstantRate, ["procentuell"] = PathwayShape.ConstantRate,
        ["samme procent hvert år"] = PathwayShape.ConstantRate, ["exponential"] = PathwayShape.ConstantRate,
        ["s-kurva"] = PathwayShape.SCurve, ["s-kurve"] = PathwayShape.SCurve, ["s curve"] = PathwayShape.SCurve,
    };

    private readonly RoadmapHeader header;
    private readonly int baselineYear;
    private readonly int horizonYear;
    private readonly Dictionary<int, GoalState> goals = [];
    private readonly Dictionary<string, int?> goalsByTitle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, ImportedIndicator> indicators;
    private readonly Dictionary<string, int> indicatorsByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Goal, string Name), int?> indicatorsByName = [];
    private readonly Dictionary<string, long> seenIndicators = new(StringComparer.Ordinal);
    private readonly List<ImportedGoalWrite> goalChanges = [];
    private readonly List<ImportedIndicatorWrite> indicatorChanges = [];
    private int nextNewGoal = -1;

    private sealed class GoalState(int key, string title, int? parentKey, int? storedParentKey, bool isNew)
    {
        public int Key { get; } = key;
        public string Title { get; } = title;
        public int? ParentKey { get; set; } = parentKey;
        public int? StoredParentKey { get; } = storedParentKey;
        public bool IsNew { get; } = isNew;
        /// <summary>Whether a row of the file named the goal already (and so decided its parent).</summary>
        public bool Named { get; set; }
    }

    /// <param name="header">The file's mapped header row (<see cref="MapHeader"/>).</param>
    /// <param name="baselineYear">The mission's baseline year, for checking baselines.</param>
    /// <param name="horizonYear">The mission's horizon year: no target after its end.</param>
    /// <param name="storedGoals">The mission's goals.</param>
    /// <param name="storedIndicators">The mission's indicators with their targets.</param>
    public RoadmapRows(RoadmapHeader header, int baselineYear, int horizonYear, IEnumerable<ImportedGoal> storedGoals, IEnumerable<ImportedIndicator> storedIndicators)
    {
        this.header = header;
        this.baselineYear = baselineYear;
        this.horizonYear = horizonYear;
        foreach (var g in storedGoals)
        {
            goals[g.Id] = new GoalState(g.Id, g.Title, g.ParentId, g.ParentId, isNew: false);
            var title = g.Title.Trim();
            goalsByTitle[title] = goalsByTitle.ContainsKey(title) ? null : g.Id;
        }
        indicators = storedIndicators.ToDictionary(i => i.Id);
        foreach (var i in indicators.Values)
        {
            if (i.Code is { Length: > 0 } code)
                indicatorsByCode[code] = i.Id;
            var key = (i.GoalId, i.Name.Trim().ToLowerInvariant());
            indicatorsByName[key] = indicatorsByName.ContainsKey(key) ? null : i.Id;
        }
    }

    public RoadmapHeader Header => header;

    /// <summary>The goals to create or move, parents first: what applying the checked rows does to the goal tree.</summary>
    public IReadOnlyList<ImportedGoalWrite> GoalChanges => goalChanges;

    /// <summary>The indicators to create or change, in row order.</summary>
    public IReadOnlyList<ImportedIndicatorWrite> IndicatorChanges => indicatorChanges;

    /// <summary>
    /// Maps a header row: the named columns (<c>goal</c> required) and the target columns, whose header is a year, period or date,
    /// with or without a word before it (<c>mål 2030</c>). Two target columns of one date are a file error.
    /// </summary>
    public static RoadmapHeader MapHeader(IReadOnlyList<string> headers)
    {
        var named = new List<string>(headers.Count);
        var targets = new List<RoadmapTargetColumn>();
        for (var i = 0; i < headers.Count; i++)
        {
            var text = (headers[i] ?? "").Trim().Trim('\uFEFF').Trim();
            if (!HeaderNames.ContainsKey(text.ToLowerInvariant()) && TargetDate(text) is { } date)
            {
                if (targets.FirstOrDefault(t => t.Date == date) is { } twin)
                    throw new ImportFileException("DuplicateColumn", $"The columns \"{twin.Name}\" and \"{text}\" are targets of the same date ({date:yyyy-MM-dd}).");
                targets.Add(new RoadmapTargetColumn(i, date, text));
                named.Add("");
            }
            else
            {
                named.Add(text);
            }
        }
        var map = ColumnMap.Map(named, HeaderNames, [RoadmapColumn.Goal], Help, "MissingRoadmapColumns", NameOf);
        return new RoadmapHeader(map, targets);
    }

    private static string NameOf(RoadmapColumn column) => column switch
    {
        RoadmapColumn.ParentGoal => "parent goal",
        RoadmapColumn.BaselineDate => "baseline date",
        RoadmapColumn.BaselineValue => "baseline",
        _ => column.ToString().ToLowerInvariant(),
    };

    private static DateOnly? TargetDate(string header)
    {
        var text = header;
        foreach (var prefix in TargetPrefixes)
        {
            if (text.StartsWith(prefix + " ", StringComparison.OrdinalIgnoreCase))
            {
                text = text[(prefix.Length + 1)..].Trim();
                break;
            }
        }
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]))
            return null;
        return ImportValues.TryParseDate(text, out var date, out _, out _) ? date : null;
    }

    /// <summary>
    /// Checks one data row against what is stored and what earlier rows did; adds every problem to <paramref name="errors"/> and returns
    /// null if there was any. A row without errors adds its goal and indicator changes to <see cref="GoalChanges"/> and <see cref="IndicatorChanges"/>.
    /// </summary>
    public RoadmapRow? Check(long row, IReadOnlyList<object?> cells, List<ImportError> errors)
    {
        var before = errors.Count;
        if (!header.FitsWidth(cells))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {header.Names.Count}."));
            return null;
        }
        void Fail(RoadmapColumn c, string? value, string code, string message) => errors.Add(new ImportError(row, header.NameOf(c), value, code, message));

        if (!TryGoal(row, cells, errors, Fail, out var goalText, out var found))
            return null;
        var parent = ParentGoal(cells, Fail, out var parentText);
        if (errors.Count > before)
            return null;

        // The goal: new, or named for the first time (this row decides its parent), or named again (the parent must agree).
        var createsGoal = found is null;
        var movesGoal = false;
        var goal = found ?? new GoalState(nextNewGoal, goalText, null, null, isNew: true);
        var decides = !goal.Named;
        if (header.Has(RoadmapColumn.ParentGoal))
        {
            if (decides && parent != goal.ParentKey || !decides && parent is not null && parent != goal.ParentKey)
            {
                if (!decides)
                    Fail(RoadmapColumn.ParentGoal, parentText, "ConflictingParent", $"differs from the parent an earlier row gave \"{goal.Title}\"; give it once, or the same on every row.");
                else if (parent == goal.Key || parent is { } p && IsBelow(p, goal.Key))
                    Fail(RoadmapColumn.ParentGoal, parentText, "ParentCycle", $"is \"{goal.Title}\" itself or one of its sub-goals.");
                else
                    movesGoal = !goal.IsNew;
            }
        }
        if (errors.Count > before)
            return null;

        var indicatorRow = IsIndicatorRow(cells);
        ImportedIndicatorWrite? indicator = null;
        ImportRowAction indicatorAction = ImportRowAction.Unchanged;
        string? changed = null;
        if (indicatorRow)
        {
            (indicator, indicatorAction, changed) = CheckIndicator(row, cells, goal.Key, errors);
            if (errors.Count > before)
                return null;
        }

        Record(goal, goalText, createsGoal, decides, movesGoal, parent, indicatorAction == ImportRowAction.Unchanged ? null : indicator);

        return Outcome(row, goal, createsGoal, movesGoal, indicator, indicatorAction, changed);
    }

    /// <summary>A good row's goal and indicator changes become part of the file's changes.</summary>
    private void Record(GoalState goal, string goalText, bool createsGoal, bool decides, bool movesGoal, int? parent, ImportedIndicatorWrite? changedIndicator)
    {
        if (createsGoal)
        {
            nextNewGoal--;
            goals[goal.Key] = goal;
            goalsByTitle[goalText] = goal.Key;
        }
        if (decides)
        {
            goal.Named = true;
            if (header.Has(RoadmapColumn.ParentGoal))
                goal.ParentKey = parent;
            if (createsGoal || movesGoal)
                goalChanges.Add(new ImportedGoalWrite(goal.Key, goal.Title, goal.ParentKey));
        }
        if (changedIndicator is not null)
            indicatorChanges.Add(changedIndicator);
    }

    /// <summary>The row's goal cell: its text and the goal it names (null for a new title), or false once it has reported why the cell cannot be used.</summary>
    private bool TryGoal(long row, IReadOnlyList<object?> cells, List<ImportError> errors, Action<RoadmapColumn, string?, string, string> fail,
        out string goalText, out GoalState? found)
    {
        found = null;
        goalText = header.Text(cells, RoadmapColumn.Goal);
        if (goalText.Length == 0)
        {
            fail(RoadmapColumn.Goal, null, "GoalRequired", "is empty; every row names its goal by its exact title or id (a new title creates the goal).");
            return false;
        }
        if (goalText.Length > Rules.ShortText)
        {
            fail(RoadmapColumn.Goal, Short(goalText), "TooLong", $"is longer than {Rules.ShortText} characters.");
            return false;
        }
        found = FindGoal(goalText, out var ambiguous);
        if (ambiguous)
        {
            fail(RoadmapColumn.Goal, goalText, "AmbiguousGoal", "is the title of more than one goal of this mission; give the goal's id.");
            return false;
        }
        if (found is null)
        {
            try
            {
                MissionRules.Validate(new GoalInput(0, null, goalText, null), null);
            }
            catch (DomainException e)
            {
                var shown = Short(goalText);
                errors.AddRange(e.Errors.Select(f => new ImportError(row, header.NameOf(RoadmapColumn.Goal), shown, f.Code, f.Message)));
                return false;
            }
        }
        return true;
    }

    /// <summary>The goal the parent-goal cell names, or null when it is empty or names none (reported to <paramref name="fail"/>).</summary>
    private int? ParentGoal(IReadOnlyList<object?> cells, Action<RoadmapColumn, string?, string, string> fail, out string parentText)
    {
        int? parent = null;
        parentText = header.Text(cells, RoadmapColumn.ParentGoal);
        if (parentText.Length > 0)
        {
            parent = FindGoal(parentText, out var parentAmbiguous)?.Key;
            if (parentAmbiguous)
                fail(RoadmapColumn.ParentGoal, parentText, "AmbiguousGoal", "is the title of more than one goal of this mission; give the goal's id.");
            else if (parent is null)
                fail(RoadmapColumn.ParentGoal, parentText, "UnknownParentGoal", "is no goal of this mission, nor a goal named in the goal column of an earlier row.");
        }
        return parent;
    }

    /// <summary>What a good row does, as the preview shows it: its action, key, name and what it changes.</summary>
    private static RoadmapRow Outcome(long row, GoalState goal, bool createsGoal, bool movesGoal, ImportedIndicatorWrite? indicator,
        ImportRowAction indicatorAction, string? changed)
    {
        var parts = new List<string>();
        if (createsGoal)
            parts.Add("new goal");
        else if (movesGoal)
            parts.Add("parent goal");
        if (indicatorAction == ImportRowAction.Create)
            parts.Add("new indicator");
        else if (changed is not null)
            parts.Add(changed);
        var action = createsGoal || indicatorAction == ImportRowAction.Create ? ImportRowAction.Create
            : movesGoal || indicatorAction == ImportRowAction.Update ? ImportRowAction.Update
            : ImportRowAction.Unchanged;
        var key = indicator?.Input.Code ?? (goal.IsNew ? "–" : $"#{goal.Key}");
        var name = indicator is null ? goal.Title : $"{goal.Title}: {indicator.Input.Name}";
        return new RoadmapRow(row, action, key, name, parts.Count == 0 ? null : string.Join(", ", parts));
    }

    /// <summary>A goal named by its exact title (ignoring case) or, failing that, its id.</summary>
    private GoalState? FindGoal(string text, out bool ambiguous)
    {
        ambiguous = false;
        if (goalsByTitle.TryGetValue(text, out var byTitle))
        {
            ambiguous = byTitle is null;
            return byTitle is { } key ? goals[key] : null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 && goals.TryGetValue(id, out var byId))
            return byId;
        return null;
    }

    /// <summary>Whether <paramref name="candidate"/> lies below <paramref name="goal"/> in the tree as the file has made it so far.</summary>
    private bool IsBelow(int candidate, int goal)
    {
        int? current = candidate;
        for (var steps = 0; current is { } c && steps <= goals.Count; steps++)
        {
            if (c == goal)
                return true;
            current = goals.TryGetValue(c, out var state) ? state.ParentKey : null;
        }
        return false;
    }

    private static readonly RoadmapColumn[] IndicatorColumns =
        [RoadmapColumn.Code, RoadmapColumn.Indicator, RoadmapColumn.Description, RoadmapColumn.Unit, RoadmapColumn.Direction, RoadmapColumn.Frequency,
         RoadmapColumn.Source, RoadmapColumn.BaselineDate, RoadmapColumn.BaselineValue, RoadmapColumn.Shape];

    /// <summary>A row names an indicator when any indicator cell or target cell is filled; otherwise it is about its goal alone.</summary>
    private bool IsIndicatorRow(IReadOnlyList<object?> cells) =>
        IndicatorColumns.Any(c => header.Text(cells, c).Length > 0)
        || header.Targets.Any(t => t.Index < cells.Count && ImportValues.CellText(cells[t.Index]).Trim().Length > 0);

    private (ImportedIndicatorWrite? Change, ImportRowAction Action, string? Changed) CheckIndicator(long row, IReadOnlyList<object?> cells, int goalKey,
        List<ImportError> errors)
    {
        var before = errors.Count;
        void Fail(RoadmapColumn c, string? value, string code, string message) => errors.Add(new ImportError(row, header.NameOf(c), value, code, message));
        var code = header.Text(cells, RoadmapColumn.Code);
        var name = header.Text(cells, RoadmapColumn.Indicator);
        if (code.Length == 0 && name.Length == 0)
        {
            Fail(header.Has(RoadmapColumn.Indicator) ? RoadmapColumn.Indicator : RoadmapColumn.Code, null, "IndicatorRequired",
                "is empty; a row with indicator values or targets names the indicator by its code or name.");
            return (null, ImportRowAction.Unchanged, null);
        }
        ImportedIndicator? existing = null;
        if (code.Length > 0 && indicatorsByCode.TryGetValue(code, out var byCode))
            existing = indicators[byCode];
        else if (name.Length > 0 && indicatorsByName.TryGetValue((goalKey, name.ToLowerInvariant()), out var byName))
        {
            if (byName is null)
            {
                Fail(RoadmapColumn.Indicator, name, "AmbiguousIndicator", "is the name of more than one indicator of this goal; give the indicator's code.");
                return (null, ImportRowAction.Unchanged, null);
            }
            // A code no indicator has yet goes to the indicator of that name only when it has no code of its own.
            if (code.Length == 0 || indicators[byName.Value].Code is null)
                existing = indicators[byName.Value];
        }
        var seenKey = existing is not null ? $"#{existing.Id}" : code.Length > 0 ? $"code:{code}" : $"name:{goalKey}:{name.ToLowerInvariant()}";
        if (seenIndicators.TryGetValue(seenKey, out var earlier))
        {
            Fail(code.Length > 0 ? RoadmapColumn.Code : RoadmapColumn.Indicator, code.Length > 0 ? code : name, "DuplicateIndicator",
                $"names the same indicator as row {earlier}; give each indicator one row.");
            return (null, ImportRowAction.Unchanged, null);
        }

        bool Has(RoadmapColumn c) => header.Has(c);
        string? Optional(RoadmapColumn c, string? stored) => Has(c) ? header.Text(cells, c) is { Length: > 0 } t ? t : null : stored;
        var direction = Choice(cells, RoadmapColumn.Direction, DirectionWords, Fail) ?? existing?.Direction ?? Direction.HigherIsBetter;
        var frequency = Choice(cells, RoadmapColumn.Frequency, FrequencyWords, Fail) ?? existing?.Frequency ?? ReportingFrequency.Yearly;
        var shape = Choice(cells, RoadmapColumn.Shape, ShapeWords, Fail) ?? existing?.Shape ?? PathwayShape.Linear;
        var bad = errors.Count;
        var baselineDate = header.Date(cells, RoadmapColumn.BaselineDate, Fail) ?? existing?.BaselineDate;
        if (baselineDate is null && errors.Count == bad)
            Fail(RoadmapColumn.BaselineDate, null, "BaselineRequired", "is empty; a new indicator needs the date (or year) of its baseline.");
        bad = errors.Count;
        var baselineValue = Number(cells, RoadmapColumn.BaselineValue, Fail) ?? existing?.BaselineValue;
        if (baselineValue is null && errors.Count == bad)
            Fail(RoadmapColumn.BaselineValue, null, "BaselineRequired", "is empty; a new indicator needs its baseline value.");

        var targets = (existing?.Targets ?? []).ToDictionary(t => t.Date, t => t.Value);
        var targetColumns = new Dictionary<DateOnly, string>();
        foreach (var t in header.Targets)
        {
            targetColumns[t.Date] = t.Name;
            var cell = t.Index < cells.Count ? cells[t.Index] : null;
            var text = ImportValues.CellText(cell).Trim();
            if (text.Length == 0 || text == "..")
                targets.Remove(t.Date);
            else if (ImportValues.TryNumberFromCell(cell, out var value, out var error))
                targets[t.Date] = value;
            else
                errors.Add(new ImportError(row, t.Name, text, "InvalidNumber", error!));
        }
        if (errors.Count > before)
            return (null, ImportRowAction.Unchanged, null);
        var input = new IndicatorInput(
            goalKey > 0 ? goalKey : 0,
            name.Length > 0 ? name : existing?.Name,
            Optional(RoadmapColumn.Description, existing?.Description),
            header.Text(cells, RoadmapColumn.Unit) is { Length: > 0 } unit ? unit : existing?.Unit,
            direction,
            frequency,
            Optional(RoadmapColumn.Source, existing?.Source),
            baselineDate!.Value,
            baselineValue!.Value,
            [.. targets.OrderBy(t => t.Key).Select(t => new TargetInput(t.Key, t.Value))],
            shape,
            existing?.Weight ?? 1,
            ReportingActorId: existing?.ReportingActorId,
            Code: code.Length > 0 ? code : existing?.Code);
        try
        {
            MissionRules.Validate(input, baselineYear, horizonYear);
        }
        catch (DomainException e)
        {
            foreach (var f in e.Errors)
            {
                var (column, target) = ColumnOfField(f.Field, input);
                if (target is { } date && targetColumns.TryGetValue(date, out var targetHeader))
                    errors.Add(new ImportError(row, targetHeader, null, f.Code, f.Message));
                else
                    Fail(column ?? RoadmapColumn.Indicator, Value(cells, column), f.Code == "Required" ? "CellRequired" : f.Code, f.Field == "targets" || target is not null ? $"{f.Message} (targets)" : f.Message);
            }
            return (null, ImportRowAction.Unchanged, null);
        }
        seenIndicators[seenKey] = row;
        var change = new ImportedIndicatorWrite(row, existing?.Id, goalKey, input);
        if (existing is null)
            return (change, ImportRowAction.Create, null);
        var changes = Changes(existing, goalKey, input);
        return changes.Count == 0 ? (change, ImportRowAction.Unchanged, null) : (change, ImportRowAction.Update, string.Join(", ", changes));
    }

    private string? Value(IReadOnlyList<object?> cells, RoadmapColumn? column) =>
        column is { } c && header.Has(c) ? header.Text(cells, c) is { Length: > 0 } t ? Short(t) : null : null;

    /// <summary>The fields a row changes of a stored indicator, by their column names.</summary>
    public static IReadOnlyList<string> Changes(ImportedIndicator before, int goalKey, IndicatorInput after)
    {
        var fields = new List<string>();
        void If(bool changed, string name)
        {
            if (changed)
                fields.Add(name);
        }
        If(before.GoalId != goalKey, "goal");
        If(before.Code != after.Code, "code");
        If(before.Name != after.Name, "indicator");
        If(before.Description != after.Description, "description");
        If(before.Unit != after.Unit, "unit");
        If(before.Direction != after.Direction, "direction");
        If(before.Frequency != after.Frequency, "frequency");
        If(before.Source != after.Source, "source");
        If(before.BaselineDate != after.BaselineDate || !before.BaselineValue.Equals(after.BaselineValue), "baseline");
        If(before.Shape != after.Shape, "shape");
        If(!before.Targets.OrderBy(t => t.Date).SequenceEqual(after.Targets ?? []), "targets");
        return fields;
    }

    /// <summary>The column of a rule's field (<see cref="MissionRules.Validate(IndicatorInput, int, int)"/>) and, for a target, its date.</summary>
    private static (RoadmapColumn? Column, DateOnly? Target) ColumnOfField(string field, IndicatorInput input)
    {
        if (field.StartsWith("targets[", StringComparison.Ordinal))
        {
            var end = field.IndexOf(']', StringComparison.Ordinal);
            if (end > 8 && int.TryParse(field.AsSpan(8, end - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && input.Targets is { } t && i < t.Count)
                return (null, t[i].Date);
        }
        return (field switch
        {
            "name" => RoadmapColumn.Indicator,
            "code" => RoadmapColumn.Code,
            "description" => RoadmapColumn.Description,
            "unit" => RoadmapColumn.Unit,
            "source" => RoadmapColumn.Source,
            "direction" => RoadmapColumn.Direction,
            "frequency" => RoadmapColumn.Frequency,
            "shape" => RoadmapColumn.Shape,
            "baselineDate" => RoadmapColumn.BaselineDate,
            "baselineValue" => RoadmapColumn.BaselineValue,
            _ => RoadmapColumn.Indicator,
        }, null);
    }

    private TEnum? Choice<TEnum>(IReadOnlyList<object?> cells, RoadmapColumn column, IReadOnlyDictionary<string, TEnum> words, Action<RoadmapColumn, string?, string, string> fail)
        where TEnum : struct, Enum => header.Choice(cells, column, words, NameOf(column), fail);

    private double? Number(IReadOnlyList<object?> cells, RoadmapColumn column, Action<RoadmapColumn, string?, string, string> fail)
    {
        var cell = header.Cell(cells, column);
        var text = ImportValues.CellText(cell).Trim();
        if (text.Length == 0)
            return null;
        if (ImportValues.TryNumberFromCell(cell, out var value, out var error))
            return value;
        fail(column, text, "InvalidNumber", error!);
        return null;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
