using System.Globalization;
using Masten.Core.Progress;
using Masten.Data.Progress;
using Masten.Web.Platform;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Masten.Web.Progress;

/// <summary>Labels for the chart's series, in the reader's language.</summary>
public sealed record ChartLabels(string Required, string Targets, string Observed, string Forecast);

/// <summary>
/// The indicator chart — observations, the required path, targets and the forecast at the observed
/// pace — drawn by OxyPlot and exported as SVG on the server (no script, no plotting code of our own).
/// </summary>
public static class ProgressChart
{
    private static readonly OxyColor PathColour = OxyColor.FromRgb(0x0b, 0x53, 0x94);
    private static readonly OxyColor ObservedColour = OxyColor.FromRgb(0x1b, 0x1f, 0x24);
    private static readonly OxyColor ForecastColour = OxyColor.FromRgb(0xa4, 0x16, 0x1a);

    /// <summary>The font stack of the page (app.css), so the chart's text reads like the text around it.</summary>
    public const string PageFont = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";

    /// <summary>An SVG fragment (no XML declaration) of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static string Svg(IndicatorProgress progress, ChartLabels labels, int width = 720, int height = 360)
    {
        var a = progress.Assessment;
        var model = new PlotModel { Background = OxyColors.White, PlotAreaBorderColor = OxyColor.FromRgb(0xc9, 0xd1, 0xd9), DefaultFont = PageFont };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal });
        // Time runs in years, each year ending at its own number: a year-end value (31 December 2025) is drawn
        // at "2025", as the table beside the chart lists it, not at the next year's tick.
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, MajorGridlineStyle = LineStyle.Dot, MinimumMajorStep = 1, MinimumMinorStep = 1, StringFormat = "0" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = progress.Indicator.Unit, MajorGridlineStyle = LineStyle.Dot });

        var path = new LineSeries { Title = labels.Required, Color = PathColour, StrokeThickness = 2 };
        foreach (var point in PathPoints(a.Trajectory))
            path.Points.Add(Point(point));
        model.Series.Add(path);

        var targets = new ScatterSeries { Title = labels.Targets, MarkerType = MarkerType.Diamond, MarkerSize = 6, MarkerFill = PathColour };
        foreach (var target in a.Spec.Targets)
            targets.Points.Add(new ScatterPoint(ToX(target.Date), target.Value));
        model.Series.Add(targets);

        if (progress.CurrentSeries.Count > 0)
        {
            // A marker per observation only while they can be told apart (at most one per 4 pixels of width): on a long
            // monthly series they merge into the line anyway, and each one would add an SVG element to the page.
            var marker = progress.CurrentSeries.Count <= width / 4 ? MarkerType.Circle : MarkerType.None;
            var observed = new LineSeries { Title = labels.Observed, Color = ObservedColour, MarkerType = marker, MarkerSize = 3, MarkerFill = ObservedColour };
            foreach (var o in Thinned(progress.CurrentSeries, width))
                observed.Points.Add(Point(o));
            model.Series.Add(observed);
        }

        var forecast = ForecastPoints(a);
        if (forecast.Count > 1)
        {
            var series = new LineSeries { Title = labels.Forecast, Color = ForecastColour, LineStyle = LineStyle.Dash, StrokeThickness = 2 };
            foreach (var point in forecast)
                series.Points.Add(Point(point));
            model.Series.Add(series);
        }

        var svg = SvgExporter.ExportToString(model, width, height, isDocument: false);
        // The exporter starts with an XML declaration, which has no place inside an HTML page, and
        // writes style attributes, which the Content-Security-Policy blocks.
        var fragment = svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
        return SvgMarkup.WithViewBox(SvgMarkup.WithoutStyleAttributes(fragment), width, height);
    }

    /// <summary>The required path, sampled every quarter so S-curves look like curves.</summary>
    public static IReadOnlyList<DatedValue> PathPoints(Trajectory trajectory)
    {
        var points = new List<DatedValue> { trajectory.Baseline };
        var date = trajectory.Baseline.Date.AddMonths(3);
        for (var i = 0; date < trajectory.FinalTarget.Date && i < 4 * 300; i++, date = date.AddMonths(3))
            points.Add(new DatedValue(date, trajectory.ValueAt(date)));
        points.Add(trajectory.FinalTarget);
        return points;
    }

    /// <summary>
    /// A long series as the chart can show it at <paramref name="width"/> pixels: the series itself while it has at most
    /// one point per pixel; else, in each run of points that share a column of four pixels, the first, the lowest, the highest and
    /// the last, in date order. The drawn line looks the same, with a fraction of the points (and of the page's bytes).
    /// </summary>
    public static IReadOnlyList<DatedValue> Thinned(IReadOnlyList<DatedValue> series, int width)
    {
        ArgumentNullException.ThrowIfNull(series);
        var columns = Math.Max(1, width / 4);
        if (series.Count <= 4 * columns)
            return series;
        var result = new List<DatedValue>(4 * columns + 1);
        var perColumn = (double)series.Count / columns;
        for (var c = 0; c < columns; c++)
        {
            var from = (int)(c * perColumn);
            var to = Math.Min(series.Count, (int)((c + 1) * perColumn));
            if (to <= from)
                continue;
            int low = from, high = from;
            for (var k = from + 1; k < to; k++)
            {
                if (series[k].Value < series[low].Value) low = k;
                if (series[k].Value > series[high].Value) high = k;
            }
            foreach (var k in new SortedSet<int> { from, low, high, to - 1 })
                result.Add(series[k]);
        }
        return result;
    }

    /// <summary>From the latest observation to the forecast value at each target still ahead.</summary>
    public static IReadOnlyList<DatedValue> ForecastPoints(Assessment assessment)
    {
        if (assessment.Latest is not { } latest || assessment.Pace is null)
            return [];
        var points = new List<DatedValue> { latest };
        foreach (var f in assessment.Forecasts)
        {
            if (!f.Passed && f.ForecastValue is { } value && f.Target.Date > latest.Date)
                points.Add(new DatedValue(f.Target.Date, value));
        }
        return points;
    }

    /// <summary>
    /// Where a date lies on the time axis: the year it ends, as a fraction. 31 December 2025 is 2025.0, 1 July 2025
    /// about 2024.5, so each year's values lie just before its number.
    /// </summary>
    public static double ToX(DateOnly date) => date.Year - 1 + (double)date.DayOfYear / (DateTime.IsLeapYear(date.Year) ? 366 : 365);

    private static DataPoint Point(DatedValue v) => new(ToX(v.Date), v.Value);

    /// <summary>Rows for the table beside the chart: each year-end from the baseline to the final target.</summary>
    public static IReadOnlyList<ChartRow> Rows(IndicatorProgress progress)
    {
        var a = progress.Assessment;
        var observedByYear = progress.CurrentSeries.GroupBy(o => o.Date.Year).ToDictionary(g => g.Key, g => g.MaxBy(o => o.Date)!);
        var forecastByYear = ForecastPoints(a).Skip(1).ToDictionary(p => p.Date.Year, p => p.Value);
        var targetByYear = a.Spec.Targets.GroupBy(t => t.Date.Year).ToDictionary(g => g.Key, g => g.Last().Value);
        var rows = new List<ChartRow>();
        for (var year = a.Trajectory.Baseline.Date.Year; year <= a.Trajectory.FinalTarget.Date.Year && rows.Count < 300; year++)
        {
            var end = new DateOnly(year, 12, 31);
            rows.Add(new ChartRow(year, a.Trajectory.ValueAt(end), targetByYear.TryGetValue(year, out var t) ? t : null,
                observedByYear.TryGetValue(year, out var o) ? o.Value : null, forecastByYear.TryGetValue(year, out var f) ? f : null));
        }
        return rows;
    }
}

/// <summary>One year of the chart as a table row; null where there is nothing for that year.</summary>
public sealed record ChartRow(int Year, double Required, double? Target, double? Observed, double? Forecast);
