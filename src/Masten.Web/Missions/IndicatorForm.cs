using System.Globalization;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>The indicator form of <see cref="IndicatorEdit"/>, as typed: every field a string until <see cref="ToInput"/> parses it.</summary>
public sealed class IndicatorForm : IRevisionForm
{
    /// <summary>Empty target rows offered beyond the ones filled in; blank rows are ignored.</summary>
    private const int SpareRows = 3;

    public string? Name { get; set; }
    public string? Code { get; set; }
    public string? Description { get; set; }
    public string? Unit { get; set; }
    public string? Source { get; set; }
    public string? Direction { get; set; } = nameof(Masten.Core.Missions.Direction.HigherIsBetter);
    public string? Frequency { get; set; } = nameof(ReportingFrequency.Yearly);
    public string? Shape { get; set; } = nameof(PathwayShape.Linear);
    public string? ReportingActorId { get; set; }
    public string? BaselineDate { get; set; }
    public string? BaselineValue { get; set; }
    public string? Weight { get; set; } = "1";
    public string? Version { get; set; }
    public string? Reason { get; set; }
    public string? ReviewId { get; set; }
    public string? ValidFrom { get; set; }
    public List<TargetRow> Targets { get; set; } = [];

    /// <summary>A new indicator's form: its baseline at the end of the mission's baseline year.</summary>
    public static IndicatorForm New(int baselineYear) =>
        new() { BaselineDate = $"{baselineYear.ToString(CultureInfo.InvariantCulture)}-12-31" };

    public static IndicatorForm From(IndicatorDto indicator) => new()
    {
        Name = indicator.Name,
        Code = indicator.Code,
        Description = indicator.Description,
        Unit = indicator.Unit,
        Source = indicator.Source,
        Direction = indicator.Direction.ToString(),
        Frequency = indicator.Frequency.ToString(),
        Shape = indicator.Shape.ToString(),
        ReportingActorId = indicator.ReportingActorId?.ToString(CultureInfo.InvariantCulture),
        BaselineDate = Format.Date(indicator.BaselineDate),
        BaselineValue = Format.Input(indicator.BaselineValue),
        Weight = Format.Input(indicator.Weight),
        Version = indicator.Version.ToString(CultureInfo.InvariantCulture),
        Targets = indicator.Targets.Select(t => new TargetRow { Date = Format.Date(t.Date), Value = Format.Input(t.Value) }).ToList(),
    };

    /// <summary>Tops the target rows up to <see cref="SpareRows"/> blank ones.</summary>
    public void AddSpareRows()
    {
        for (var i = Targets.Count(t => t.IsBlank); i < SpareRows; i++)
            Targets.Add(new TargetRow());
    }

    /// <summary>The input for the store, or null with the reasons in <paramref name="errors"/>. A saved indicator needs its version.</summary>
    public IndicatorInput? ToInput(FormErrors errors, int goalId, bool isNew)
    {
        var direction = errors.Enum<Direction>("direction", Direction);
        var frequency = errors.Enum<ReportingFrequency>("frequency", Frequency);
        var shape = errors.Enum<PathwayShape>("shape", Shape);
        var baselineDate = errors.Date("baselineDate", BaselineDate);
        var baselineValue = errors.Number("baselineValue", BaselineValue);
        var weight = errors.Number("weight", Weight, required: false) ?? 1;
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var targets = TargetInputs(errors);
        var reportingActor = errors.WholeNumber("reportingActorId", ReportingActorId, required: false);
        var revision = this.Parse(errors);
        if (errors.Any)
            return null;
        return new IndicatorInput(goalId, Name, Description, Unit, direction!.Value, frequency!.Value, Source,
            baselineDate!.Value, baselineValue!.Value, targets, shape!.Value, weight, version, revision.Reason, revision.ReviewId, revision.ValidFrom, reportingActor, Code);
    }

    /// <summary>The targets filled in; blank rows are skipped, and <see cref="FormErrors.Rows"/> remembers the row of each.</summary>
    private List<TargetInput> TargetInputs(FormErrors errors)
    {
        var rows = errors.Rows("targets");
        var targets = new List<TargetInput>();
        for (var row = 0; row < Targets.Count; row++)
        {
            var t = Targets[row];
            if (t.IsBlank)
                continue;
            var date = errors.Date(rows.Field(row, "date"), t.Date);
            var value = errors.Number(rows.Field(row, "value"), t.Value);
            if (date is not null && value is not null)
            {
                targets.Add(new TargetInput(date.Value, value.Value));
                rows.Keep(row);
            }
        }
        return targets;
    }
}

public sealed class TargetRow
{
    public string? Date { get; set; }
    public string? Value { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Value);
}
