using System.Globalization;
using Masten.Core.Actors;
using Masten.Core.Portfolio;

namespace Masten.Core.Imports;

/// <summary>The columns of an initiative import.</summary>
public enum InitiativeColumn
{
    Id,
    Title,
    Description,
    Type,
    Lead,
    Partners,
    Goals,
    Levers,
    Budget,
    Currency,
    Stage,
    StartDate,
    EndDate,
}

/// <summary>An actor an initiative row may name by its organisation number, and whether it takes part in the mission.</summary>
public sealed record ImportActor(int Id, string OrganisationNumber, bool IsMember);

/// <summary>A goal of the mission an initiative row may name by its id or exact title.</summary>
public sealed record ImportGoal(int Id, string Title);

/// <summary>An initiative of the mission as it is stored: what an import row is compared with.</summary>
public sealed record ImportedInitiative(
    int Id,
    string Title,
    string? Description,
    InitiativeType Type,
    int LeadActorId,
    IReadOnlyList<int> PartnerActorIds,
    InitiativeStage Stage,
    double? Budget,
    Currency? Currency,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<SystemLever> Levers,
    IReadOnlyList<ContributionInput> Contributions,
    IReadOnlyList<FundingInput> Funding,
    int Version);

/// <summary>
/// One checked row of an initiative import. <see cref="ExistingId"/> is the initiative it updates (null: it creates
/// one). Values of columns the file lacks are null here and are kept from the stored initiative (see <see cref="InitiativeRows.Merge"/>).
/// </summary>
public sealed record InitiativeRow(
    long Row,
    int? ExistingId,
    string Title,
    string? Description,
    InitiativeType? Type,
    int LeadActorId,
    IReadOnlyList<int> PartnerActorIds,
    IReadOnlyList<int> GoalIds,
    IReadOnlyList<SystemLever> Levers,
    double? Budget,
    Currency? Currency,
    InitiativeStage? Stage,
    DateOnly? StartDate,
    DateOnly? EndDate);

/// <summary>
/// The initiative import: one row per initiative of a mission.
/// <para>
/// Columns (English, Swedish or Danish headers): <c>title</c> (titel) and <c>lead</c> (ansvarig, the lead actor's organisation
/// number) are required; optional are <c>id</c> (Masten's id of the initiative), <c>description</c> (beskrivning), <c>type</c> (typ),
/// <c>partners</c> (partner, organisation numbers), <c>goals</c> (mål, goal ids or exact titles), <c>levers</c> (hävstänger),
/// <c>budget</c>, <c>currency</c> (valuta: SEK or DKK), <c>stage</c> (fas), <c>start</c> and <c>end</c> (slut). Lists are separated by
/// semicolons or line breaks (organisation numbers and levers by commas too).
/// </para>
/// <para>
/// The key: a row with an id updates that initiative of the mission; a row without one updates the initiative with the same title
/// (ignoring case), or creates one. A column the file lacks keeps what is stored; an empty cell clears an optional value. A new
/// initiative without type or stage is an experiment at the idea stage, as the form starts. Actors must take part in the mission.
/// </para>
/// </summary>
public sealed class InitiativeRows
{
    public const string Help = "The first row must name the columns: title (or titel) and lead (ansvarig, an organisation number), and optionally id, description, type, partners, goals, levers, budget, currency, stage, start and end.";

