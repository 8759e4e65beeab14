using System.Globalization;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>The programme form of <see cref="ProgrammeEdit"/>, as typed.</summary>
public sealed class ProgrammeForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? ProgrammeOffice { get; set; }
    public string? Version { get; set; }

    public static ProgrammeForm From(ProgrammeDto programme) => new()
    {
        Name = programme.Name,
        Description = programme.Description,
        ProgrammeOffice = programme.ProgrammeOffice,
        Version = programme.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input for the store, or null with the reasons in <paramref name="errors"/>. A saved programme needs its version.</summary>
    public ProgrammeInput? ToInput(FormErrors errors, bool isNew)
    {
        var input = new ProgrammeInput(Name, Description, ProgrammeOffice, errors.WholeNumber("version", Version, required: !isNew));
        return errors.Any ? null : input;
    }
}
