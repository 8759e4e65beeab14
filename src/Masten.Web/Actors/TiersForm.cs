using Masten.Core.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of a mission's commitment tiers (<c>TiersEdit</c>): one tier a line.</summary>
public sealed class TiersForm
{
    public string? Tiers { get; set; }
    public string? Version { get; set; }

    /// <summary>The input, or null with field-named errors; the tiers' own rules are the store's to check.</summary>
    public TiersInput? ToInput(FormErrors errors)
    {
        var version = errors.WholeNumber("version", Version, required: false);
        return errors.Any ? null : new TiersInput(ActorRules.Lines(Tiers), version);
    }
}
