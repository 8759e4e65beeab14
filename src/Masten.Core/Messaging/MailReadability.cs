using Masten.Core.Readability;

namespace Masten.Core.Messaging;

/// <summary>
/// The klarspråk bar every e-mail Masten sends must clear: LIX at most 40 (Swedish, Danish; "medelsvår" or easier),
/// Flesch–Kincaid grade at most 9 (English), and no finding of warning severity (long sentences, officialese,
/// passive voice where it hurts). Hints are allowed. Web addresses are left out: a link is not prose, and its
/// letters would count as one very long word.
/// </summary>
public static partial class MailReadability
{
    public const double MaxLix = 40;
    public const double MaxGrade = 9;

    /// <summary>What keeps <paramref name="text"/> from passing; empty when it passes.</summary>
    public static IReadOnlyList<string> Problems(string text, TextLanguage language)
    {
        var result = TextChecker.Check(Link().Replace(text, "link"), language);
        var problems = new List<string>();
        if (language == TextLanguage.English)
        {
            if (result.FleschKincaidGrade is { } grade && grade.Value > MaxGrade)
                problems.Add(FormattableString.Invariant($"Flesch-Kincaid grade {grade.Value:0.#} is above {MaxGrade}."));
        }
        else if (result.Lix is { } lix && lix.Value > MaxLix)
            problems.Add(FormattableString.Invariant($"LIX {lix.Value:0.#} is above {MaxLix}."));
        foreach (var finding in result.Findings.Where(f => f.Severity >= FindingSeverity.Warning))
            problems.Add($"{finding.RuleId}: \"{finding.Text}\"");
        return problems;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+")]
    private static partial System.Text.RegularExpressions.Regex Link();
}
