using System.Text.Json;
using System.Text.Json.Serialization;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Core.Progress;

namespace Masten.Core.Reports;

/// <summary>
/// A yearly report (årlig avstämning): the mission frozen as of a date. The row holds a few queryable columns; the
/// content is <see cref="Document"/>, a <see cref="ReportSnapshot"/> as JSON of schema <see cref="SchemaVersion"/>.
/// Written once and never changed, so later corrections of the data do not change it.
/// </summary>
public class MissionReport
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The date the mission was assessed at.</summary>
    public DateOnly AsOf { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int SchemaVersion { get; set; }
    /// <summary>The frozen content: <see cref="ReportDocument.Serialize"/> of a <see cref="ReportSnapshot"/>.</summary>
    public string Document { get; set; } = "";
}

/// <summary>What a freeze asks for: the report's title, the date to assess at, and the office's own summary.</summary>
public sealed record ReportInput(string? Title, DateOnly AsOf, string? Summary);

/// <summary>
/// Everything a yearly report shows, as it stood on <see cref="AsOf"/>. Goals are listed depth first with their
/// depth in the tree; <see cref="Decisions"/> are the reviews' decisions after the previous report's date
/// (<see cref="DecisionsAfter"/>, exclusive; null: from the start) up to <see cref="AsOf"/>.
/// </summary>
public sealed record ReportSnapshot(
    int SchemaVersion,
    int MissionId,
    string MissionTitle,
    string Statement,
    int BaselineYear,
    int HorizonYear,
    string Title,
    string? Summary,
    DateOnly AsOf,
    DateTime CreatedAt,
    string CreatedBy,
    int? RoadmapVersion,
    ReportStatus Mission,
    IReadOnlyList<ReportGoal> Goals,
    IReadOnlyList<ReportIndicator> Indicators,
    IReadOnlyList<ReportRound> Rounds,
    ReportPortfolio Portfolio,
    DateOnly? DecisionsAfter,
    IReadOnlyList<ReportDecision> Decisions);

/// <summary>A roll-up's status and its fraction of the way (0–1; null without data).</summary>
public sealed record ReportStatus(ProgressStatus Status, double? Fraction, double? RequiredFraction);

public sealed record ReportGoal(int Id, int? ParentId, int Depth, string Title, ReportStatus Progress);

/// <summary>
/// One indicator on the report's date: its status, latest value, final target, the path's value that day, and the
/// forecast of the final target (the value the observed pace gives at the target's date, and the date it is reached).
/// <see cref="Explanation"/> is the status in words, by language (sv, en, da).
/// </summary>
public sealed record ReportIndicator(
    int Id,
    int GoalId,
    string Name,
    string Unit,
    Direction Direction,
    ProgressStatus Status,
    DatedValue? Latest,
    DatedValue Target,
    double RequiredAtAsOf,
    double? ForecastAtTarget,
    bool? ForecastMeetsTarget,
    ReachOutcome Reach,
    DateOnly? ReachDate,
    IReadOnlyDictionary<string, string> Explanation);

public sealed record ReportMoney(Currency Currency, double Amount);

/// <summary>One signing round: commitments by status, and what they pledge (all, and public bodies alone).</summary>
public sealed record ReportRound(int Id, string Name, DateOnly Date, int Commitments, IReadOnlyDictionary<CommitmentStatus, int> ByStatus,
    IReadOnlyList<ReportMoney> Money, double PersonYears, IReadOnlyList<ReportMoney> PublicMoney, double PublicPersonYears);

/// <summary>Initiatives and budget of one goal × lever cell.</summary>
public sealed record ReportCoverageCell(int GoalId, SystemLever Lever, int Initiatives, double Budget);

public sealed record ReportAlert(int InitiativeId, string Initiative, AlertKind Kind, int Days);

/// <summary>The portfolio on the report's date: its size, what it covers, what it leaves out, and its alerts.</summary>
public sealed record ReportPortfolio(int Initiatives, int ActiveInitiatives, double Budget, IReadOnlyList<ReportCoverageCell> Coverage,
    IReadOnlyList<int> GoalsWithoutInitiatives, IReadOnlyList<SystemLever> LeversWithoutInitiatives, IReadOnlyList<ReportAlert> Alerts)
{
    /// <summary>Goals of the mission with at least one initiative that is not ended.</summary>
    public int GoalsCovered(int goals) => goals - GoalsWithoutInitiatives.Count;

    /// <summary>
    /// The budget per currency, never added across currencies. Empty in reports frozen before it was kept: those show
    /// <see cref="Budget"/>, the amounts added up as they were.
    /// </summary>
    public IReadOnlyList<ReportMoney> BudgetByCurrency { get; init; } = [];
}

public sealed record ReportDecision(int ReviewId, DateOnly ReviewDate, int InitiativeId, string Initiative, DecisionKind Kind, string Rationale);

/// <summary>Reading and writing the frozen document. Enums are stored by name, so a reordered enum cannot change an old report.</summary>
public static class ReportDocument
{
    /// <summary>The schema this code writes. Raise it when the shape of <see cref="ReportSnapshot"/> changes, and keep reading the old ones.</summary>
    public const int CurrentSchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ReportSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static ReportSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<ReportSnapshot>(json, Options) ?? throw new JsonException("The report document is empty.");
}
