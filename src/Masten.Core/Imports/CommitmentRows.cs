using System.Globalization;
using Masten.Core.Actors;

namespace Masten.Core.Imports;

/// <summary>The columns of a commitment import.</summary>
public enum CommitmentColumn
{
    Id,
    OrganisationNumber,
    Round,
    Text,
    Tier,
    Goals,
    PledgedMoney,
    Currency,
    PersonYears,
    DueDate,
    Status,
    EvidenceNotes,
    Roles,
    Signatory,
    SignedOn,
}

/// <summary>A signing round of the mission a commitment row may name; <see cref="IsLatest"/>: the round a row without one goes into.</summary>
public sealed record ImportRound(int Id, string Name, bool IsLatest);

/// <summary>A commitment of the mission as it is stored: what an import row is compared with.</summary>
public sealed record ImportedCommitment(
    int Id,
    int ActorId,
    int RoundId,
    string Text,
    string Tier,
    IReadOnlyList<int> GoalIds,
    double? PledgedMoney,
    Currency? Currency,
    double? PersonYears,
    DateOnly? DueDate,
    CommitmentStatus Status,
    string? EvidenceNotes,
    string? EvidenceLinks,
    string? Signatory,
    DateOnly? SignedOn,
    int Version);

/// <summary>
/// One checked row of a commitment import. <see cref="ExistingId"/> is the commitment it updates (null: it creates one);
/// <see cref="NewMembership"/> holds the roles of the membership the row creates when its actor does not take part in the
/// mission yet (null: the actor takes part already, or an earlier row of the file makes it a member). Values of columns the
/// file lacks are null here and are kept from the stored commitment (see <see cref="CommitmentRows.Merge"/>).
/// </summary>
public sealed record CommitmentRow(
    long Row,
    int? ExistingId,
    int ActorId,
    string OrganisationNumber,
    int RoundId,
    string RoundName,
    string Text,
    string? Tier,
    IReadOnlyList<int> GoalIds,
    double? PledgedMoney,
    Currency? Currency,
    double? PersonYears,
    DateOnly? DueDate,
    CommitmentStatus? Status,
    string? EvidenceNotes,
    IReadOnlyList<MissionRole>? NewMembership);

/// <summary>
/// The import of memberships and commitments for a signing round: one row per commitment of an actor in a round.
/// <para>
/// Columns (English, Swedish or Danish headers): <c>organisation number</c> (organisationsnummer, the actor's) and <c>commitment</c>
/// (åtagande, its text) are required; optional are <c>id</c> (Masten's id of the commitment), <c>round</c> (omgång, the round's name;
/// empty or missing: the mission's latest round), <c>tier</c> (nivå, one of the mission's tiers; required for a new commitment),
/// <c>goals</c> (mål, goal ids or exact titles), <c>money</c> (belopp) with <c>currency</c> (valuta), <c>person-years</c> (personår),
/// <c>due</c> (klart senast), <c>status</c>, <c>evidence</c> (underlag) and <c>roles</c> (roller: the roles of the membership created
/// when the actor does not take part in the mission yet, Partner when empty).
/// </para>
/// <para>
/// The key: a row with an id updates that commitment; a row without one updates the commitment of the same actor in the same round
/// with the same text (ignoring case), or creates one. A new commitment is proposed (the draft status) unless the row says otherwise.
/// A commitment is never signed by an import: a status of signed on a new commitment, and any signatory or date signed, are refused;
/// a representative signs with Skriv under, or the programme office enters a signature given on paper. A column the file lacks keeps
/// what is stored, so importing a file again changes nothing.
/// </para>
/// </summary>
public sealed class CommitmentRows
{
    public const string Help = "The first row must name the columns: organisation number (organisationsnummer) and commitment (åtagande), and optionally id, round (omgång), tier (nivå), goals (mål), money (belopp), currency (valuta), person-years (personår), due (klart senast), status, evidence (underlag) and roles (roller).";

