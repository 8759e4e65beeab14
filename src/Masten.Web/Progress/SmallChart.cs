using System.Globalization;
using System.Net;
using System.Text;
using Masten.Core.Progress;
using Masten.Data.Progress;
using Masten.Web.Components.Common;

namespace Masten.Web.Progress;

/// <summary>
/// The small indicator chart of the mission page, written as plain SVG: the required path and the observed
/// yearly values as polylines, the targets as diamonds, the forecast dashed, the first and last year and the
/// value range as the only axis labels, and a one-line legend. A page draws one per indicator (40 on a
/// national mission), so it is a few hundred bytes of markup built in microseconds, not a plotting library's
/// full chart; the figures themselves are in the table beside it. Attributes only (no style), so the
/// Content-Security-Policy allows it; a viewBox, so it scales down at 320 px.
/// </summary>
public static class SmallChart
{
    private const string PathColour = "#0b5394";
    private const string ObservedColour = "#1b1f24";
    private const string ForecastColour = "#a4161a";
    private const string AxisColour = "#57606a";

    private const int Left = 56, Right = 12, Top = 10, Bottom = 46;

    /// <summary>
    /// An SVG fragment of <paramref name="width"/> × <paramref name="height"/> (viewBox) units for the indicator:
    /// <see cref="IndicatorProgress.CurrentSeries"/> is drawn as given (the mission page gives one value per year).
    /// </summary>
    public static string Svg(IndicatorProgress progress, ChartLabels labels, int width = 480, int height = 240)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(labels);
        var a = progress.Assessment;
        var path = PathPoints(a.Trajectory);
        var observed = progress.CurrentSeries;
        var forecast = ProgressChart.ForecastPoints(a);
        var targets = a.Spec.Targets;
        var area = Area.Covering([path, observed, forecast, targets], width - Left - Right, height - Top - Bottom);

        // The plot area's frame and the axis labels: value range on the left, first and last year below.
        var s = Open(width, height, area.Width, area.Height, area.MinY, area.MaxY);
        var (firstYear, lastYear) = area.Years;
        Text(s, area.XOfYear(firstYear), Top + area.Height + 16, "start", firstYear.ToString(CultureInfo.InvariantCulture));
        if (lastYear > firstYear)
            Text(s, area.XOfYear(lastYear), Top + area.Height + 16, "end", lastYear.ToString(CultureInfo.InvariantCulture));
        s.Append("</g>");

