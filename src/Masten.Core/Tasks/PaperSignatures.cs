using System.Globalization;
using Masten.Core.Actors;
using Masten.Core.Common;

namespace Masten.Core.Tasks;

/// <summary>
/// A signature given on paper, entered by the programme office: who signed (<see cref="Signatory"/>) and on which
/// date (<see cref="SignedOn"/>). <see cref="Version"/>, when given, is the version of the commitment last read.
/// </summary>
public sealed record PaperSignatureInput(string? Signatory, DateOnly? SignedOn, int? Version = null);

/// <summary>
/// The rules of signatures that are not "Skriv under": a commitment is never created signed, and a signature on paper
/// is its own explicit action of the programme office, which records who entered it.
/// </summary>
public static class PaperSignatures
{
    /// <summary>
    /// A new commitment carries no signature: refused, naming each field, when a create gives the status signed
    /// (<c>status</c>), a date signed (<c>signedOn</c>) or a signatory (<c>signatory</c>). A representative signs
    /// afterwards with Skriv under, or the programme office enters a signature on paper.
    /// </summary>
    public static void CheckCreate(CommitmentStatus status, DateOnly? signedOn, string? signatory)
    {
        var rules = new Rules();
        if (status == CommitmentStatus.Signed)
            rules.Add("status", "NoSignatureOnCreate", "cannot be signed when the commitment is created: a representative signs it with Skriv under, or the programme office enters a signature on paper.");
        if (signedOn is not null)
            rules.Add("signedOn", "NoSignatureOnCreate", "cannot be given when the commitment is created: a representative signs it with Skriv under, or the programme office enters a signature on paper.");
        if (!Rules.IsBlank(signatory))
            rules.Add("signatory", "NoSignatureOnCreate", "cannot be given when the commitment is created: a representative signs it with Skriv under, or the programme office enters a signature on paper.");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// A signature on paper needs the name of who signed (<c>signatory</c>) and the date (<c>signedOn</c>, today or
    /// earlier, not before the round opened). The commitment must be in the mission's open round and open, as for
    /// Skriv under (<see cref="TaskRules.CheckSigning"/>): refused naming <c>roundId</c> or <c>status</c>, and a
    /// conflict (409) when it is signed already.
    /// </summary>
    public static void Check(PaperSignatureInput input, SigningFacts facts, DateOnly roundDate, DateOnly today)
    {
        var rules = new Rules().RequiredText("signatory", input.Signatory);
        if (input.SignedOn is not { } signed)
            rules.Add("signedOn", "Required", "is required.");
        else if (signed > today)
            rules.Add("signedOn", "SignedInFuture", $"must be today ({today:yyyy-MM-dd}) or earlier.", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else if (signed < roundDate)
            rules.Add("signedOn", "SignedBeforeRound", $"is before round {facts.RoundName} opened ({roundDate:yyyy-MM-dd}).", facts.RoundName, roundDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (rules.HasErrors)
            rules.ThrowIfAny();
        TaskRules.CheckSigning(facts with { RepresentsActor = true });
    }
}
