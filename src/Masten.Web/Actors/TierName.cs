using Microsoft.Extensions.Localization;

namespace Masten.Web.Actors;

/// <summary>
/// A commitment tier as people read it. The default tiers are stored by key (<c>leading</c>, <c>contributing</c>,
/// <c>supporting</c>) and shown in the page's language; a tier a mission named itself is shown as it was written.
/// </summary>
public static class TierName
{
    public static string Of(IStringLocalizer t, string tier)
    {
        var text = t[$"Tier.{tier}"];
        return text.ResourceNotFound ? tier : text.Value;
    }
}