    private static readonly Dictionary<string, InitiativeColumn> HeaderNames = new(StringComparer.Ordinal)
    {
        ["id"] = InitiativeColumn.Id,
        ["title"] = InitiativeColumn.Title, ["titel"] = InitiativeColumn.Title, ["insats"] = InitiativeColumn.Title, ["initiative"] = InitiativeColumn.Title, ["namn"] = InitiativeColumn.Title,
        ["description"] = InitiativeColumn.Description, ["beskrivning"] = InitiativeColumn.Description, ["beskrivelse"] = InitiativeColumn.Description,
        ["type"] = InitiativeColumn.Type, ["typ"] = InitiativeColumn.Type,
        ["lead"] = InitiativeColumn.Lead, ["ansvarig"] = InitiativeColumn.Lead, ["huvudman"] = InitiativeColumn.Lead, ["ansvarlig"] = InitiativeColumn.Lead, ["lead org number"] = InitiativeColumn.Lead,
        ["partners"] = InitiativeColumn.Partners, ["partner"] = InitiativeColumn.Partners, ["parter"] = InitiativeColumn.Partners, ["samarbetspartner"] = InitiativeColumn.Partners,
        ["goals"] = InitiativeColumn.Goals, ["goal"] = InitiativeColumn.Goals, ["mål"] = InitiativeColumn.Goals, ["delmål"] = InitiativeColumn.Goals,
        ["levers"] = InitiativeColumn.Levers, ["lever"] = InitiativeColumn.Levers, ["hävstänger"] = InitiativeColumn.Levers, ["hävstång"] = InitiativeColumn.Levers,
        ["systemhävstänger"] = InitiativeColumn.Levers, ["løftestænger"] = InitiativeColumn.Levers,
        ["budget"] = InitiativeColumn.Budget,
        ["currency"] = InitiativeColumn.Currency, ["valuta"] = InitiativeColumn.Currency,
        ["stage"] = InitiativeColumn.Stage, ["fas"] = InitiativeColumn.Stage, ["stadium"] = InitiativeColumn.Stage, ["fase"] = InitiativeColumn.Stage,
        ["start"] = InitiativeColumn.StartDate, ["start date"] = InitiativeColumn.StartDate, ["startdatum"] = InitiativeColumn.StartDate, ["startdato"] = InitiativeColumn.StartDate,
        ["end"] = InitiativeColumn.EndDate, ["end date"] = InitiativeColumn.EndDate, ["slut"] = InitiativeColumn.EndDate, ["slutdatum"] = InitiativeColumn.EndDate, ["slutdato"] = InitiativeColumn.EndDate,
    };

    /// <summary>The Swedish and Danish words the pages show for each choice, accepted besides the English names.</summary>
    private static readonly Dictionary<string, InitiativeStage> StageWords = new(StringComparer.Ordinal)
    {
        ["idé"] = InitiativeStage.Idea, ["ide"] = InitiativeStage.Idea, ["utforskar"] = InitiativeStage.Exploring, ["udforsker"] = InitiativeStage.Exploring,
        ["testar"] = InitiativeStage.Testing, ["tester"] = InitiativeStage.Testing, ["skalar upp"] = InitiativeStage.Scaling, ["skalerer op"] = InitiativeStage.Scaling,
        ["avslutad"] = InitiativeStage.Ended, ["afsluttet"] = InitiativeStage.Ended,
    };

    private static readonly Dictionary<string, InitiativeType> TypeWords = new(StringComparer.Ordinal)
    {
        ["eksperiment"] = InitiativeType.Experiment, ["labb"] = InitiativeType.Lab, ["laboratorium"] = InitiativeType.Lab, ["forskning"] = InitiativeType.Research,
        ["investering"] = InitiativeType.Investment, ["ändrade regler"] = InitiativeType.PolicyChange, ["ændret politik"] = InitiativeType.PolicyChange,
        ["kompetensutveckling"] = InitiativeType.CapacityBuilding, ["kompetenceudvikling"] = InitiativeType.CapacityBuilding,
    };

    private static readonly Dictionary<string, SystemLever> LeverWords = new(StringComparer.Ordinal)
    {
        ["teknik"] = SystemLever.Technology, ["teknologi"] = SystemLever.Technology,
        ["politik och regler"] = SystemLever.PolicyAndRegulation, ["politik og regulering"] = SystemLever.PolicyAndRegulation,
        ["finansiering"] = SystemLever.Financing, ["affärsmodeller"] = SystemLever.BusinessModels, ["forretningsmodeller"] = SystemLever.BusinessModels,
        ["beteende och kultur"] = SystemLever.BehaviourAndCulture, ["adfærd og kultur"] = SystemLever.BehaviourAndCulture,
        ["infrastruktur"] = SystemLever.Infrastructure, ["kunskap och kompetens"] = SystemLever.KnowledgeAndSkills, ["viden og kompetencer"] = SystemLever.KnowledgeAndSkills,
        ["organisation och styrning"] = SystemLever.OrganisationAndGovernance, ["organisation og styring"] = SystemLever.OrganisationAndGovernance,
    };

    private static readonly Dictionary<string, Currency> CurrencyWords = new(StringComparer.Ordinal) { ["kr"] = Currency.SEK, ["kronor"] = Currency.SEK, ["kroner"] = Currency.DKK };

    private readonly ColumnMap<InitiativeColumn> header;
    private readonly Dictionary<string, ImportActor> actors;
    private readonly GoalNames goals;
    private readonly HashSet<int> initiativeIds;
    private readonly Dictionary<string, int?> initiativesByTitle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> seenTitles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, long> seenIds = [];

