using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of the contact-person form (<c>ContactEdit</c>) and their parsing into a <see cref="ContactInput"/>.</summary>
public sealed class ContactForm
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Email { get; set; }
    public string? Level { get; set; } = nameof(OrganisationalLevel.Operations);
    public string? Version { get; set; }

    public static ContactForm From(ContactDto dto) => new()
    {
        Name = dto.Name,
        Role = dto.Role,
        Email = dto.Email,
        Level = dto.Level.ToString(),
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input, or null with field-named errors; the version is required when <paramref name="isNew"/> is false.</summary>
    public ContactInput? ToInput(FormErrors errors, bool isNew)
    {
        var level = errors.Enum<OrganisationalLevel>("level", Level);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var input = new ContactInput(Name, Role, Email, level ?? default, version);
        // Parsing failed somewhere: the rules still name what else is wrong, for the fields parsing left alone.
        return errors.Checked(input, i => ActorRules.Validate(i));
    }
}
