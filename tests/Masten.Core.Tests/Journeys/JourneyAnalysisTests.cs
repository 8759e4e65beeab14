using Masten.Core.Accounts;
using Masten.Core.Common;
using Masten.Core.Journeys;

namespace Masten.Core.Tests.Journeys;

public class JourneyAnalysisTests
{
    private static readonly DateOnly D = new(2026, 1, 1);
    private static EventFact Ev(int id, int step, int day, StepEventStatus status = StepEventStatus.Confirmed, int? supersedes = null) =>
        new(id, step, D.AddDays(day), status, supersedes);

    [Fact]
    public void ThePositionIsTheStepOfTheLatestConfirmedEvent()
    {
        var log = new[] { Ev(1, 10, 0), Ev(2, 11, 5), Ev(3, 12, 9, StepEventStatus.Pending) };
        Assert.Equal(new JourneyPosition(11, D.AddDays(5)), JourneyAnalysis.Position(log));
    }

    [Fact]
    public void AConfirmationSupersedesThePendingReportAndMovesTheParticipant()
    {
        var log = new[] { Ev(1, 10, 0), Ev(2, 11, 5, StepEventStatus.Pending), Ev(3, 11, 5, StepEventStatus.Confirmed, supersedes: 2) };
        Assert.Equal(11, JourneyAnalysis.Position(log)!.StepId);
        Assert.Equal([1, 3], JourneyAnalysis.Current(log).Select(e => e.Id).Order());
    }

    [Fact]
    public void ACorrectionReplacesTheEventItSupersedes()
    {
        var log = new[] { Ev(1, 10, 0), Ev(2, 12, 5), Ev(3, 11, 5, supersedes: 2) };
        Assert.Equal(11, JourneyAnalysis.Position(log)!.StepId);
    }

    [Fact]
    public void ALaterEventAtALowerStepIsAStepBack()
    {
        var log = new[] { Ev(1, 10, 0), Ev(2, 12, 5), Ev(3, 11, 8) };
        Assert.Equal(11, JourneyAnalysis.Position(log)!.StepId);
        Assert.Equal(10, JourneyAnalysis.Position(log, asOf: D.AddDays(4))!.StepId);
    }

    [Fact]
    public void NoConfirmedEventMeansNoPosition() =>
        Assert.Null(JourneyAnalysis.Position([Ev(1, 10, 0, StepEventStatus.Pending)]));

    [Fact]
    public void TheFirstStartedDateIsTheFirstDayAtOrPastTheStartedStep()
    {
        var order = new Dictionary<int, int> { [10] = 0, [11] = 1, [12] = 2 };
        var log = new[] { Ev(1, 10, 0), Ev(2, 12, 5), Ev(3, 10, 8), Ev(4, 11, 20) };
        Assert.Equal(D.AddDays(5), JourneyAnalysis.FirstAtOrPast(log, order, startedOrder: 1));
        Assert.Null(JourneyAnalysis.FirstAtOrPast([Ev(1, 10, 0)], order, startedOrder: 1));
    }

    // Five steps; 10 participants: 2 without a step, 3 at step 0, 2 at step 1, 0 at step 2, 2 at step 3, 1 at step 4.
    [Fact]
    public void TheFunnelCountsAtAndAtOrPastEachStepAndTheConversionBetweenThem()
    {
        var at = new Dictionary<int, int> { [0] = 3, [1] = 2, [3] = 2, [4] = 1 };
        var rows = JourneyAnalysis.Funnel([100, 101, 102, 103, 104], at);
        Assert.Equal([3, 2, 0, 2, 1], rows.Select(r => r.At));
        Assert.Equal([8, 5, 3, 3, 1], rows.Select(r => r.AtOrPast));
        Assert.Null(rows[0].ConversionFromPrevious);
        Assert.Equal(5.0 / 8, rows[1].ConversionFromPrevious);
        Assert.Equal(3.0 / 5, rows[2].ConversionFromPrevious);
        Assert.Equal(1.0, rows[3].ConversionFromPrevious);
        Assert.Equal(1.0 / 3, rows[4].ConversionFromPrevious);
    }

