using Masten.Core.Actors;

namespace Masten.Core.Pulses;

/// <summary>How many answered in one group of one round, and the sum of each statement's values.</summary>
public sealed record PulseGroupCount(int RoundId, ActorType ActorType, int Answers, IReadOnlyDictionary<string, int> Sums);

/// <summary>Why a cell shows no figures.</summary>
public enum PulseHidden
{
    /// <summary>Shown.</summary>
    No,
    /// <summary>Nobody of the group answered.</summary>
    NoAnswers,
    /// <summary>Fewer answers than the threshold.</summary>
    TooFew,
    /// <summary>Large enough, but hidden too so that a smaller group cannot be worked out by subtracting it from the total.</summary>
    Complementary,
}

/// <summary>
/// One cell of the results: a round and an actor type (null: everyone). <see cref="Answers"/> and <see cref="Means"/>
/// are null unless the cell is shown.
/// </summary>
public sealed record PulseCell(int RoundId, ActorType? ActorType, PulseHidden Hidden, int? Answers, IReadOnlyDictionary<string, double>? Means)
{
    public bool Shown => Hidden == PulseHidden.No;
}

/// <summary>
/// The anonymity rule of pulse results. A round's results are cells by actor type and one for everyone. A cell is
/// shown only with at least <c>threshold</c> answers. Because the everyone-cell is the sum of the type cells, hiding
/// one small type cell alone would let anyone subtract the shown types from everyone and get it back; so while the
/// hidden cells together hold fewer than <c>threshold</c> answers, the smallest shown type cell is hidden as well
/// (complementary suppression). What can be worked out from the hidden cells is then only their sum, a group of at
/// least <c>threshold</c> answers.
/// The results offer no other groups (no free choice of types), so no two overlapping groups differ by a small one.
/// </summary>
public static class PulseResults
{
    /// <summary>
    /// The cells of every round in <paramref name="rounds"/>: one per actor type of <paramref name="types"/> and per
    /// type that answered (every group that counts in the total is a cell, so none is hidden by leaving it out), each
    /// round's types first and its everyone-cell last. Means are the sum over the answers, on the 1–5 scale.
    /// </summary>
    public static IReadOnlyList<PulseCell> Cells(IEnumerable<int> rounds, IReadOnlyList<ActorType> types, IEnumerable<PulseGroupCount> counts, int threshold)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(counts);
        threshold = Math.Max(threshold, PulseRules.MinThreshold);
        var byRound = counts.ToLookup(c => c.RoundId);
        var result = new List<PulseCell>();
        foreach (var round in rounds)
        {
            var groups = byRound[round].GroupBy(c => c.ActorType).ToDictionary(g => g.Key, g => g.Single());
            var allTypes = types.Union(groups.Keys).Order().ToList();
            var hidden = Hide([.. allTypes.Select(t => groups.TryGetValue(t, out var g) ? g.Answers : 0)], threshold);
            for (var i = 0; i < allTypes.Count; i++)
            {
                var g = groups.GetValueOrDefault(allTypes[i]);
                result.Add(hidden[i] == PulseHidden.No ? new PulseCell(round, allTypes[i], PulseHidden.No, g!.Answers, Means(g.Sums, g.Answers))
                    : new PulseCell(round, allTypes[i], hidden[i], null, null));
            }
            var total = groups.Values.Sum(g => g.Answers);
            if (total == 0)
                result.Add(new PulseCell(round, null, PulseHidden.NoAnswers, null, null));
            else if (total < threshold)
                result.Add(new PulseCell(round, null, PulseHidden.TooFew, null, null));
            else
            {
                var sums = groups.Values.SelectMany(g => g.Sums).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
                result.Add(new PulseCell(round, null, PulseHidden.No, total, Means(sums, total)));
            }
        }
        return result;
    }

    /// <summary>
    /// Which of a round's type cells (their answer counts, in order) are hidden, given that their total is shown when it
    /// reaches the threshold. Every cell under the threshold is hidden. Then, while the hidden cells together hold some
    /// answers but fewer than the threshold (the total minus the shown cells would give them away), the smallest shown
    /// cell is hidden too (the first of equals). What subtraction can reveal is then only a group of at least the threshold.
    /// </summary>
    public static IReadOnlyList<PulseHidden> Hide(IReadOnlyList<int> answers, int threshold)
    {
        ArgumentNullException.ThrowIfNull(answers);
        threshold = Math.Max(threshold, PulseRules.MinThreshold);
        var hidden = answers.Select(n => n == 0 ? PulseHidden.NoAnswers : n < threshold ? PulseHidden.TooFew : PulseHidden.No).ToArray();
        if (answers.Sum() < threshold)
            return hidden; // the total is hidden too, so nothing can be subtracted
        int HiddenSum() => answers.Where((n, i) => hidden[i] is PulseHidden.TooFew or PulseHidden.Complementary).Sum();
        while (HiddenSum() is > 0 and var sum && sum < threshold)
        {
            var smallest = -1;
            for (var i = 0; i < answers.Count; i++)
                if (hidden[i] == PulseHidden.No && (smallest < 0 || answers[i] < answers[smallest]))
                    smallest = i;
            if (smallest < 0)
                break;
            hidden[smallest] = PulseHidden.Complementary;
        }
        return hidden;
    }

    /// <summary>The open answers of a round to show: none unless at least <paramref name="threshold"/> people wrote one; then sorted by text, so their order tells nothing.</summary>
    public static IReadOnlyList<string> OpenAnswers(IEnumerable<string> answers, int threshold)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var list = answers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        return list.Count < Math.Max(threshold, PulseRules.MinThreshold) ? [] : [.. list.Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, double> Means(IReadOnlyDictionary<string, int> sums, int answers) =>
        sums.ToDictionary(kv => kv.Key, kv => Math.Round((double)kv.Value / answers, 2));
}
