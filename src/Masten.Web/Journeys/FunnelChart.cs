using Masten.Data.Journeys;
using Masten.Web.Platform;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Masten.Web.Journeys;

/// <summary>The funnel as a server-rendered SVG: one horizontal bar per step, participants at or past it. The table beside it holds the same figures.</summary>
public static class FunnelChart
{
    private static readonly OxyColor BarColour = OxyColor.FromRgb(0x0b, 0x53, 0x94);
    private static readonly OxyColor StartedColour = OxyColor.FromRgb(0x1a, 0x7f, 0x37);

    public static string Svg(IReadOnlyList<FunnelStepDto> funnel, string axisTitle, int width = 640)
    {
        var model = new PlotModel { Background = OxyColors.White, PlotAreaBorderColor = OxyColor.FromRgb(0xc9, 0xd1, 0xd9) };
        // Bars top to bottom in journey order: the category axis runs upwards, so the steps go in reversed.
        var steps = funnel.Reverse().ToList();
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = steps.Select(s => s.Name).ToList(), GapWidth = 0.3 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Minimum = 0, MinimumPadding = 0, MaximumPadding = 0.1, Title = axisTitle, MajorGridlineStyle = LineStyle.Dot });
        var bars = new BarSeries { LabelPlacement = LabelPlacement.Inside, LabelFormatString = "{0}", TextColor = OxyColors.White };
        foreach (var s in steps)
            bars.Items.Add(new BarItem(s.AtOrPast) { Color = s.IsStarted ? StartedColour : BarColour });
        model.Series.Add(bars);
        var svg = SvgExporter.ExportToString(model, width, 60 + 44 * Math.Max(1, funnel.Count), isDocument: false);
        var fragment = svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
        return SvgMarkup.WithoutStyleAttributes(fragment);
    }
}
