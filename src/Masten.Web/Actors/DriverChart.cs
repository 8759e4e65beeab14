using Masten.Web.Platform;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Masten.Web.Actors;

/// <summary>
/// The driver mix as a horizontal bar chart, drawn on the server as SVG by OxyPlot so the page needs
/// no script. The same numbers are always in a table beside it; the chart is hidden from screen readers.
/// </summary>
public static class DriverChart
{
    /// <summary>An inline <c>&lt;svg&gt;</c> with one bar per category, in the order given.</summary>
    public static string Svg(IReadOnlyList<(string Label, double Value)> bars, string axisTitle)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var model = new PlotModel { Background = OxyColors.White, PlotAreaBorderThickness = new OxyThickness(0) };
        var categories = new CategoryAxis { Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0, GapWidth = 0.4 };
        categories.Labels.AddRange(bars.Select(b => b.Label));
        model.Axes.Add(categories);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Minimum = 0,
            MinimumMajorStep = 1,
            MaximumPadding = 0.1,
            Title = axisTitle,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xDD, 0xDD, 0xDD),
        });
        var series = new BarSeries { FillColor = OxyColor.FromRgb(0x1D, 0x5C, 0x8C), LabelPlacement = LabelPlacement.Inside, LabelFormatString = "{0}", TextColor = OxyColors.White };
        series.Items.AddRange(bars.Select(b => new BarItem(b.Value)));
        model.Series.Add(series);
        var height = 60 + 32 * bars.Count;
        var svg = SvgMarkup.WithViewBox(SvgExporter.ExportToString(model, 640, height, isDocument: false), 640, height);
        // Decorative beside its data table: hidden from assistive technology. app.css scales it to its
        // container; no style attributes, which the Content-Security-Policy would block.
        return SvgMarkup.WithoutStyleAttributes(svg).Replace("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", StringComparison.Ordinal);
    }
}
