using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Pulses;

namespace Masten.Core.Tests.Pulses;

public class PulseResultsTests
{
    private static readonly ActorType[] Types = [ActorType.Municipality, ActorType.CivilSociety, ActorType.Company];

    [Theory]
    // Every group large enough: all shown.
    [InlineData(new[] { 5, 6, 7 }, 5, "No,No,No")]
    // One small group: it is hidden, and so is the smallest shown group, or "all" minus the rest would give it away.
    [InlineData(new[] { 2, 6, 7 }, 5, "TooFew,Complementary,No")]
    [InlineData(new[] { 9, 1, 7 }, 5, "No,TooFew,Complementary")]
    // Two small groups whose sum is under the threshold: a shown group must go too.
    [InlineData(new[] { 2, 2, 10 }, 5, "TooFew,TooFew,Complementary")]
    // Two small groups whose sum reaches the threshold: their sum is all that subtraction gives, which is allowed.
    [InlineData(new[] { 3, 4, 10 }, 5, "TooFew,TooFew,No")]
    // A group with no answers reveals nothing and protects nothing.
    [InlineData(new[] { 0, 2, 8 }, 5, "NoAnswers,TooFew,Complementary")]
    [InlineData(new[] { 0, 0, 8 }, 5, "NoAnswers,NoAnswers,No")]
    // The total itself under the threshold: everything hidden, and nothing to subtract from.
    [InlineData(new[] { 1, 1, 1 }, 5, "TooFew,TooFew,TooFew")]
    // A threshold below 3 is never applied.
    [InlineData(new[] { 2, 3, 3 }, 1, "TooFew,Complementary,No")]
    public void SmallGroupsAreHiddenAndSoIsWhatWouldRevealThemBySubtraction(int[] answers, int threshold, string expected) =>
        Assert.Equal(expected, string.Join(",", PulseResults.Hide(answers, threshold)));

    [Theory]
    [InlineData(new[] { 2, 6, 7 })]
    [InlineData(new[] { 2, 2, 10 })]
    [InlineData(new[] { 1, 3, 5, 9 })]
    [InlineData(new[] { 4, 5, 5, 5, 1 })]
    [InlineData(new[] { 0, 1, 20 })]
    public void AllMinusTheShownGroupsIsNeverAGroupUnderTheThreshold(int[] answers)
    {
        const int threshold = 5;
        var hidden = PulseResults.Hide(answers, threshold);
        var total = answers.Sum();
        var shown = answers.Where((n, i) => hidden[i] == PulseHidden.No).Sum();
        // "All" is shown when it reaches the threshold; all minus the shown groups is what an observer can work out.
        if (total >= threshold)
            Assert.True(total - shown == 0 || total - shown >= threshold, $"all ({total}) minus shown ({shown}) reveals {total - shown} answers");
        // Every shown group is itself large enough.
        Assert.All(answers.Where((n, i) => hidden[i] == PulseHidden.No), n => Assert.True(n >= threshold));
    }

    [Fact]
    public void CellsCarryMeansOnlyWhenShownAndCountATypeOutsideThePulseInTheTotal()
    {
        var counts = new[]
        {
            new PulseGroupCount(1, ActorType.Municipality, 6, new Dictionary<string, int> { ["trust"] = 24 }),
            new PulseGroupCount(1, ActorType.Company, 2, new Dictionary<string, int> { ["trust"] = 10 }),
            // A type the pulse no longer asks still answered: it is a cell of its own, never hidden by leaving it out.
            new PulseGroupCount(1, ActorType.University, 7, new Dictionary<string, int> { ["trust"] = 14 }),
        };
        var cells = PulseResults.Cells([1], Types, counts, 5);

        Assert.Equal(["Municipality", "CivilSociety", "Company", "University", "All"], cells.Select(c => c.ActorType?.ToString() ?? "All").ToArray());
        var byType = cells.ToDictionary(c => c.ActorType?.ToString() ?? "All");
        Assert.Equal(PulseHidden.TooFew, byType["Company"].Hidden);
        Assert.Null(byType["Company"].Means);
        Assert.Equal(PulseHidden.Complementary, byType["Municipality"].Hidden);
        Assert.Null(byType["Municipality"].Answers);
        Assert.True(byType["University"].Shown);
        Assert.Equal(2.0, byType["University"].Means!["trust"]);
        Assert.Equal(15, byType["All"].Answers);
        Assert.Equal(3.2, byType["All"].Means!["trust"]);
        Assert.Equal(PulseHidden.NoAnswers, byType["CivilSociety"].Hidden);
    }

