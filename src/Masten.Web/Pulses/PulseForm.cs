using System.Globalization;
using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Pulses;
using Masten.Data.Pulses;
using Masten.Web.Components.Common;

namespace Masten.Web.Pulses;

/// <summary>
/// The pulse definition form: six rows of statements (a row without a Swedish text is left out, so the office keeps
/// 3–6), the open question, the actor types, the schedule, the threshold and the indicator. <see cref="ToInput"/>
/// parses it; the rules are <see cref="PulseRules.Validate(PulseInput)"/>, whose field names point back at the rows.
/// </summary>
public sealed class PulseForm
{
    public sealed class Row
    {
        public string? Key { get; set; }
        public string? Sv { get; set; }
        public string? En { get; set; }
        public string? Da { get; set; }
    }

    /// <summary>One actor type's checkbox; the type travels as a hidden field so unticked boxes keep their place.</summary>
    public sealed class TypeChoice
    {
        public string? Type { get; set; }
        public bool On { get; set; }
    }

    public List<Row> Statements { get; set; } = [];
    public bool Ask { get; set; }
    public string? QuestionSv { get; set; }
    public string? QuestionEn { get; set; }
    public string? QuestionDa { get; set; }
    public List<TypeChoice> ActorTypes { get; set; } = [];
    public string? RoundsPerYear { get; set; }
    public string? StartsOn { get; set; }
    public string? OpenDays { get; set; }
    public string? Threshold { get; set; }
    public bool Scheduled { get; set; }
    public string? IndicatorId { get; set; }
    public string? IndicatorStatement { get; set; }
    public string? Version { get; set; }

    /// <summary>The form of the saved pulse, or of the seminar's defaults when there is none yet.</summary>
    public static PulseForm From(PulseDto? p, DateOnly today)
    {
        var statements = p?.Statements ?? PulseRules.DefaultStatements;
        var question = p is null ? PulseRules.DefaultOpenQuestion : p.OpenQuestion;
        var form = new PulseForm
        {
            Statements = [.. statements.Select(s => new Row { Key = s.Key, Sv = s.Sv, En = s.En, Da = s.Da })],
            Ask = question is not null,
            QuestionSv = question?.Sv,
            QuestionEn = question?.En,
            QuestionDa = question?.Da,
            ActorTypes = [.. Enum.GetValues<ActorType>().Select(t => new TypeChoice { Type = t.ToString(), On = p is null || p.ActorTypes.Contains(t) })],
            RoundsPerYear = (p?.RoundsPerYear ?? PulseRules.DefaultRoundsPerYear).ToString(CultureInfo.InvariantCulture),
            StartsOn = Format.Date(p?.StartsOn ?? new DateOnly(today.Year, today.Month, 1).AddMonths(1)),
            OpenDays = (p?.OpenDays ?? PulseRules.DefaultOpenDays).ToString(CultureInfo.InvariantCulture),
            Threshold = (p?.Threshold ?? PulseRules.DefaultThreshold).ToString(CultureInfo.InvariantCulture),
            Scheduled = p?.Scheduled ?? true,
            IndicatorId = p?.IndicatorId?.ToString(CultureInfo.InvariantCulture) ?? "",
            IndicatorStatement = p?.IndicatorStatement ?? "",
            Version = p?.Version.ToString(CultureInfo.InvariantCulture),
        };
        form.Pad();
        return form;
    }

    /// <summary>Fills the statement rows up to six, each new one with a key of its own.</summary>
    public void Pad()
    {
        var used = Statements.Select(r => r.Key).ToHashSet();
        for (var n = 1; Statements.Count < PulseRules.MaxStatements; n++)
            if (used.Add($"s{n}"))
                Statements.Add(new Row { Key = $"s{n}" });
    }

    /// <summary>The input, or null with the errors naming each field that does not parse. <paramref name="rowOf"/> maps a statement's place in the input to its row.</summary>
    public PulseInput? ToInput(FormErrors errors, out List<int> rowOf)
    {
        rowOf = [];
        var statements = new List<PulseStatement>();
        for (var i = 0; i < Statements.Count; i++)
        {
            var r = Statements[i];
            if (string.IsNullOrWhiteSpace(r.Sv) && string.IsNullOrWhiteSpace(r.En) && string.IsNullOrWhiteSpace(r.Da))
                continue;
            rowOf.Add(i);
            statements.Add(new PulseStatement(r.Key ?? $"s{i + 1}", r.Sv ?? "", r.En, r.Da));
        }
        var types = new List<ActorType>();
        foreach (var t in ActorTypes.Where(t => t.On))
            if (errors.Enum<ActorType>("actorTypes", t.Type) is { } type)
                types.Add(type);
        var rounds = errors.WholeNumber("roundsPerYear", RoundsPerYear);
        var starts = errors.Date("startsOn", StartsOn);
        var days = errors.WholeNumber("openDays", OpenDays);
        var threshold = errors.WholeNumber("threshold", Threshold);
        var indicator = errors.WholeNumber("indicatorId", IndicatorId, required: false);
        var version = errors.WholeNumber("version", Version, required: false);
        if (errors.Any)
            return null;
        return new PulseInput(statements, Ask ? new PulseText(QuestionSv ?? "", QuestionEn, QuestionDa) : null, types, rounds!.Value, starts, days!.Value, threshold!.Value,
            Scheduled, indicator, string.IsNullOrEmpty(IndicatorStatement) ? null : IndicatorStatement, version);
    }

    /// <summary>An error of the rules with its statement index turned into the form's row (<c>statements[1].sv</c> → the second filled row's number).</summary>
    public static FieldError ToRow(FieldError error, IReadOnlyList<int> rowOf)
    {
        var m = System.Text.RegularExpressions.Regex.Match(error.Field, @"^statements\[(\d+)\]\.(\w+)$");
        if (!m.Success)
            return error;
        var i = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (i >= rowOf.Count)
            return error;
        return error with { Field = $"statements[{rowOf[i].ToString(CultureInfo.InvariantCulture)}].{m.Groups[2].Value}" };
    }
}