    [Fact]
    public void ConversionAfterAnEmptyStepIsUnknownNotZero()
    {
        var rows = JourneyAnalysis.Funnel([1, 2], new Dictionary<int, int>());
        Assert.Null(rows[1].ConversionFromPrevious);
    }

    [Theory]
    [InlineData(new double[] { 10 }, 0.5, 10)]
    [InlineData(new double[] { 10, 20 }, 0.5, 15)]
    [InlineData(new double[] { 30, 10, 20 }, 0.5, 20)]
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, 0.8, 4.2)]
    [InlineData(new double[] { 0, 100 }, 0.8, 80)]
    public void PercentilesInterpolateBetweenClosestRanks(double[] values, double p, double expected) =>
        Assert.Equal(expected, JourneyAnalysis.Percentile(values, p)!.Value, 9);

    [Fact]
    public void ThePercentileOfNothingIsUnknown() => Assert.Null(JourneyAnalysis.Percentile([], 0.5));

    [Fact]
    public void TimeBetweenStepsCountsOnlyParticipantsWhoReachedBoth()
    {
        // Step 0 → 1 took 10, 20 and 40 days; the fourth participant never reached step 1.
        var reached = new[]
        {
            new Dictionary<int, DateOnly> { [0] = D, [1] = D.AddDays(10), [2] = D.AddDays(15) },
            new Dictionary<int, DateOnly> { [0] = D, [1] = D.AddDays(20) },
            new Dictionary<int, DateOnly> { [0] = D.AddDays(5), [1] = D.AddDays(45) },
            new Dictionary<int, DateOnly> { [0] = D },
        };
        var durations = JourneyAnalysis.Durations([1, 2, 3], reached);
        Assert.Equal(3, durations[0].Participants);
        Assert.Equal(20, durations[0].MedianDays);
        Assert.Equal(32, durations[0].Percentile80Days!.Value, 9); // h = 0.8·2 = 1.6: 20 + 0.6·(40 − 20)
        Assert.Equal(1, durations[1].Participants);
        Assert.Equal(5, durations[1].MedianDays);
    }

    [Theory]
    [InlineData(0, null, null, null, false, 89, false)] // joined 89 days ago, nothing since: not yet
    [InlineData(0, null, null, null, false, 90, true)] // 90 days: stalled
    [InlineData(0, null, 50, null, false, 120, false)] // a step 70 days ago
    [InlineData(0, null, 10, 60, false, 120, false)] // an activity 60 days ago keeps it moving
    [InlineData(0, null, 10, 20, false, 120, true)]
    [InlineData(0, null, null, null, true, 400, false)] // at the last step: done, not stalled
    [InlineData(0, 100, null, null, false, 400, false)] // left: not stalled
    [InlineData(0, 500, null, null, false, 400, true)] // leaves later: still taking part today
    public void StalledMeansNoStepAndNoActivityForTheSetNumberOfDays(int joined, int? left, int? lastStep, int? lastActivity, bool atLast, int today, bool stalled) =>
        Assert.Equal(stalled, JourneyAnalysis.IsStalled(D.AddDays(joined), Day(left), Day(lastStep), Day(lastActivity), atLast, D.AddDays(today), 90));

    private static DateOnly? Day(int? d) => d is null ? null : D.AddDays(d.Value);

    [Fact]
    public void AnEvenCaseloadHasNoVariation()
    {
        var b = JourneyAnalysis.Balance([10, 10, 10]);
        Assert.Equal((3, 30, 10.0, 10, 10, 0.0), (b.Navigators, b.Participants, b.Mean, b.Min, b.Max, b.CoefficientOfVariation));
    }

    [Fact]
    public void AnUnevenCaseloadHasTheCoefficientOfVariationOfItsCounts()
    {
        // Mean 10, deviations −10, 0, +10: population sd = √(200/3).
        var b = JourneyAnalysis.Balance([0, 10, 20]);
        Assert.Equal(Math.Sqrt(200.0 / 3) / 10, b.CoefficientOfVariation, 9);
        Assert.Equal((0, 20), (b.Min, b.Max));
    }

    [Fact]
    public void TheCohortCurveIsTheShareStartedBySoManyMonthsAmongThoseObservedThatLong()
    {
        var today = new DateOnly(2026, 7, 1);
        var cohort = new (DateOnly, DateOnly?)[]
        {
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 20)), // started in month 0
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 15)), // started in month 3
            (new DateOnly(2026, 1, 1), null),
            (new DateOnly(2026, 5, 1), null), // observed for two months only
        };
        var curve = JourneyAnalysis.CohortCurve(cohort, 6, today);
        Assert.Equal(4, curve[0].Observed);
        Assert.Equal(0, curve[0].ShareStarted); // nobody started on the day they joined
        Assert.Equal(1.0 / 4, curve[1].ShareStarted);
        Assert.Equal(3, curve[3].Observed);
        Assert.Equal(2.0 / 3, curve[3].ShareStarted);
        Assert.Equal(3, curve[6].Observed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheCohortCurveEqualsCountingEachMonthAfresh(int seed)
    {
        // Month ends (the 28th to the 31st) test AddMonths' clipping: 31 January plus one month is 28 February.
        var rnd = new Random(seed);
        var today = new DateOnly(2026, 3, 30);
        var cohort = Enumerable.Range(0, 300).Select(_ =>
        {
            var joined = new DateOnly(2023 + rnd.Next(4), 1 + rnd.Next(12), 1).AddDays(rnd.Next(2) == 0 ? rnd.Next(28) : 27 + rnd.Next(4) % 4);
            DateOnly? started = rnd.Next(3) == 0 ? null : joined.AddDays(rnd.Next(800));
            return (joined, started);
        }).ToList();
        var curve = JourneyAnalysis.CohortCurve(cohort, 24, today);
        for (var m = 0; m <= 24; m++)
        {
            var observed = cohort.Where(p => p.joined.AddMonths(m) <= today).ToList();
            var started = observed.Count(p => p.started is { } s && s <= p.joined.AddMonths(m));
            Assert.Equal(new CohortPoint(m, observed.Count, observed.Count == 0 ? null : (double)started / observed.Count), curve[m]);
        }
    }

    [Theory]
    [InlineData(0, SizeClass.Micro)]
    [InlineData(9, SizeClass.Micro)]
    [InlineData(10, SizeClass.Small)]
    [InlineData(49, SizeClass.Small)]
    [InlineData(50, SizeClass.Medium)]
    [InlineData(249, SizeClass.Medium)]
    [InlineData(250, SizeClass.Large)]
    public void SizeClassesFollowTheEuSmeThresholds(int employees, SizeClass expected) =>
        Assert.Equal(expected, JourneyAnalysis.SizeClassOf(employees));
}

