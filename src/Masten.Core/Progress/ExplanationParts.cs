namespace Masten.Core.Progress;

/// <summary>
/// One piece of an explanation before it is put into words: a text of the explanation files with its
/// arguments (<see cref="Phrase"/>), or a number, date, year or given text that <see cref="ExplanationWords"/>
/// formats in the reader's culture. <see cref="Explanation"/> builds them; pages, the API, reports and the CLI
/// word them.
/// </summary>
public abstract record ExplanationPart;

/// <summary>A text of the explanation files, with the parts that fill its <c>{0}</c>, <c>{1}</c>… in order.</summary>
public sealed record Phrase : ExplanationPart
{
    public Phrase(ExplanationText text, params ExplanationPart[] args)
    {
        Text = text;
        Args = args;
    }

    public ExplanationText Text { get; }

    public IReadOnlyList<ExplanationPart> Args { get; }
}

/// <summary>Text shown as it is given: a name or a unit someone entered, or punctuation between parts.</summary>
public sealed record GivenText(string Text) : ExplanationPart;

/// <summary>A whole count, formatted by the culture ("3"); nothing when null.</summary>
public sealed record CountValue(int? Value) : ExplanationPart;

/// <summary>
/// A number: to three significant digits when <paramref name="Format"/> is null (see
/// <see cref="ExplanationWords.FormatNumber"/>), else with that .NET format string.
/// </summary>
public sealed record NumberValue(double Value, string? Format = null) : ExplanationPart;

/// <summary>A percentage with one decimal and "%" ("6,2 %"); with a sign when <paramref name="WithSign"/>.</summary>
public sealed record PercentValue(double Percent, bool WithSign = false) : ExplanationPart;

/// <summary>How a quantity shows its sign.</summary>
public enum QuantityStyle
{
    /// <summary>A level, negative when it is below zero: "−20 ton".</summary>
    Level,

    /// <summary>A size of change without sign: the sentence says which way ("öka med 1 200 ton").</summary>
    Size,

    /// <summary>A change with its sign: "+1 200 ton".</summary>
    WithSign,
}

/// <summary>A number with its unit (a count unit "antal kommuner" reads "kommuner" after the number).</summary>
public sealed record QuantityValue(double Value, ExplanationPart Unit, QuantityStyle Style = QuantityStyle.Level) : ExplanationPart;

/// <summary>A date in the culture's short form.</summary>
public sealed record DateValue(DateOnly Date) : ExplanationPart;

/// <summary>A year, always four digits without separators.</summary>
public sealed record YearValue(int Year) : ExplanationPart;

/// <summary>Parts written one after the other, with nothing between them.</summary>
public sealed record JoinedParts : ExplanationPart
{
    public JoinedParts(params ExplanationPart[] parts) => Parts = parts;

    public IReadOnlyList<ExplanationPart> Parts { get; }
}

/// <summary>One step of a "how is this computed?" view, before it is worded: what, how, and its value.</summary>
public sealed record ExplanationInput(ExplanationPart Label, ExplanationPart Formula, ExplanationPart Value);

/// <summary>One line of a "how is this computed?" view, in words: what it is, how it is computed, and its value.</summary>
public sealed record ExplanationStep(string Label, string Formula, string Value);