    [Fact]
    public void OpenAnswersShowOnlyFromTheThresholdAndSortedByText()
    {
        Assert.Empty(PulseResults.OpenAnswers(["b", "a", " ", "c", "d"], 5));
        Assert.Equal(["a", "b", "c", "d", "e"], PulseResults.OpenAnswers(["e", "b", "a", "d", "c"], 5));
    }
}

public class PulseRulesTests
{
    private static PulseInput Valid(int threshold = 5) =>
        new(PulseRules.DefaultStatements, PulseRules.DefaultOpenQuestion, [ActorType.Municipality], Threshold: threshold);

    [Fact]
    public void TheSeminarsFiveStatementsAreAValidPulse() => PulseRules.Validate(Valid());

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-5)]
    public void AThresholdBelowThreeIsRefusedNamingTheField(int threshold)
    {
        var ex = Assert.Throws<DomainException>(() => PulseRules.Validate(Valid(threshold)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("threshold", error.Field);
        Assert.Equal("PulseThresholdTooLow", error.Code);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void APulseHasThreeToSixStatements(int count)
    {
        var statements = Enumerable.Range(1, count).Select(i => new PulseStatement($"s{i}", $"Påstående {i}")).ToList();
        var ex = Assert.Throws<DomainException>(() => PulseRules.Validate(Valid() with { Statements = statements }));
        Assert.Equal("statements", Assert.Single(ex.Errors).Field);
    }

    [Theory]
    [InlineData(0, "scores[0].value", "PulseAnswerOutOfRange")]
    [InlineData(6, "scores[0].value", "PulseAnswerOutOfRange")]
    [InlineData(null, "scores[0].value", "PulseAnswerMissing")]
    public void AnAnswerOutsideOneToFiveIsRefusedNamingTheStatement(int? value, string field, string code)
    {
        var scores = PulseRules.DefaultStatements.ToDictionary(s => s.Key, s => (int?)3);
        scores["trust"] = value;
        var ex = Assert.Throws<DomainException>(() => PulseRules.Validate(new PulseAnswerInput(scores, null), PulseRules.DefaultStatements));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
    }

    [Theory]
    // Twice a year from 1 March: 1 March and 1 September.
    [InlineData("2027-03-01", 2, "2027-02-28", null)]
    [InlineData("2027-03-01", 2, "2027-03-01", "2027-03-01")]
    [InlineData("2027-03-01", 2, "2027-08-31", "2027-03-01")]
    [InlineData("2027-03-01", 2, "2027-09-01", "2027-09-01")]
    [InlineData("2027-03-01", 2, "2028-03-15", "2028-03-01")]
    // Once a year, and four times from the 31st (a month without one takes its last day).
    [InlineData("2027-01-15", 1, "2029-01-14", "2028-01-15")]
    [InlineData("2027-01-31", 4, "2027-05-01", "2027-04-30")]
    public void TheScheduleGivesTheLatestDueDay(string starts, int perYear, string today, string? due) =>
        Assert.Equal(due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            PulseRules.DueRound(DateOnly.Parse(starts, System.Globalization.CultureInfo.InvariantCulture), perYear, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ASecretIsStoredOnlyAsItsHashAndLooksLikeOne()
    {
        var secret = PulseRules.NewSecret();
        Assert.True(PulseRules.LooksLikeSecret(secret));
        Assert.Equal(64, PulseRules.Hash(secret).Length);
        Assert.NotEqual(secret, PulseRules.Hash(secret));
        Assert.False(PulseRules.LooksLikeSecret("not-a-real-token"));
    }
}