public class JourneyRulesTests
{
    private static readonly StepInput[] Five =
    [
        new(1, "Första kontakt", null, null, false, false),
        new(2, "Kartlagd värdekedja", null, "kartlagd värdekedja", true, true),
        new(3, "Ny affärsmodell", null, null, true, false),
    ];

    private static FieldError Error(Action act) => Assert.Single(Assert.Throws<DomainException>(act).Errors);

    [Fact]
    public void TheFirstDefinitionNeedsNoReason() =>
        JourneyRules.Validate(new JourneyInput([.. Five.Select(s => s with { Id = null })]), new HashSet<int>(), new HashSet<int>(), isFirst: true);

    [Fact]
    public void AChangeNeedsAReason() =>
        Assert.Equal("reason", Error(() => JourneyRules.Validate(new JourneyInput(Five), new HashSet<int> { 1, 2, 3 }, new HashSet<int>(), isFirst: false)).Field);

    [Fact]
    public void ExactlyOneStepIsTheStartedStep()
    {
        var e = Error(() => JourneyRules.Validate(new JourneyInput([.. Five.Select(s => s with { Id = null, IsStarted = true })]), new HashSet<int>(), new HashSet<int>(), true));
        Assert.Equal(("steps", "OneStartedStep"), (e.Field, e.Code));
    }

