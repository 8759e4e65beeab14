using System.Xml.Linq;

namespace Masten.Web.Platform;

/// <summary>Makes server-rendered SVG fit the Content-Security-Policy, which forbids inline styles.</summary>
public static class SvgMarkup
{
    /// <summary>
    /// Rewrites every <c>style="fill:#fff;stroke-width:2"</c> as presentation attributes
    /// (<c>fill="#fff" stroke-width="2"</c>), which the policy allows. OxyPlot's SVG exporter writes
    /// styles; every property it uses (fill, stroke, stroke-width, stroke-opacity, stroke-dasharray,
    /// stroke-linejoin, font-*) also exists as an attribute. A property already set as an attribute is
    /// overridden by the style, as CSS would do.
    /// </summary>
    public static string WithoutStyleAttributes(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var root = XElement.Parse(svg, LoadOptions.PreserveWhitespace);
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Attribute("style") is not { } style)
                continue;
            style.Remove();
            foreach (var declaration in style.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = declaration.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    element.SetAttributeValue(declaration[..colon].Trim(), declaration[(colon + 1)..].Trim());
            }
        }
        return root.ToString(SaveOptions.DisableFormatting);
    }
}