        Polyline(s, path, area.X, area.Y, PathColour, dashed: false);
        if (targets.Count > 0)
        {
            s.Append("<path fill=\"").Append(PathColour).Append("\" d=\"");
            foreach (var t in targets)
                s.Append('M').Num(area.X(t)).Append(' ').Num(area.Y(t.Value) - 5).Append("l5 5-5 5-5-5z");
            s.Append("\"/>");
        }
        if (observed.Count > 0)
        {
            Polyline(s, observed, area.X, area.Y, ObservedColour, dashed: false);
            if (observed.Count <= area.Width / 6)
            {
                s.Append("<g fill=\"").Append(ObservedColour).Append("\">");
                foreach (var o in observed)
                    s.Append("<circle cx=\"").Num(area.X(o)).Append("\" cy=\"").Num(area.Y(o.Value)).Append("\" r=\"2.5\"/>");
                s.Append("</g>");
            }
        }
        if (forecast.Count > 1)
            Polyline(s, forecast, area.X, area.Y, ForecastColour, dashed: true);
        Legend(s, height - 8, labels, targets.Count > 0, observed.Count > 0, forecast.Count > 1);
        return s.ToString();
    }

    /// <summary>The legend of <see cref="Svg"/>, one row at <paramref name="y"/> below the axis, with an entry for each kind of mark drawn.</summary>
    private static void Legend(StringBuilder s, double y, ChartLabels labels, bool targets, bool observed, bool forecast)
    {
        double x = Left;
        void Entry(string colour, string label, bool dashed, bool diamond)
        {
            if (diamond)
                s.Append("<path fill=\"").Append(colour).Append("\" d=\"M").Num(x + 8).Append(' ').Num(y - 9).Append("l5 5-5 5-5-5z\"/>");
            else
                s.Append("<line x1=\"").Num(x).Append("\" y1=\"").Num(y - 4).Append("\" x2=\"").Num(x + 16).Append("\" y2=\"").Num(y - 4)
                 .Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\"").Append(dashed ? " stroke-dasharray=\"4 3\"" : "").Append("/>");
            Text(s, x + 20, y, "start", label);
            x += 28 + label.Length * 6.5;
        }
        s.Append("<g fill=\"").Append(ObservedColour).Append("\">");
        Entry(PathColour, labels.Required, dashed: false, diamond: false);
        if (targets)
            Entry(PathColour, labels.Targets, dashed: false, diamond: true);
        if (observed)
            Entry(ObservedColour, labels.Observed, dashed: false, diamond: false);
        if (forecast)
            Entry(ForecastColour, labels.Forecast, dashed: true, diamond: false);
        s.Append("</g></svg>");
    }

    /// <summary>
    /// The plot area of <see cref="Svg"/> and its scales: the ranges cover everything drawn; a flat range is widened so
    /// the line sits in the middle, and the value range gets 5 % on each side.
    /// </summary>
    private sealed class Area
    {
        private readonly double minX, maxX;

        private Area(double minX, double maxX, double minY, double maxY, double width, double height)
        {
            (this.minX, this.maxX, MinY, MaxY, Width, Height) = (minX, maxX, minY, maxY, width, height);
        }

        public double MinY { get; }
        public double MaxY { get; }
        public double Width { get; }
        public double Height { get; }

        /// <summary>The first and last whole year inside the range.</summary>
        public (int First, int Last) Years => ((int)Math.Ceiling(minX), (int)Math.Floor(maxX));

        public static Area Covering(IEnumerable<IEnumerable<DatedValue>> series, double width, double height)
        {
            double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
            foreach (var v in series.SelectMany(points => points))
            {
                var x = ProgressChart.ToX(v.Date);
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, v.Value); maxY = Math.Max(maxY, v.Value);
            }
            if (maxX - minX < 1) { minX -= 0.5; maxX += 0.5; }
            if (maxY - minY < 1e-9) { var pad = Math.Max(Math.Abs(maxY) * 0.1, 1); minY -= pad; maxY += pad; }
            var margin = (maxY - minY) * 0.05;
            return new Area(minX, maxX, minY - margin, maxY + margin, width, height);
        }

        public double X(DatedValue v) => XOfYear(ProgressChart.ToX(v.Date));

        public double XOfYear(double x) => Left + (x - minX) / (maxX - minX) * Width;

        public double Y(double value) => Top + (MaxY - value) / (MaxY - MinY) * Height;
    }

    /// <summary>One line of <see cref="Lines"/>: its label and a value (or a gap) per point of the x axis.</summary>
    public sealed record Line(string Label, IReadOnlyList<double?> Values);

    private static readonly string[] LineColours = ["#1b1f24", "#0b5394", "#a4161a", "#2d6a4f", "#7b2cbf", "#9c4a00", "#005f73", "#6c584c", "#3a0ca3", "#495057"];

    /// <summary>
    /// A small trend chart of a few lines over the same points (a pulse statement's mean per round and group), in the
    /// style of <see cref="Svg"/>: the value range <paramref name="minY"/>–<paramref name="maxY"/> on the left, the first
    /// and last point's label below, a gap where a value is missing, and a legend row per line (solid, then dashed).
    /// </summary>
    public static string Lines(IReadOnlyList<Line> lines, IReadOnlyList<string> points, double minY, double maxY, int width = 480, int height = 200)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(points);
        var legendRows = lines.Count;
        var fullHeight = height + legendRows * 16;
        double plotW = width - Left - Right, plotH = height - Top - 30;
        double X(int i) => Left + (points.Count <= 1 ? plotW / 2 : i * plotW / (points.Count - 1));
        double Y(double value) => Top + (maxY - value) / (maxY - minY) * plotH;
        var s = Open(width, fullHeight, plotW, plotH, minY, maxY);
        if (points.Count > 0)
            Text(s, X(0), Top + plotH + 16, points.Count == 1 ? "middle" : "start", points[0]);
        if (points.Count > 1)
            Text(s, X(points.Count - 1), Top + plotH + 16, "end", points[^1]);
        s.Append("</g>");
        for (var l = 0; l < lines.Count; l++)
        {
            var colour = LineColours[l % LineColours.Length];
            var dash = l >= LineColours.Length ? " stroke-dasharray=\"6 4\"" : "";
            var values = lines[l].Values;
            // A run of consecutive values is one polyline; a missing value breaks the line.
            var run = new List<int>();
            void Flush()
            {
                if (run.Count > 1)
                {
                    s.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\"").Append(dash).Append(" points=\"");
                    foreach (var i in run)
                        s.Num(X(i)).Append(',').Num(Y(values[i]!.Value)).Append(' ');
                    s.Append("\"/>");
                }
                run.Clear();
            }
            for (var i = 0; i < values.Count && i < points.Count; i++)
            {
                if (values[i] is { } v)
                {
                    run.Add(i);
                    s.Append("<circle cx=\"").Num(X(i)).Append("\" cy=\"").Num(Y(v)).Append("\" r=\"3\" fill=\"").Append(colour).Append("\"/>");
                }
                else
                    Flush();
            }
            Flush();
            var ly = height + l * 16;
            s.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Num(ly - 4).Append("\" x2=\"").Append(Left + 16).Append("\" y2=\"").Num(ly - 4)
             .Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\"").Append(dash).Append("/>");
            s.Append("<g fill=\"").Append(ObservedColour).Append("\">");
            Text(s, Left + 20, ly, "start", lines[l].Label);
            s.Append("</g>");
        }
        s.Append("</svg>");
        return s.ToString();
    }

    /// <summary>
    /// The required path for a small chart: the baseline, each year-end and each target date up to the final target.
    /// Yearly is fine enough at this size to show an S-curve as a curve.
    /// </summary>
    public static IReadOnlyList<DatedValue> PathPoints(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var points = new List<DatedValue> { trajectory.Baseline };
        var milestones = trajectory.Spec.Targets.Select(t => t.Date).ToHashSet();
        var end = trajectory.FinalTarget.Date;
        for (var year = trajectory.Baseline.Date.Year; year <= end.Year && points.Count < 400; year++)
        {
            var yearEnd = new DateOnly(year, 12, 31);
            foreach (var m in milestones.Where(m => m.Year == year && m > trajectory.Baseline.Date && m < yearEnd && m < end).Order())
                points.Add(new DatedValue(m, trajectory.ValueAt(m)));
            if (yearEnd > trajectory.Baseline.Date && yearEnd < end)
                points.Add(new DatedValue(yearEnd, trajectory.ValueAt(yearEnd)));
        }
        points.Add(trajectory.FinalTarget);
        return points;
    }

    /// <summary>
    /// Starts a chart: the svg element, the plot area's frame, and the value range on the left, inside an open axis-label
    /// group the caller closes after adding its own labels.
    /// </summary>
    private static StringBuilder Open(int width, int height, double plotW, double plotH, double minY, double maxY)
    {
        var s = new StringBuilder(1600);
        s.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
         .Append("\" width=\"").Append(width).Append("\" height=\"").Append(height)
         .Append("\" font-family=\"").Append(ProgressChart.PageFont).Append("\" font-size=\"12\" aria-hidden=\"true\" focusable=\"false\">");
        s.Append("<rect x=\"").Append(Left).Append("\" y=\"").Append(Top).Append("\" width=\"").Num(plotW).Append("\" height=\"").Num(plotH)
         .Append("\" fill=\"#fff\" stroke=\"#c9d1d9\"/>");
        s.Append("<g fill=\"").Append(AxisColour).Append("\">");
        Text(s, Left - 6, Top + 10, "end", Format.Rounded(maxY));
        Text(s, Left - 6, Top + plotH, "end", Format.Rounded(minY));
        return s;
    }

    private static void Polyline(StringBuilder s, IReadOnlyList<DatedValue> points, Func<DatedValue, double> x, Func<double, double> y, string colour, bool dashed)
    {
        s.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\"").Append(dashed ? " stroke-dasharray=\"6 4\"" : "").Append(" points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0)
                s.Append(' ');
            s.Num(x(points[i])).Append(',').Num(y(points[i].Value));
        }
        s.Append("\"/>");
    }

    private static void Text(StringBuilder s, double x, double y, string anchor, string text) =>
        s.Append("<text x=\"").Num(x).Append("\" y=\"").Num(y).Append("\" text-anchor=\"").Append(anchor).Append("\">")
         .Append(WebUtility.HtmlEncode(text)).Append("</text>");

    /// <summary>A coordinate with one decimal, invariant: enough for a chart of a few hundred units.</summary>
    /// <summary>A coordinate to one decimal, as the format "0.#" writes it, by whole tenths: a mission page writes thousands, and the general number formatter was a tenth of its time.</summary>
    private static StringBuilder Num(this StringBuilder s, double value)
    {
        var rounded = Math.Round(value, 1);
        if (!double.IsFinite(rounded) || Math.Abs(rounded) > 1e15)
            return s.Append(CultureInfo.InvariantCulture, $"{rounded:0.#}");
        var tenths = (long)Math.Round(rounded * 10);
        if (tenths < 0)
        {
            s.Append('-');
            tenths = -tenths;
        }
        s.Append(tenths / 10);
        return tenths % 10 == 0 ? s : s.Append('.').Append((char)('0' + tenths % 10));
    }
}