    /// <summary>The template's header row and example row (<see cref="ImportCatalog.Template"/>).</summary>
    public static ImportTemplate Template { get; } = new(
        ["organisationsnummer", "omgång", "åtagande", "nivå", "mål", "belopp", "valuta", "personår", "klart senast", "status", "roller"],
        ["556036-0793", "2026", "Halverar utsläppen från fordonsflottan.", "leading", "Rent vatten", "250 000", "SEK", "1,5", "2027-12-31", "föreslaget", "partner"]);

    private static readonly Dictionary<string, CommitmentColumn> HeaderNames = new(StringComparer.Ordinal)
    {
        ["id"] = CommitmentColumn.Id,
        ["organisation number"] = CommitmentColumn.OrganisationNumber, ["organisationnumber"] = CommitmentColumn.OrganisationNumber, ["org number"] = CommitmentColumn.OrganisationNumber,
        ["organisationsnummer"] = CommitmentColumn.OrganisationNumber, ["orgnr"] = CommitmentColumn.OrganisationNumber, ["org.nr"] = CommitmentColumn.OrganisationNumber,
        ["aktör"] = CommitmentColumn.OrganisationNumber, ["actor"] = CommitmentColumn.OrganisationNumber, ["cvr"] = CommitmentColumn.OrganisationNumber, ["cvr-nummer"] = CommitmentColumn.OrganisationNumber,
        ["round"] = CommitmentColumn.Round, ["signing round"] = CommitmentColumn.Round, ["omgång"] = CommitmentColumn.Round, ["underskriftsomgång"] = CommitmentColumn.Round, ["runde"] = CommitmentColumn.Round,
        ["commitment"] = CommitmentColumn.Text, ["text"] = CommitmentColumn.Text, ["åtagande"] = CommitmentColumn.Text, ["tilsagn"] = CommitmentColumn.Text, ["title"] = CommitmentColumn.Text, ["titel"] = CommitmentColumn.Text,
        ["tier"] = CommitmentColumn.Tier, ["nivå"] = CommitmentColumn.Tier, ["niveau"] = CommitmentColumn.Tier,
        ["goals"] = CommitmentColumn.Goals, ["goal"] = CommitmentColumn.Goals, ["mål"] = CommitmentColumn.Goals,
        ["money"] = CommitmentColumn.PledgedMoney, ["pledged money"] = CommitmentColumn.PledgedMoney, ["belopp"] = CommitmentColumn.PledgedMoney, ["beløb"] = CommitmentColumn.PledgedMoney, ["pengar"] = CommitmentColumn.PledgedMoney,
        ["currency"] = CommitmentColumn.Currency, ["valuta"] = CommitmentColumn.Currency,
        ["person-years"] = CommitmentColumn.PersonYears, ["person years"] = CommitmentColumn.PersonYears, ["personår"] = CommitmentColumn.PersonYears, ["årsverk"] = CommitmentColumn.PersonYears, ["årsværk"] = CommitmentColumn.PersonYears,
        ["due"] = CommitmentColumn.DueDate, ["due date"] = CommitmentColumn.DueDate, ["klart senast"] = CommitmentColumn.DueDate, ["slutdatum"] = CommitmentColumn.DueDate, ["frist"] = CommitmentColumn.DueDate,
        ["status"] = CommitmentColumn.Status,
        ["evidence"] = CommitmentColumn.EvidenceNotes, ["underlag"] = CommitmentColumn.EvidenceNotes, ["dokumentation"] = CommitmentColumn.EvidenceNotes,
        ["roles"] = CommitmentColumn.Roles, ["role"] = CommitmentColumn.Roles, ["roller"] = CommitmentColumn.Roles, ["roll"] = CommitmentColumn.Roles,
        ["signatory"] = CommitmentColumn.Signatory, ["undertecknare"] = CommitmentColumn.Signatory, ["undertecknad av"] = CommitmentColumn.Signatory, ["underskriver"] = CommitmentColumn.Signatory,
        ["signed on"] = CommitmentColumn.SignedOn, ["signed"] = CommitmentColumn.SignedOn, ["undertecknad"] = CommitmentColumn.SignedOn, ["underskrivet"] = CommitmentColumn.SignedOn, ["underskrevet"] = CommitmentColumn.SignedOn,
    };