    [Fact]
    public void RemovingAStepWithEventsWithoutAMoveIsRefused()
    {
        var e = Error(() => JourneyRules.Validate(new JourneyInput(Five[..2], Reason: "Slår ihop"), new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 3 }, false));
        Assert.Equal(("moves", "OrphanedEvents"), (e.Field, e.Code));
    }

    [Fact]
    public void RemovingAStepWithEventsIsAllowedWhenTheMoveSaysWhereTheyGo() =>
        JourneyRules.Validate(new JourneyInput(Five[..2], Reason: "Slår ihop", Moves: [new StepMove(3, 2)]), new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 3 }, false);

    [Fact]
    public void AMoveMustGoToAStepThatStays()
    {
        var e = Error(() => JourneyRules.Validate(new JourneyInput(Five[..2], Reason: "x", Moves: [new StepMove(3, 3)]), new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 3 }, false));
        Assert.Equal("moves[0].toStepId", e.Field);
    }

    [Fact]
    public void RemovingAStepWithoutEventsNeedsNoMove() =>
        JourneyRules.Validate(new JourneyInput(Five[..2], Reason: "Onödigt steg"), new HashSet<int> { 1, 2, 3 }, new HashSet<int>(), false);

    [Fact]
    public void AStepIdMustBeOneOfTheJourneys() =>
        Assert.Equal("steps[0].id", Error(() => JourneyRules.Validate(new JourneyInput([Five[0] with { Id = 99 }, Five[1], Five[2]], Reason: "x"), new HashSet<int> { 1, 2, 3 }, new HashSet<int>(), false)).Field);

    [Fact]
    public void AnEventForAStepNotInTheJourneyIsRefused() =>
        Assert.Equal("stepId", Error(() => JourneyRules.ValidateEvent(9, new DateOnly(2026, 2, 1), null, new HashSet<int> { 1, 2 }, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1))).Field);

    [Fact]
    public void AnEventBeforeTheParticipantJoinedIsRefused()
    {
        var e = Error(() => JourneyRules.ValidateEvent(1, new DateOnly(2025, 12, 31), null, new HashSet<int> { 1 }, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1)));
        Assert.Equal(("date", "BeforeJoined"), (e.Field, e.Code));
    }

    [Fact]
    public void ACorrectionNeedsAReason() =>
        Assert.Equal("reason", Error(() => JourneyRules.ValidateEvent(1, new DateOnly(2026, 2, 1), null, new HashSet<int> { 1 }, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1), " ", correction: true)).Field);

    [Theory]
    [InlineData("10", true)]
    [InlineData("10.71", true)]
    [InlineData("62.010", true)]
    [InlineData("1", false)]
    [InlineData("A10", false)]
    [InlineData("10.7100", false)]
    public void SectorsAreSniOrNaceCodes(string code, bool valid) => Assert.Equal(valid, JourneyRules.IsNaceCode(code));

    [Fact]
    public void LeavingNeedsAReasonAndADateAfterJoining()
    {
        var errors = Assert.Throws<DomainException>(() => JourneyRules.Validate(new ParticipantInput(1, "2025", null, null, null, SizeClass.Small, null, new DateOnly(2026, 1, 1), new DateOnly(2025, 1, 1)))).Errors;
        Assert.Equal(["leftOn", "leftReason"], errors.Select(e => e.Field).Order());
    }

    private static readonly Dictionary<int, DateOnly> Joined = new() { [1] = new(2025, 1, 15), [2] = new(2025, 2, 1), [3] = new(2025, 1, 1) };

    [Theory]
    [InlineData(null, new[] { 1, 2 }, "2025-03-10", null)]
    [InlineData(1, new int[0], "2025-03-10", null)]
    [InlineData(1, new[] { 2, 3 }, "2025-03-10", null)]
    [InlineData(null, new int[0], "2025-03-10", "participantIds")]
    [InlineData(1, new[] { 1 }, "2025-03-10", "participantIds[0]")]
    [InlineData(null, new[] { 2, 9 }, "2025-03-10", "participantIds[1]")]
    [InlineData(null, new[] { 3, 2 }, "2025-01-20", "participantIds[1]")]
    [InlineData(1, new[] { 3 }, "2025-01-10", "date")]
    [InlineData(null, new[] { 3 }, "2025-12-31", "date")]
    public void AnActivityNamesEachAttendeeOnceAndOnlyThoseWhoHadJoined(int? recordedFor, int[] others, string date, string? field)
    {
        var input = new ActivityInput(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), ActivityKind.Lab, "Labb", null, others);
        void Act() => JourneyRules.Validate(input, recordedFor, Joined, new DateOnly(2025, 6, 1));
        if (field is null)
            Act();
        else
            Assert.Equal(field, Error(Act).Field);
    }
}

