using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of the signing-round form (<c>RoundEdit</c>) and their parsing into a <see cref="RoundInput"/>.</summary>
public sealed class RoundForm
{
    public string? Name { get; set; }
    public string? Date { get; set; }
    public string? ClosesOn { get; set; }
    public string? Version { get; set; }

    public static RoundForm From(RoundDto dto) => new()
    {
        Name = dto.Name,
        Date = Format.Date(dto.Date),
        ClosesOn = dto.ClosesOn is { } closes ? Format.Date(closes) : null,
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input, or null with field-named errors; the version is required when <paramref name="isNew"/> is false.</summary>
    public RoundInput? ToInput(FormErrors errors, bool isNew)
    {
        var date = errors.Date("date", Date);
        var closesOn = errors.Date("closesOn", ClosesOn, required: false);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var input = new RoundInput(Name, date ?? default, version, closesOn);
        // Parsing failed somewhere: the rules still name what else is wrong, for the fields parsing left alone.
        return errors.Checked(input, i => ActorRules.Validate(i, nameTaken: false));
    }
}