    /// <summary>The Swedish and Danish words the pages show for each status, accepted besides the English names.</summary>
    private static readonly Dictionary<string, CommitmentStatus> StatusWords = new(StringComparer.Ordinal)
    {
        ["föreslaget"] = CommitmentStatus.Proposed, ["förslag"] = CommitmentStatus.Proposed, ["utkast"] = CommitmentStatus.Proposed, ["draft"] = CommitmentStatus.Proposed, ["foreslået"] = CommitmentStatus.Proposed,
        ["undertecknat"] = CommitmentStatus.Signed, ["underskrevet"] = CommitmentStatus.Signed,
        ["pågår"] = CommitmentStatus.InProgress, ["i gang"] = CommitmentStatus.InProgress,
        ["uppfyllt"] = CommitmentStatus.Fulfilled, ["opfyldt"] = CommitmentStatus.Fulfilled,
        ["återtaget"] = CommitmentStatus.Withdrawn, ["trukket tilbage"] = CommitmentStatus.Withdrawn,
    };

    private static readonly Dictionary<string, MissionRole> RoleWords = new(StringComparer.Ordinal)
    {
        ["programkontor"] = MissionRole.ProgrammeOffice, ["behovsägare"] = MissionRole.NeedOwner, ["behovsejer"] = MissionRole.NeedOwner,
        ["finansiär"] = MissionRole.Funder, ["finansierende part"] = MissionRole.Funder, ["navigatör"] = MissionRole.Navigator, ["navigatør"] = MissionRole.Navigator,
    };

    private readonly Dictionary<string, ImportActor> actors;
    private readonly Dictionary<string, ImportRound?> roundsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ImportRound? latestRound;
    private readonly GoalNames goals;
    private readonly Dictionary<int, ImportedCommitment> byId;
    private readonly Dictionary<(int Actor, int Round, string Text), int?> byKey = [];
    private readonly Dictionary<(int Actor, int Round, string Text), long> seenKeys = [];
    private readonly Dictionary<int, long> seenIds = [];
    private readonly HashSet<int> becomingMembers = [];

    /// <param name="header">The file's mapped header row (<see cref="MapHeader"/>).</param>
    /// <param name="actors">Every actor with an organisation number (normalised as stored), and whether it takes part in the mission.</param>
    /// <param name="rounds">The mission's signing rounds.</param>
    /// <param name="goals">The mission's goals.</param>
    /// <param name="commitments">The mission's commitments.</param>
    public CommitmentRows(ColumnMap<CommitmentColumn> header, IEnumerable<ImportActor> actors, IEnumerable<ImportRound> rounds, IEnumerable<ImportGoal> goals,
        IEnumerable<ImportedCommitment> commitments)
    {
        Header = header;
        this.actors = actors.ToDictionary(a => a.OrganisationNumber, StringComparer.OrdinalIgnoreCase);
        foreach (var round in rounds)
        {
            roundsByName[round.Name.Trim()] = roundsByName.ContainsKey(round.Name.Trim()) ? null : round;
            if (round.IsLatest)
                latestRound = round;
        }
        this.goals = new GoalNames(goals);
        byId = commitments.ToDictionary(c => c.Id);
        foreach (var c in byId.Values)
        {
            var key = (c.ActorId, c.RoundId, KeyText(c.Text));
            byKey[key] = byKey.ContainsKey(key) ? null : c.Id;
        }
    }

    public ColumnMap<CommitmentColumn> Header { get; }

    public static ColumnMap<CommitmentColumn> MapHeader(IReadOnlyList<string> headers) =>
        ColumnMap.Map(headers, HeaderNames, [CommitmentColumn.OrganisationNumber, CommitmentColumn.Text], Help, "MissingCommitmentColumns");

