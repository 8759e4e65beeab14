using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Masten.Core.Actors;
using Masten.Core.Common;

namespace Masten.Core.Pulses;

/// <summary>What the programme office saves as a mission's pulse. <see cref="Version"/> is the one last read (null the first time).</summary>
public sealed record PulseInput(
    IReadOnlyList<PulseStatement>? Statements,
    PulseText? OpenQuestion,
    IReadOnlyList<ActorType>? ActorTypes,
    int RoundsPerYear = PulseRules.DefaultRoundsPerYear,
    DateOnly? StartsOn = null,
    int OpenDays = PulseRules.DefaultOpenDays,
    int Threshold = PulseRules.DefaultThreshold,
    bool Scheduled = true,
    int? IndicatorId = null,
    string? IndicatorStatement = null,
    int? Version = null);

/// <summary>One answer as posted: a value 1–5 per statement key, and the open answer.</summary>
public sealed record PulseAnswerInput(IReadOnlyDictionary<string, int?>? Scores, string? OpenAnswer);

/// <summary>The pure rules of pulses: the seminar's defaults, validation, the schedule and the link secrets.</summary>
public static class PulseRules
{
    public const int MinStatements = 3;
    public const int MaxStatements = 6;
    public const int MinValue = 1;
    public const int MaxValue = 5;
    /// <summary>Groups smaller than this are never shown, whatever the pulse says.</summary>
    public const int MinThreshold = 3;
    public const int DefaultThreshold = 5;
    public const int DefaultRoundsPerYear = 2;
    public const int DefaultOpenDays = 21;
    public const int MaxOpenDays = 90;
    public const int MaxOpenAnswer = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The five statements of the seminar the pulse comes from ("patience and endurance from the public organisations,
    /// to build the kind of trust that is needed"; "everyone motivated toward the goal"; "language understandable to all").
    /// </summary>
    public static readonly IReadOnlyList<PulseStatement> DefaultStatements =
    [
        new("trust", "Jag litar på de andra aktörerna i missionen", "I trust the other actors in the mission", "Jeg har tillid til de andre aktører i missionen"),
        new("patience", "De offentliga aktörerna visar tålamod och uthållighet", "The public actors show patience and endurance", "De offentlige aktører viser tålmodighed og udholdenhed"),
        new("clarity", "Jag vet vart missionen ska", "I know where the mission is going", "Jeg ved, hvor missionen skal hen"),
        new("motivation", "Min organisation är motiverad att bidra", "My organisation is motivated to take part", "Min organisation er motiveret til at bidrage"),
        new("language", "Det som skrivs i missionen är lätt att förstå", "What is written in the mission is easy to understand", "Det, der skrives i missionen, er let at forstå"),
    ];

    /// <summary>The default open question.</summary>
    public static readonly PulseText DefaultOpenQuestion = new(
        "Vad skulle göra samarbetet i missionen bättre?",
        "What would make working together in the mission better?",
        "Hvad ville gøre samarbejdet i missionen bedre?");

    public static string WriteStatements(IEnumerable<PulseStatement> statements) => JsonSerializer.Serialize(statements.ToList(), Json);

    public static IReadOnlyList<PulseStatement> ReadStatements(string json) => JsonSerializer.Deserialize<List<PulseStatement>>(json, Json) ?? [];

    public static string? WriteText(PulseText? text) => text is null ? null : JsonSerializer.Serialize(text, Json);

    public static PulseText? ReadText(string? json) => json is null ? null : JsonSerializer.Deserialize<PulseText>(json, Json);

    /// <summary>
    /// Refuses a pulse that cannot be kept, naming each field: 3–6 statements (<c>statements</c>) each with a Swedish
    /// text (<c>statements[i].sv</c>) and a key unique in the pulse; texts no longer than a line; at least one actor
    /// type (<c>actorTypes</c>); 1–4 rounds a year (<c>roundsPerYear</c>); 1–90 open days (<c>openDays</c>); a threshold
    /// of at least 3 (<c>threshold</c>); an indicator statement that is one of the statements (<c>indicatorStatement</c>).
    /// Throws a <see cref="DomainException"/>; nothing is stored then.
    /// </summary>
    public static void Validate(PulseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rules = new Rules();
        var statements = input.Statements ?? [];
        if (statements.Count is < MinStatements or > MaxStatements)
            rules.Add("statements", "PulseStatementCount", "must be 3 to 6 statements.", MinStatements, MaxStatements);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            rules.RequiredText($"statements[{i}].sv", s.Sv, multiline: false)
                .OptionalText($"statements[{i}].en", s.En, Rules.ShortText, multiline: false)
                .OptionalText($"statements[{i}].da", s.Da, Rules.ShortText, multiline: false);
            if (string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > 40 || !keys.Add(s.Key.Trim()))
                rules.Add($"statements[{i}].key", "PulseStatementKey", "must be a short key, unique in the pulse.");
        }
        if (input.OpenQuestion is { } q)
        {
            rules.RequiredText("openQuestion.sv", q.Sv, multiline: false)
                .OptionalText("openQuestion.en", q.En, Rules.ShortText, multiline: false)
                .OptionalText("openQuestion.da", q.Da, Rules.ShortText, multiline: false);
        }
        if (input.ActorTypes is not { Count: > 0 } types || types.Any(t => !Enum.IsDefined(t)))
            rules.Add("actorTypes", "PulseActorTypes", "must name at least one actor type.");
        if (input.RoundsPerYear is < 1 or > 4)
            rules.Add("roundsPerYear", "PulseRoundsPerYear", "must be 1 to 4 rounds a year.");
        if (input.OpenDays is < 1 or > MaxOpenDays)
            rules.Add("openDays", "PulseOpenDays", "must be 1 to 90 days.", MaxOpenDays);
        if (input.StartsOn is { } starts)
            rules.Date("startsOn", starts);
        ValidateThreshold(rules, input.Threshold);
        if (input.IndicatorId is not null && (input.IndicatorStatement is null || !keys.Contains(input.IndicatorStatement)))
            rules.Add("indicatorStatement", "PulseIndicatorStatement", "must be one of the pulse's statements.");
        rules.ThrowIfAny();
    }

