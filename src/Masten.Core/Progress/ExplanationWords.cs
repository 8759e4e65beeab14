using System.Globalization;
using Masten.Core.Localization;

namespace Masten.Core.Progress;

/// <summary>
/// Puts <see cref="Explanation"/>'s sentences and steps into words: Swedish, English or Danish, chosen by the
/// culture's language (anything else gets English), with the texts of <c>Progress/Texts.*.json</c> read through
/// <see cref="TextCatalog"/>, the loader the pages' texts use too. Numbers follow the culture: sv-SE "1 200,5"
/// with a non-breaking space between thousands, en "1,200.5". A non-breaking space also joins a number to "%" or
/// its unit. Pages, the API, reports and the CLI all word explanations here, so they read the same everywhere.
/// </summary>
public static class ExplanationWords
{
    private const char Nbsp = '\u00A0';

    private static readonly TextCatalog Texts = TextCatalog.Load(typeof(ExplanationWords).Assembly);

    /// <summary>The sentences of <see cref="Explanation.Sentences(Assessment, string?)"/>, in words.</summary>
    public static string Describe(Assessment assessment, CultureInfo culture, string? name = null) =>
        Sentences(Explanation.Sentences(assessment, name), culture);

    /// <summary>The sentences of <see cref="Explanation.Sentences(RollupResult)"/>, in words.</summary>
    public static string Describe(RollupResult result, CultureInfo culture) => Sentences(Explanation.Sentences(result), culture);

    /// <summary>The steps of <see cref="Explanation.Inputs(Assessment)"/>, in words.</summary>
    public static IReadOnlyList<ExplanationStep> Steps(Assessment assessment, CultureInfo culture) => Steps(Explanation.Inputs(assessment), culture);

    /// <summary>The steps of <see cref="Explanation.Inputs(RollupResult)"/>, in words.</summary>
    public static IReadOnlyList<ExplanationStep> Steps(RollupResult result, CultureInfo culture) => Steps(Explanation.Inputs(result), culture);

    /// <summary>The mission in one line (<see cref="Explanation.Summary"/>), in words.</summary>
    public static string Summary(IEnumerable<ProgressStatus> statuses, CultureInfo culture) => Word(Explanation.Summary(statuses), culture);

    /// <summary>The status in plain words of the culture's language.</summary>
    public static string StatusText(ProgressStatus status, CultureInfo culture) => Word(new Phrase(Explanation.Status(status)), culture);

    /// <summary>
    /// A number for reading aloud, to three significant digits: whole numbers from 100 up (1 234 567 → 1 230 000), three significant digits below
    /// (12,3; 0,0042), trailing zeros trimmed; from 10¹⁵ up in the culture's short scientific form.
    /// </summary>
    public static string FormatNumber(double value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var a = Math.Abs(value);
        if (a == 0)
            return "0";
        if (a >= 1e15)
            return value.ToString("G3", culture);
        if (a >= 1000)
        {
            // Three significant digits in text: 1 234 567 → "1 230 000".
            var scale = Math.Pow(10, Math.Floor(Math.Log10(a)) - 2);
            return (Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale).ToString("N0", culture);
        }
        if (a >= 100)
            return value.ToString("N0", culture);
        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(a)), 0, 15);
        var s = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture);
        var sep = culture.NumberFormat.NumberDecimalSeparator;
        if (s.Contains(sep, StringComparison.Ordinal))
            s = s.TrimEnd('0');
        if (s.EndsWith(sep, StringComparison.Ordinal))
            s = s[..^sep.Length];
        return s;
    }

    /// <summary>Sentences in words, one space between them.</summary>
    public static string Sentences(IEnumerable<Phrase> sentences, CultureInfo culture) =>
        string.Join(' ', sentences.Select(s => Word(s, culture)));

    /// <summary>Steps in words.</summary>
    public static IReadOnlyList<ExplanationStep> Steps(IEnumerable<ExplanationInput> inputs, CultureInfo culture) =>
        inputs.Select(i => new ExplanationStep(Word(i.Label, culture), Word(i.Formula, culture), Word(i.Value, culture))).ToList();

    /// <summary>One part in words.</summary>
    public static string Word(ExplanationPart part, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(culture);
        return part switch
        {
            Phrase p => string.Format(culture, Text(p.Text, culture), p.Args.Select(a => (object)Word(a, culture)).ToArray()),
            GivenText g => g.Text,
            CountValue c => string.Format(culture, "{0}", c.Value),
            NumberValue n => n.Format is null ? FormatNumber(n.Value, culture) : n.Value.ToString(n.Format, culture),
            PercentValue p => (p.WithSign ? Sign(p.Percent, culture) : "") + Percent(p.Percent, culture),
            QuantityValue q => Quantity(q, culture),
            DateValue d => d.Date.ToString("d", culture),
            YearValue y => y.Year.ToString(CultureInfo.InvariantCulture),
            JoinedParts j => string.Concat(j.Parts.Select(x => Word(x, culture))),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "This part of an explanation has no wording."),
        };
    }

    /// <summary>The text in the culture's language: Swedish, Danish, else English.</summary>
    public static string Text(ExplanationText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var language = culture.TwoLetterISOLanguageName is "sv" or "da" ? culture.TwoLetterISOLanguageName : "en";
        var key = "Explanation." + text;
        return Texts.Of(language).TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"The text '{key}' is missing in Progress/Texts.{language}.json.");
    }

    /// <summary>Absolute value with one decimal: the sentence carries the direction ("minska med 6,2 %").</summary>
    private static string Percent(double percent, CultureInfo culture)
    {
        var a = Math.Abs(percent);
        var number = a >= 0.05 || a == 0 ? a.ToString("N1", culture) : FormatNumber(a, culture);
        return number + Nbsp + "%";
    }

    private static string Quantity(QuantityValue q, CultureInfo culture)
    {
        var value = q.Style == QuantityStyle.Level ? q.Value : Math.Abs(q.Value);
        var counted = Explanation.CountedUnit(Word(q.Unit, culture));
        var text = counted.Length == 0 ? FormatNumber(value, culture) : FormatNumber(value, culture) + Nbsp + counted;
        return q.Style == QuantityStyle.WithSign ? Sign(q.Value, culture) + text : text;
    }

    private static string Sign(double value, CultureInfo culture) => value < 0 ? culture.NumberFormat.NegativeSign : value > 0 ? "+" : "";
}