    /// <summary>The stored commitment of an id the rows were given.</summary>
    public ImportedCommitment Stored(int id) => byId[id];

    /// <summary>Checks one data row; adds every problem to <paramref name="errors"/> and returns null if there was any.</summary>
    public CommitmentRow? Check(long row, IReadOnlyList<object?> cells, List<ImportError> errors)
    {
        var before = errors.Count;
        if (!Header.FitsWidth(cells))
        {
            errors.Add(new ImportError(row, null, null, "RaggedRow", $"has {cells.Count} cells; the header row has {Header.Names.Count}."));
            return null;
        }
        void Fail(CommitmentColumn c, string? value, string code, string message) => errors.Add(new ImportError(row, Header.NameOf(c), value, code, message));

        var number = Header.Text(cells, CommitmentColumn.OrganisationNumber);
        ImportActor? actor = null;
        if (number.Length == 0)
            Fail(CommitmentColumn.OrganisationNumber, number, "OrganisationNumberRequired", "is empty; name the actor by its organisation number.");
        else if (!actors.TryGetValue(InitiativeRows.NormaliseNumber(number), out actor))
            Fail(CommitmentColumn.OrganisationNumber, number, "UnknownOrganisationNumber", "is the organisation number of no actor in Masten; add the actor first (or import actors).");
        var round = Round(cells, Fail);
        var text = Header.Text(cells, CommitmentColumn.Text);
        if (text.Length == 0)
            Fail(CommitmentColumn.Text, text, "CommitmentTextRequired", "is empty; say what the actor commits to.");
        else if (text.Length > Common.Rules.LongText)
            Fail(CommitmentColumn.Text, text[..40] + "…", "TooLong", $"is longer than {Common.Rules.LongText} characters.");
        var tier = Header.Text(cells, CommitmentColumn.Tier);
        var goalIds = goals.Read(Header.Text(cells, CommitmentColumn.Goals), (value, code, message) => Fail(CommitmentColumn.Goals, value, code, message));
        var money = Number(cells, CommitmentColumn.PledgedMoney, Fail);
        var currency = CurrencyOf(cells, Fail);
        var personYears = Number(cells, CommitmentColumn.PersonYears, Fail);
        var due = Header.Date(cells, CommitmentColumn.DueDate, Fail);
        CommitmentStatus? status = null;
        var statusText = Header.Text(cells, CommitmentColumn.Status);
        if (statusText.Length > 0)
        {
            if (ImportChoices.TryParse(statusText, StatusWords, out CommitmentStatus s))
                status = s;
            else
                Fail(CommitmentColumn.Status, statusText, "UnknownValue", $"is not a known status; write one of {ImportChoices.Names<CommitmentStatus>()}.");
        }
        var evidence = Header.Text(cells, CommitmentColumn.EvidenceNotes);
        var roles = Roles(cells, Fail);
        foreach (var column in (CommitmentColumn[])[CommitmentColumn.Signatory, CommitmentColumn.SignedOn])
        {
            if (Header.Text(cells, column) is { Length: > 0 } signature)
                Fail(column, signature, "NoSignatureOnImport", "cannot be imported: a representative signs with Skriv under, or the programme office enters a signature given on paper.");
        }
        if (errors.Count > before || actor is null || round is null)
            return null;

        var existing = Key(row, cells, actor.Id, round.Id, text, Fail);
        if (errors.Count == before && existing is null && tier.Length == 0)
            Fail(CommitmentColumn.Tier, tier, "TierRequired", "is empty; a new commitment needs one of the mission's tiers.");
        if (errors.Count > before)
            return null;
        IReadOnlyList<MissionRole>? newMembership = null;
        if (!actor.IsMember && becomingMembers.Add(actor.Id))
            newMembership = roles.Count > 0 ? roles : [MissionRole.Partner];
        return new CommitmentRow(row, existing, actor.Id, actor.OrganisationNumber, round.Id, round.Name, text, tier.Length == 0 ? null : tier, goalIds,
            money, currency, personYears, due, status, evidence.Length == 0 ? null : evidence, newMembership);
    }

