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

    /// <summary>
    /// Adds a viewBox of <paramref name="width"/> × <paramref name="height"/> to the root element, so the drawing
    /// scales down with its box on a narrow screen instead of being cut off (WCAG 1.4.10 Reflow).
    /// </summary>
    public static string WithViewBox(string svg, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var root = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (root < 0 || svg.AsSpan(root, Math.Min(400, svg.Length - root)).Contains("viewBox", StringComparison.Ordinal))
            return svg;
        return svg.Insert(root + 4, string.Create(System.Globalization.CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\""));
    }
}