    /// <summary>A threshold below <see cref="MinThreshold"/> would show groups small enough to tell people apart.</summary>
    private static void ValidateThreshold(Rules rules, int threshold)
    {
        if (threshold < MinThreshold)
            rules.Add("threshold", "PulseThresholdTooLow", "must be at least 3: smaller groups could show who answered what.", MinThreshold);
        else if (threshold > 1000)
            rules.Add("threshold", "PulseThresholdTooHigh", "must be at most 1000.");
    }

    /// <summary>
    /// Refuses an answer naming each field: every statement of the round needs a value 1–5 (<c>scores[i].value</c>, i the
    /// statement's place in the round, from 0; the input names statements by key),
    /// no unknown statement (<c>scores</c>), an open answer of at most 2,000 characters (<c>openAnswer</c>).
    /// </summary>
    public static void Validate(PulseAnswerInput input, IReadOnlyList<PulseStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(statements);
        var rules = new Rules();
        var scores = input.Scores ?? new Dictionary<string, int?>();
        for (var i = 0; i < statements.Count; i++)
        {
            if (!scores.TryGetValue(statements[i].Key, out var value) || value is null)
                rules.Add($"scores[{i}].value", "PulseAnswerMissing", "needs an answer from 1 to 5.", MinValue, MaxValue);
            else if (value is < MinValue or > MaxValue)
                rules.Add($"scores[{i}].value", "PulseAnswerOutOfRange", "must be from 1 to 5.", MinValue, MaxValue);
        }
        if (scores.Keys.Any(k => statements.All(s => s.Key != k)))
            rules.Add("scores", "PulseUnknownStatement", "names a statement the pulse does not have.");
        rules.OptionalText("openAnswer", input.OpenAnswer, MaxOpenAnswer, multiline: true);
        rules.ThrowIfAny();
    }

    /// <summary>
    /// The latest scheduled day on or before <paramref name="today"/>: <paramref name="startsOn"/> and every
    /// 12 / <paramref name="roundsPerYear"/> months after it; null before the first. A pass that missed days opens the
    /// latest one only, never a backlog.
    /// </summary>
    public static DateOnly? DueRound(DateOnly startsOn, int roundsPerYear, DateOnly today)
    {
        if (today < startsOn || roundsPerYear is < 1 or > 12)
            return null;
        var months = 12 / roundsPerYear;
        var elapsed = (today.Year - startsOn.Year) * 12 + today.Month - startsOn.Month;
        var k = elapsed / months;
        var due = startsOn.AddMonths(k * months);
        return due > today ? startsOn.AddMonths((k - 1) * months) : due;
    }

    /// <summary>A new link secret: 32 random bytes, base64url (43 characters).</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What is stored of a secret: its SHA-256, lower-case hex.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a string can be a link secret at all (so junk is refused before any lookup).</summary>
    public static bool LooksLikeSecret(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