    /// <param name="header">The file's mapped header row (<see cref="MapHeader"/>).</param>
    /// <param name="actors">Every actor with an organisation number (normalised as stored).</param>
    /// <param name="goals">The mission's goals.</param>
    /// <param name="initiatives">The mission's initiatives, by id and title.</param>
    public InitiativeRows(ColumnMap<InitiativeColumn> header, IEnumerable<ImportActor> actors, IEnumerable<ImportGoal> goals, IEnumerable<(int Id, string Title)> initiatives)
    {
        this.header = header;
        this.actors = actors.ToDictionary(a => a.OrganisationNumber, StringComparer.OrdinalIgnoreCase);
        this.goals = new GoalNames(goals);
        initiativeIds = [];
        foreach (var (id, title) in initiatives)
        {
            initiativeIds.Add(id);
            initiativesByTitle[title.Trim()] = initiativesByTitle.ContainsKey(title.Trim()) ? null : id;
        }
    }

    public ColumnMap<InitiativeColumn> Header => header;

    public static ColumnMap<InitiativeColumn> MapHeader(IReadOnlyList<string> headers) =>
        ColumnMap.Map(headers, HeaderNames, [InitiativeColumn.Title, InitiativeColumn.Lead], Help, "MissingInitiativeColumns");

    /// <summary>Checks one data row; adds every problem to <paramref name="errors"/> and returns null if there was any.</summary>
    public InitiativeRow? Check(long row, IReadOnlyList<object?> cells, List<ImportError> errors)
    {
        var before = errors.Count;
        if (!header.FitsWidth(cells))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {header.Names.Count}."));
            return null;
        }
        void Fail(InitiativeColumn c, string? value, string code, string message) => errors.Add(new ImportError(row, header.NameOf(c), value, code, message));

        var existing = Key(row, cells, Fail);
        var title = header.Text(cells, InitiativeColumn.Title);
        if (title.Length == 0)
            Fail(InitiativeColumn.Title, title, "TitleRequired", "is empty; every initiative needs a title.");
        else if (title.Length > Common.Rules.ShortText)
            Fail(InitiativeColumn.Title, Short(title), "TooLong", $"is longer than {Common.Rules.ShortText} characters.");
        var description = header.Text(cells, InitiativeColumn.Description);
        if (description.Length > Common.Rules.LongText)
            Fail(InitiativeColumn.Description, Short(description), "TooLong", $"is longer than {Common.Rules.LongText} characters.");