public class NavigatorAccessTests
{
    private const int Programme = 1, Mission = 10, Actor = 100, Me = 7;

    private static Principal Navigator(int mission = Mission) => new(Me, false, [new RoleGrant(null, mission, AccessRole.Navigator)]);

    [Fact]
    public void ANavigatorChangesTheParticipantsAssignedToThem() =>
        Assert.Equal(AccessDecision.Allowed, AccessRules.Decide(Navigator(), new ResourceScope(Programme, Mission, Actor) { NavigatorUserId = Me }, Capability.Contribute));

    [Fact]
    public void ANavigatorDoesNotChangeAnotherNavigatorsParticipants() =>
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(Navigator(), new ResourceScope(Programme, Mission, Actor) { NavigatorUserId = 8 }, Capability.Contribute));

    [Fact]
    public void ANavigatorRoleInAnotherMissionGivesNothing() =>
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(Navigator(11), new ResourceScope(Programme, Mission, Actor) { NavigatorUserId = Me }, Capability.Contribute));

    [Fact]
    public void ANavigatorDoesNotEditTheMission() =>
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(Navigator(), new ResourceScope(Programme, Mission), Capability.Edit));

    [Fact]
    public void ANavigatorSeesWhoTakesPart() =>
        Assert.Equal(AccessDecision.Allowed, AccessRules.Decide(Navigator(), new ResourceScope(Programme, Mission), Capability.ReadParticipants));

    [Fact]
    public void ThePublicDoesNotSeeWhoTakesPart()
    {
        Assert.Equal(AccessDecision.SignInRequired, AccessRules.Decide(Principal.Anonymous, new ResourceScope(Programme, Mission), Capability.ReadParticipants));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(new Principal(9, false, []), new ResourceScope(Programme, Mission), Capability.ReadParticipants));
    }

    [Fact]
    public void ARepresentativeSeesOnlyItsOwnParticipation()
    {
        var rep = new Principal(9, false, [new RoleGrant(null, Mission, AccessRole.ActorRepresentative, Actor)]);
        Assert.Equal(AccessDecision.Allowed, AccessRules.Decide(rep, new ResourceScope(Programme, Mission, Actor), Capability.ReadParticipants));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(rep, new ResourceScope(Programme, Mission, 101), Capability.ReadParticipants));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(rep, new ResourceScope(Programme, Mission), Capability.ReadParticipants));
    }
}
