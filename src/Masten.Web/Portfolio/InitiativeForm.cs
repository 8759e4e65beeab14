using System.Globalization;
using Masten.Core.Actors;
using Masten.Core.Portfolio;
using Masten.Data.Portfolio;
using Masten.Web.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Portfolio;

/// <summary>The initiative form of <see cref="InitiativeEdit"/>, as typed: every field a string until <see cref="ToInput"/> parses it.</summary>
public sealed class InitiativeForm
{
    /// <summary>Empty rows offered after the filled ones; an empty row is skipped when saving.</summary>
    private const int SpareRows = 2;

    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Type { get; set; }
    public string? Stage { get; set; }
    public string? LeadActorId { get; set; }
    /// <summary>The review whose "start new" decision this initiative follows, if any.</summary>
    public string? FromReviewId { get; set; }
    public List<Choice> Partners { get; set; } = [];
    public string? Budget { get; set; }
    public string? Currency { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public List<Choice> Levers { get; set; } = [];
    public List<ContributionRow> Contributions { get; set; } = [];
    public List<FundingRow> Funding { get; set; } = [];
    public string? Version { get; set; }

    public static InitiativeForm New() => WithSpareRows(new InitiativeForm
    {
        Type = nameof(InitiativeType.Experiment),
        Stage = nameof(InitiativeStage.Idea),
        Currency = nameof(Masten.Core.Actors.Currency.SEK),
        Levers = Choice.For(Enum.GetValues<SystemLever>(), []),
    });

    public static InitiativeForm From(InitiativeDto initiative) => WithSpareRows(new InitiativeForm
    {
        Title = initiative.Title,
        Description = initiative.Description,
        Type = initiative.Type.ToString(),
        Stage = initiative.Stage.ToString(),
        LeadActorId = Invariant(initiative.LeadActorId),
        Partners = PickerModel.Choices(initiative.PartnerActorIds),
        Budget = initiative.Budget is { } b ? Format.Input(b) : null,
        Currency = initiative.Currency?.ToString(),
        StartDate = initiative.StartDate is { } s ? Format.Date(s) : null,
        EndDate = initiative.EndDate is { } e ? Format.Date(e) : null,
        Levers = Choice.For(Enum.GetValues<SystemLever>(), initiative.Levers),
        Version = Invariant(initiative.Version),
        Contributions = initiative.Contributions.Select(c => new ContributionRow
        {
            GoalId = Invariant(c.GoalId),
            IndicatorId = c.IndicatorId is { } ind ? Invariant(ind) : null,
            Direction = c.Direction.ToString(),
            SizePerYear = c.SizePerYear is { } p ? Format.Input(p) : null,
            Size = c.Size?.ToString(),
            Confidence = c.Confidence.ToString(),
        }).ToList(),
        Funding = initiative.Funding.Select(f => new FundingRow { FunderActorId = Invariant(f.FunderActorId), Amount = Format.Input(f.Amount), Currency = f.Currency.ToString() }).ToList(),
    });

    /// <summary>
    /// A new initiative started by a review's "start new" decision on <paramref name="source"/>: it starts as a copy with the
    /// source's lead, partners, levers and contributions, but no title, budget, dates or funding, at the idea stage.
    /// </summary>
    public static InitiativeForm StartedFrom(InitiativeDto source, int? reviewId)
    {
        var form = From(source with { Title = "", Budget = null, StartDate = null, EndDate = null, Funding = [], Stage = InitiativeStage.Idea, Version = 0 });
        form.Version = null;
        form.FromReviewId = reviewId is { } r ? Invariant(r) : null;
        return form;
    }

    /// <summary>A posted list with no rows binds as null.</summary>
    public void AfterPost()
    {
        Contributions ??= [];
        Funding ??= [];
        Partners ??= [];
        Levers ??= [];
    }

    /// <summary>The review a new initiative follows, from the hidden field.</summary>
    public int? FromReview(FormErrors errors) => errors.WholeNumber("reviewId", FromReviewId, required: false);

    /// <summary>The input for the store, and the reasons it cannot be saved in <paramref name="errors"/>. A saved initiative needs its version.</summary>
    public InitiativeInput ToInput(FormErrors errors, int missionId, bool isNew)
    {
        var type = errors.Enum<InitiativeType>("type", Type);
        var stage = errors.Enum<InitiativeStage>("stage", Stage);
        var lead = errors.WholeNumber("leadActorId", LeadActorId);
        var budget = errors.Number("budget", Budget, required: false);
        Currency? currency = string.IsNullOrEmpty(Currency) ? null : errors.Enum<Currency>("currency", Currency);
        var start = errors.Date("startDate", StartDate, required: false);
        var end = errors.Date("endDate", EndDate, required: false);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var contributions = ContributionInputs(errors);
        var funding = FundingInputs(errors);
        return new InitiativeInput(missionId, Title, Description, type ?? default, lead ?? 0, Choice.Ids(Partners), stage ?? default,
            budget, currency, start, end, Choice.Enums<SystemLever>(Levers), contributions, funding, version);
    }

    // Rows left empty are skipped; errors on the rows kept are shown on the row they came from (FormErrors.Rows).

    private List<ContributionInput> ContributionInputs(FormErrors errors)
    {
        var rows = errors.Rows("contributions");
        var contributions = new List<ContributionInput>();
        for (var i = 0; i < Contributions.Count; i++)
        {
            var row = Contributions[i];
            if (string.IsNullOrEmpty(row.GoalId))
                continue;
            var goal = errors.WholeNumber(rows.Field(i, "goalId"), row.GoalId);
            var indicator = errors.WholeNumber(rows.Field(i, "indicatorId"), row.IndicatorId, required: false);
            var direction = errors.Enum<ContributionDirection>(rows.Field(i, "direction"), row.Direction ?? nameof(ContributionDirection.Improves));
            var perYear = errors.Number(rows.Field(i, "sizePerYear"), row.SizePerYear, required: false);
            Level? size = string.IsNullOrEmpty(row.Size) ? null : errors.Enum<Level>(rows.Field(i, "size"), row.Size);
            var confidence = errors.Enum<Level>(rows.Field(i, "confidence"), row.Confidence ?? nameof(Level.Low));
            rows.Keep(i);
            contributions.Add(new ContributionInput(goal ?? 0, indicator, direction ?? default, perYear, size, confidence ?? default));
        }
        return contributions;
    }

    private List<FundingInput> FundingInputs(FormErrors errors)
    {
        var rows = errors.Rows("funding");
        var funding = new List<FundingInput>();
        for (var i = 0; i < Funding.Count; i++)
        {
            var row = Funding[i];
            if (string.IsNullOrEmpty(row.FunderActorId))
                continue;
            var funder = errors.WholeNumber(rows.Field(i, "funderActorId"), row.FunderActorId);
            var amount = errors.Number(rows.Field(i, "amount"), row.Amount);
            var currency = errors.Enum<Currency>(rows.Field(i, "currency"), row.Currency ?? nameof(Masten.Core.Actors.Currency.SEK));
            rows.Keep(i);
            funding.Add(new FundingInput(funder ?? 0, amount ?? 0, currency ?? default));
        }
        return funding;
    }

    private static InitiativeForm WithSpareRows(InitiativeForm form)
    {
        for (var k = 0; k < SpareRows; k++)
        {
            form.Contributions.Add(new ContributionRow());
            form.Funding.Add(new FundingRow());
        }
        return form;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed class ContributionRow
{
    public string? GoalId { get; set; }
    public string? IndicatorId { get; set; }
    public string? Direction { get; set; }
    public string? SizePerYear { get; set; }
    public string? Size { get; set; }
    public string? Confidence { get; set; }
}

public sealed class FundingRow
{
    public string? FunderActorId { get; set; }
    public string? Amount { get; set; }
    public string? Currency { get; set; }
}