    /// <summary>
    /// What applying a row does to <paramref name="existing"/> (null: it creates a commitment) and the input to save. A new
    /// commitment is proposed unless the row gives a status; an existing one keeps its signature (who signed and when) as it is,
    /// and its evidence links. A row that only makes its actor a member is an update. The row is unchanged when the input equals what is stored.
    /// </summary>
    public static (ImportRowAction Action, CommitmentInput Input) Merge(int missionId, CommitmentRow row, ColumnMap<CommitmentColumn> header, ImportedCommitment? existing)
    {
        bool Has(CommitmentColumn c) => header.Has(c);
        var input = new CommitmentInput(
            row.ActorId,
            missionId,
            row.RoundId,
            row.Text,
            row.Tier ?? existing?.Tier,
            Has(CommitmentColumn.Goals) ? [.. row.GoalIds.Order()] : existing?.GoalIds ?? [],
            Has(CommitmentColumn.PledgedMoney) ? row.PledgedMoney : existing?.PledgedMoney,
            Has(CommitmentColumn.Currency) ? row.Currency : existing?.Currency,
            Has(CommitmentColumn.PersonYears) ? row.PersonYears : existing?.PersonYears,
            Has(CommitmentColumn.DueDate) ? row.DueDate : existing?.DueDate,
            row.Status ?? existing?.Status ?? CommitmentStatus.Proposed,
            Has(CommitmentColumn.EvidenceNotes) ? row.EvidenceNotes : existing?.EvidenceNotes,
            existing?.EvidenceLinks,
            existing?.Signatory,
            existing?.SignedOn,
            existing?.Version);
        if (existing is null)
            return (ImportRowAction.Create, input);
        var same = Changes(existing, input).Count == 0;
        return (same && row.NewMembership is null ? ImportRowAction.Unchanged : ImportRowAction.Update, input);
    }

    /// <summary>The fields a row changes, by their column names, for the preview.</summary>
    public static IReadOnlyList<string> Changes(ImportedCommitment before, CommitmentInput after)
    {
        var fields = new List<string>();
        void If(bool changed, string name)
        {
            if (changed)
                fields.Add(name);
        }
        If(before.Text != after.Text, "text");
        If(before.Tier != after.Tier?.Trim(), "tier");
        If(!before.GoalIds.Order().SequenceEqual(after.GoalIds!.Order()), "goals");
        If(before.PledgedMoney != after.PledgedMoney || before.Currency != after.Currency, "money");
        If(before.PersonYears != after.PersonYears, "person-years");
        If(before.DueDate != after.DueDate, "due");
        If(before.Status != after.Status, "status");
        If(before.EvidenceNotes != after.EvidenceNotes, "evidence");
        return fields;
    }

    /// <summary>The column of a field <see cref="ActorRules"/> or the signature rules name in an error, so that a broken rule is named by its row and column.</summary>
    public static CommitmentColumn ColumnOfField(string field) => field switch
    {
        "text" => CommitmentColumn.Text,
        "tier" => CommitmentColumn.Tier,
        "pledgedMoney" => CommitmentColumn.PledgedMoney,
        "currency" => CommitmentColumn.Currency,
        "personYears" => CommitmentColumn.PersonYears,
        "dueDate" => CommitmentColumn.DueDate,
        "status" => CommitmentColumn.Status,
        "evidenceNotes" => CommitmentColumn.EvidenceNotes,
        "roundId" => CommitmentColumn.Round,
        "roles" or "joinedOn" => CommitmentColumn.Roles,
        "signatory" => CommitmentColumn.Signatory,
        "signedOn" => CommitmentColumn.SignedOn,
        _ => CommitmentColumn.Goals,
    };

