using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Masten.Core.Readability;

namespace Masten.Cli;

/// <summary><c>masten text check [--lang sv|da|en] [--json] [--fail-above N] FILE|-</c>.</summary>
internal static class TextCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The text file to check, or - to read standard input." };
        var lang = new Option<string>("--lang") { Description = "The text's language: sv (default), da or en. Messages follow it.", DefaultValueFactory = _ => "sv" };
        lang.AcceptOnlyFromAmong("sv", "da", "en");
        var json = new Option<bool>("--json") { Description = "Print scores and findings as JSON." };
        var failAbove = new Option<double?>("--fail-above") { Description = "Exit with code 3 when the headline score (LIX; Flesch–Kincaid grade for English) is above this. A text under 30 words has no score, so it never fails." };
        var check = new Command("check", "Check a text for readability, long sentences, jargon, officialese and passive voice.") { file, lang, json, failAbove };
        check.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            if (path == "-")
                text = await Console.In.ReadToEndAsync(ct);
            else if (File.Exists(path))
                text = await File.ReadAllTextAsync(path, ct);
            else
            {
                Console.Error.WriteLine($"There is no file '{path}'.");
                return 2;
            }
            var language = TextLanguages.Parse(parse.GetValue(lang))!.Value;
            var result = TextChecker.Check(text, language);
            // A text under about 30 words has no score worth reading (TextCheckResult.TooShortForScore): none is shown or compared.
            var headline = result.TooShortForScore ? null : language == TextLanguage.English ? result.FleschKincaidGrade : result.Lix;
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(ToJson(result, language), CliApp.Json));
            else
                Print(text, result, language);
            if (parse.GetValue(failAbove) is { } limit && headline is not null && headline.Value > limit)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ReadabilityText.ScoreName(headline.Kind, language)} {headline.Value:0.#} is above {limit:0.#}."));
                return 3;
            }
            return 0;
        });
        return new Command("text", "Plain-language tools.") { check };
    }

    private static void Print(string text, TextCheckResult result, TextLanguage ui)
    {
        var s = result.Statistics;
        Console.WriteLine($"{s.Words} words, {s.Sentences} sentences, {s.LongWords} long words.");
        if (result.TooShortForScore)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No score: {s.Words} words is too short for a {ReadabilityText.ScoreName(result.Language == TextLanguage.English ? ScoreKind.FleschReadingEase : ScoreKind.Lix, ui)} that means anything (it takes {ReadabilityFormulas.MinWordsForScore})."));
        else if (result.Scores.Count == 0)
            Console.WriteLine("No score: the text is empty.");
        foreach (var score in result.TooShortForScore ? [] : result.Scores)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ReadabilityText.ScoreName(score.Kind, ui)}: {score.Value:0.#}{(score.Label(ui) is { } label ? $" ({label})" : "")}"));
        foreach (var f in result.Findings)
        {
            var (line, column) = Position(text, f.Start);
            Console.WriteLine($"{line}:{column} {f.Severity.ToString().ToLowerInvariant()} {f.RuleId}: {f.Message(ui)}");
        }
    }

    /// <summary>1-based line and column of a character offset, for editors to jump to.</summary>
    private static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }

    private static object ToJson(TextCheckResult r, TextLanguage ui) => new
    {
        language = TextLanguages.Code(r.Language),
        statistics = r.Statistics,
        tooShortForScore = r.TooShortForScore,
        scores = (r.TooShortForScore ? [] : r.Scores).Select(s => new { kind = s.Kind, value = Math.Round(s.Value, 2), band = s.Band, label = s.Label(ui) }),
        findings = r.Findings.Select(f => new { ruleId = f.RuleId, severity = f.Severity, start = f.Start, length = f.Length, text = f.Text, suggestion = f.Suggestion, message = f.Message(ui) }),
    };
}
