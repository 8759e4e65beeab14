using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>The observation form of <see cref="ObservationEdit"/>, as typed; a correction also gives its reason.</summary>
public sealed class ObservationForm
{
    public string? Date { get; set; }
    public string? Value { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
    public string? Reason { get; set; }

    /// <summary>The form for correcting <paramref name="original"/>: it starts as a copy.</summary>
    public static ObservationForm From(Observation original) => new()
    {
        Date = Format.Date(original.Date),
        Value = Format.Input(original.Value),
        Source = original.Source,
        Note = original.Note,
    };

    /// <summary>The observation, or null with the reasons in <paramref name="errors"/>. A correction needs a reason.</summary>
    public ObservationInput? ToInput(FormErrors errors, bool correcting)
    {
        var date = errors.Date("date", Date);
        var value = errors.Number("value", Value);
        if (correcting && string.IsNullOrWhiteSpace(Reason))
            errors.Add(new FieldError("reason", "Required", "is required."));
        return errors.Any ? null : new ObservationInput(date!.Value, value!.Value, Source, Note);
    }
}