        var type = Choice(cells, InitiativeColumn.Type, TypeWords, Fail);
        var stage = Choice(cells, InitiativeColumn.Stage, StageWords, Fail);
        var lead = header.Text(cells, InitiativeColumn.Lead);
        var leadId = 0;
        if (lead.Length == 0)
            Fail(InitiativeColumn.Lead, lead, "LeadRequired", "is empty; name the lead actor by its organisation number.");
        else if (Actor(lead, InitiativeColumn.Lead, Fail) is { } leadActor)
            leadId = leadActor;
        var partners = new List<int>();
        foreach (var number in ImportChoices.Items(header.Text(cells, InitiativeColumn.Partners), commas: true))
        {
            if (Actor(number, InitiativeColumn.Partners, Fail) is not { } partner)
                continue;
            if (partner == leadId || partners.Contains(partner))
                Fail(InitiativeColumn.Partners, number, "DuplicatePartner", "names an actor twice, or the lead; each partner once, the lead not among them.");
            else
                partners.Add(partner);
        }
        var goals = Goals(cells, Fail);
        var levers = new List<SystemLever>();
        foreach (var item in ImportChoices.Items(header.Text(cells, InitiativeColumn.Levers), commas: true))
        {
            if (ImportChoices.TryParse(item, LeverWords, out SystemLever lever))
            {
                if (!levers.Contains(lever))
                    levers.Add(lever);
            }
            else
            {
                Fail(InitiativeColumn.Levers, item, "UnknownLever", $"is not a system lever; write one of {ImportChoices.Names<SystemLever>()}.");
            }
        }
        var (budget, currency) = Money(cells, Fail);
        var start = header.Date(cells, InitiativeColumn.StartDate, Fail);
        var end = header.Date(cells, InitiativeColumn.EndDate, Fail);
        if (start is { } s && end is { } e && e < s)
            Fail(InitiativeColumn.EndDate, header.Text(cells, InitiativeColumn.EndDate), "EndBeforeStart", $"is before the start date ({s:yyyy-MM-dd}).");
        if (errors.Count > before)
            return null;
        return new InitiativeRow(row, existing, title, description.Length == 0 ? null : description, type, leadId, partners, goals, levers, budget, currency, stage, start, end);
    }

    /// <summary>
    /// What applying a row does to <paramref name="existing"/> (null: it creates an initiative) and the input to save. A new
    /// goal becomes a contribution (improves, medium size, medium confidence); a goal kept keeps its contribution as it is; a
    /// goal left out loses it. Funding is kept. The row is unchanged when the input equals what is stored.
    /// </summary>
    public static (ImportRowAction Action, InitiativeInput Input) Merge(int missionId, InitiativeRow row, ColumnMap<InitiativeColumn> header, ImportedInitiative? existing)
    {
        bool Has(InitiativeColumn c) => header.Has(c);
        var contributions = existing?.Contributions ?? [];
        if (Has(InitiativeColumn.Goals))
        {
            contributions = [
                .. contributions.Where(c => row.GoalIds.Contains(c.GoalId)),
                .. row.GoalIds.Where(g => !contributions.Any(c => c.GoalId == g))
                    .Select(g => new ContributionInput(g, null, ContributionDirection.Improves, null, Level.Medium, Level.Medium)),
            ];
        }
        var input = new InitiativeInput(
            missionId,
            row.Title,
            Has(InitiativeColumn.Description) ? row.Description : existing?.Description,
            row.Type ?? existing?.Type ?? InitiativeType.Experiment,
            row.LeadActorId,
            Has(InitiativeColumn.Partners) ? [.. row.PartnerActorIds.Order()] : existing?.PartnerActorIds ?? [],
            row.Stage ?? existing?.Stage ?? InitiativeStage.Idea,
            Has(InitiativeColumn.Budget) ? row.Budget : existing?.Budget,
            Has(InitiativeColumn.Currency) ? row.Currency : existing?.Currency,
            Has(InitiativeColumn.StartDate) ? row.StartDate : existing?.StartDate,
            Has(InitiativeColumn.EndDate) ? row.EndDate : existing?.EndDate,
            Has(InitiativeColumn.Levers) ? [.. row.Levers.Order()] : existing?.Levers ?? [],
            contributions,
            existing?.Funding ?? [],
            existing?.Version);
        if (existing is null)
            return (ImportRowAction.Create, input);
        var same = input.Title == existing.Title && input.Description == existing.Description && input.Type == existing.Type
            && input.LeadActorId == existing.LeadActorId && input.PartnerActorIds!.SequenceEqual(existing.PartnerActorIds.Order())
            && input.Stage == existing.Stage && input.Budget == existing.Budget && input.Currency == existing.Currency
            && input.StartDate == existing.StartDate && input.EndDate == existing.EndDate
            && input.Levers!.SequenceEqual(existing.Levers.Order())
            && input.Contributions!.Select(c => c.GoalId).Order().SequenceEqual(existing.Contributions.Select(c => c.GoalId).Order());
        return (same ? ImportRowAction.Unchanged : ImportRowAction.Update, input);
    }

    /// <summary>The column of a field <see cref="PortfolioRules"/> names in an error, so that a rule broken by a merged row is named by its row and column.</summary>
    public static InitiativeColumn ColumnOfField(string field) => field switch
    {
        "title" => InitiativeColumn.Title,
        "description" => InitiativeColumn.Description,
        "type" => InitiativeColumn.Type,
        "stage" => InitiativeColumn.Stage,
        "leadActorId" => InitiativeColumn.Lead,
        "partnerActorIds" => InitiativeColumn.Partners,
        "budget" => InitiativeColumn.Budget,
        "currency" => InitiativeColumn.Currency,
        "startDate" => InitiativeColumn.StartDate,
        "endDate" => InitiativeColumn.EndDate,
        "levers" => InitiativeColumn.Levers,
        _ => InitiativeColumn.Goals,
    };

    /// <summary>The initiative a row updates: by its id, else by its title; the same initiative twice in a file is an error.</summary>
    private int? Key(long row, IReadOnlyList<object?> cells, Action<InitiativeColumn, string?, string, string> fail)
    {
        var idText = header.Text(cells, InitiativeColumn.Id);
        var title = header.Text(cells, InitiativeColumn.Title);
        int? id = null;
        if (idText.Length > 0)
        {
            if (int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && initiativeIds.Contains(parsed))
                id = parsed;
            else
            {
                fail(InitiativeColumn.Id, idText, "UnknownInitiative", "is no id of an initiative of this mission; leave it empty to create one.");
                return null;
            }
        }
        else if (title.Length > 0 && initiativesByTitle.TryGetValue(title, out var byTitle))
        {
            if (byTitle is null)
            {
                fail(InitiativeColumn.Title, title, "AmbiguousInitiative", "is the title of more than one initiative of this mission; give the id.");
                return null;
            }
            id = byTitle;
        }
        if (id is { } known && !seenIds.TryAdd(known, row))
            fail(InitiativeColumn.Id, idText.Length > 0 ? idText : title, "DuplicateInitiative", $"names the same initiative as row {seenIds[known]}.");
        else if (id is null && title.Length > 0 && !seenTitles.TryAdd(title, row))
            fail(InitiativeColumn.Title, title, "DuplicateInitiative", $"repeats the title of row {seenTitles[title]}; each initiative once in a file.");
        return id;
    }

    /// <summary>The actor an organisation number names, if it takes part in the mission.</summary>
    private int? Actor(string text, InitiativeColumn column, Action<InitiativeColumn, string?, string, string> fail)
    {
        var key = NormaliseNumber(text);
        if (!actors.TryGetValue(key, out var actor))
        {
            fail(column, text, "UnknownOrganisationNumber", "is the organisation number of no actor in Masten; add the actor first (or import actors).");
            return null;
        }
        if (!actor.IsMember)
        {
            fail(column, text, "NotAMember", "is an actor that does not take part in this mission; add its membership first.");
            return null;
        }
        return actor.Id;
    }

    /// <summary>A Swedish number as stored (<c>NNNNNN-NNNN</c>, with or without the hyphen in the file), a Danish one as its 8 digits, anything else trimmed.</summary>
    public static string NormaliseNumber(string text)
    {
        var compact = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        var digits = compact.Replace("-", "", StringComparison.Ordinal);
        if (digits.Length == 10 && digits.All(char.IsAsciiDigit))
            return $"{digits[..6]}-{digits[6..]}";
        if (digits.Length == 8 && digits.All(char.IsAsciiDigit) && compact.Length == 8)
            return digits;
        return text.Trim();
    }

    private List<int> Goals(IReadOnlyList<object?> cells, Action<InitiativeColumn, string?, string, string> fail) =>
        goals.Read(header.Text(cells, InitiativeColumn.Goals), (value, code, message) => fail(InitiativeColumn.Goals, value.Length == 0 ? null : value, code, message));

    private TEnum? Choice<TEnum>(IReadOnlyList<object?> cells, InitiativeColumn column, IReadOnlyDictionary<string, TEnum> words, Action<InitiativeColumn, string?, string, string> fail)
        where TEnum : struct, Enum => header.Choice(cells, column, words, column.ToString().ToLowerInvariant(), fail);

    private (double? Budget, Currency? Currency) Money(IReadOnlyList<object?> cells, Action<InitiativeColumn, string?, string, string> fail)
    {
        double? budget = null;
        var cell = header.Cell(cells, InitiativeColumn.Budget);
        var text = ImportValues.CellText(cell).Trim();
        if (text.Length > 0)
        {
            if (!ImportValues.TryNumberFromCell(cell, out var amount, out var error))
                fail(InitiativeColumn.Budget, text, "InvalidNumber", error!);
            else if (amount < 0)
                fail(InitiativeColumn.Budget, text, "Negative", "is below zero; a budget is zero or more.");
            else
                budget = amount;
        }
        var currencyText = header.Text(cells, InitiativeColumn.Currency);
        Currency? currency = null;
        if (currencyText.Length > 0)
        {
            if (ImportChoices.TryParse(currencyText, CurrencyWords, out Currency c))
                currency = c;
            else
                fail(InitiativeColumn.Currency, currencyText, "UnknownValue", $"is not a currency Masten keeps; write {ImportChoices.Names<Currency>().ToUpperInvariant()}.");
        }
        else if (budget is not null)
            fail(InitiativeColumn.Currency, currencyText, "CurrencyRequired", "is empty; a budget needs its currency (SEK or DKK).");
        return (budget, currency);
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
