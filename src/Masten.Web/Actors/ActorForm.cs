using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of the actor form (<c>ActorEdit</c>) and their parsing into an <see cref="ActorInput"/>.</summary>
public sealed class ActorForm
{
    public string? Name { get; set; }
    public string? Type { get; set; } = nameof(ActorType.Municipality);
    public string? Country { get; set; } = nameof(Masten.Core.Actors.Country.Sweden);
    public string? OrganisationNumber { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }
    public string? Version { get; set; }

    public static ActorForm From(ActorDto dto) => new()
    {
        Name = dto.Name,
        Type = dto.Type.ToString(),
        Country = dto.Country.ToString(),
        OrganisationNumber = dto.OrganisationNumber,
        Website = dto.Website,
        Description = dto.Description,
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input, or null with field-named errors; the version is required when <paramref name="isNew"/> is false.</summary>
    public ActorInput? ToInput(FormErrors errors, bool isNew)
    {
        var type = errors.Enum<ActorType>("type", Type);
        var country = errors.Enum<Country>("country", Country);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var input = new ActorInput(Name, type ?? default, country ?? default, OrganisationNumber, Website, Description, version);
        // Parsing failed somewhere: the rules still name what else is wrong, for the fields parsing left alone.
        return errors.Checked(input, i => ActorRules.Validate(i));
    }
}