    private static string KeyText(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private ImportRound? Round(IReadOnlyList<object?> cells, Action<CommitmentColumn, string?, string, string> fail)
    {
        var name = Header.Text(cells, CommitmentColumn.Round);
        if (name.Length == 0)
        {
            if (latestRound is null)
                fail(CommitmentColumn.Round, name, "NoRound", "is empty and the mission has no signing round yet; open a round first.");
            return latestRound;
        }
        if (!roundsByName.TryGetValue(name, out var round) || round is null)
        {
            fail(CommitmentColumn.Round, name, "UnknownRound", "is not the name of a signing round of this mission; open the round first.");
            return null;
        }
        return round;
    }

    /// <summary>The commitment a row updates: by its id, else by its actor, round and text; the same commitment twice in a file is an error.</summary>
    private int? Key(long row, IReadOnlyList<object?> cells, int actorId, int roundId, string text, Action<CommitmentColumn, string?, string, string> fail)
    {
        var idText = Header.Text(cells, CommitmentColumn.Id);
        int? id = null;
        var key = (actorId, roundId, KeyText(text));
        if (idText.Length > 0)
        {
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || !byId.TryGetValue(parsed, out var stored))
            {
                fail(CommitmentColumn.Id, idText, "UnknownCommitment", "is no id of a commitment of this mission; leave it empty to create one.");
                return null;
            }
            if (stored.ActorId != actorId)
            {
                fail(CommitmentColumn.OrganisationNumber, Header.Text(cells, CommitmentColumn.OrganisationNumber), "OtherActorsCommitment", $"is not the actor of commitment #{parsed}; a commitment keeps its actor.");
                return null;
            }
            id = parsed;
        }
        else if (byKey.TryGetValue(key, out var found))
        {
            if (found is null)
            {
                fail(CommitmentColumn.Text, text, "AmbiguousCommitment", "is the text of more than one commitment of this actor in this round; give the id.");
                return null;
            }
            id = found;
        }
        if (id is { } known && !seenIds.TryAdd(known, row))
            fail(CommitmentColumn.Id, idText.Length > 0 ? idText : text, "DuplicateCommitment", $"names the same commitment as row {seenIds[known]}.");
        else if (id is null && !seenKeys.TryAdd(key, row))
            fail(CommitmentColumn.Text, text, "DuplicateCommitment", $"repeats the commitment of row {seenKeys[key]}: the same actor, round and text; each commitment once in a file.");
        return id;
    }

    private List<MissionRole> Roles(IReadOnlyList<object?> cells, Action<CommitmentColumn, string?, string, string> fail)
    {
        var roles = new List<MissionRole>();
        foreach (var item in ImportChoices.Items(Header.Text(cells, CommitmentColumn.Roles), commas: true))
        {
            if (!ImportChoices.TryParse(item, RoleWords, out MissionRole role))
                fail(CommitmentColumn.Roles, item, "UnknownRole", $"is not a role in a mission; write one of {ImportChoices.Names<MissionRole>()}.");
            else if (!roles.Contains(role))
                roles.Add(role);
        }
        return roles;
    }

    private double? Number(IReadOnlyList<object?> cells, CommitmentColumn column, Action<CommitmentColumn, string?, string, string> fail)
    {
        var cell = Header.Cell(cells, column);
        var text = ImportValues.CellText(cell).Trim();
        if (text.Length == 0)
            return null;
        if (!ImportValues.TryNumberFromCell(cell, out var value, out var error))
            fail(column, text, "InvalidNumber", error!);
        else if (value < 0)
            fail(column, text, "Negative", "is below zero; write zero or more.");
        else
            return value;
        return null;
    }

    private Currency? CurrencyOf(IReadOnlyList<object?> cells, Action<CommitmentColumn, string?, string, string> fail)
    {
        var text = Header.Text(cells, CommitmentColumn.Currency);
        if (text.Length == 0)
            return null;
        if (Enum.TryParse<Currency>(text, ignoreCase: true, out var currency) && Enum.IsDefined(currency))
            return currency;
        fail(CommitmentColumn.Currency, text, "UnknownValue", "is not a currency Masten keeps; write SEK or DKK.");
        return null;
    }
}
