using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;

namespace Masten.Data.Generation;

// Reviews, initiatives with contributions, funding, stage history, check-ins, hypotheses and decisions.
public sealed partial class DatasetGenerator
{
    private readonly List<Review> reviews = [];
    private readonly Dictionary<int, List<Review>> reviewsOf = [];
    private readonly List<Initiative> initiatives = [];
    private readonly Dictionary<int, List<Initiative>> initiativesOf = [];
    private readonly List<InitiativeContribution> contributions = [];
    private readonly List<FundingLine> funding = [];
    private readonly List<StageChange> stageChanges = [];
    private readonly Dictionary<int, List<StageChange>> historyOf = [];
    private readonly List<Hypothesis> hypotheses = [];
    private readonly List<CheckIn> checkIns = [];
    private readonly List<ReviewDecision> decisions = [];

    private DateOnly StartOf(Mission mission) =>
        activatedOn.TryGetValue(mission.Id, out var activated) ? activated : DateOnly.FromDateTime(mission.CreatedAt);

    private void BuildReviews()
    {
        var r = Rng(7);
        var eligible = missions.Where(m => m.Status != MissionStatus.Draft && Active(m.Id).Count > 0).ToList();
        var perMission = Share(size.Reviews, eligible.Select(_ => 1.0).ToList());
        for (var e = 0; e < eligible.Count; e++)
        {
            var mission = eligible[e];
            var members = Active(mission.Id);
            var from = StartOf(mission).AddDays(180);
            var to = reference.AddDays(-7);
            var list = new List<Review>();
            for (var k = 0; k < perMission[e]; k++)
            {
                var date = from.AddDays((int)((long)(to.DayNumber - from.DayNumber) * (k + 1) / (perMission[e] + 1)));
                var participants = new SortedSet<int>();
                var count = Math.Min(members.Count, 2 + r.Next(5));
                while (participants.Count < count)
                    participants.Add(Pick(r, members).ActorId);
                var review = new Review
                {
                    Id = reviews.Count + 1,
                    MissionId = mission.Id,
                    Date = date,
                    Kind = k % 3 == 2 ? ReviewKind.YearlyCheckIn : ReviewKind.Sensemaking,
                    Participants = DatasetTexts.Invariant($"Programkontoret och {participants.Count} aktörer"),
                    ParticipantActorIds = [.. participants],
                    Insights = Pick(r, DatasetTexts.ReviewInsights),
                    Version = 1,
                    CreatedAt = At(date, 13),
                };
                review.UpdatedAt = review.CreatedAt;
                reviews.Add(review);
                list.Add(review);
                Audit(review, review.CreatedAt);
            }
            reviewsOf[mission.Id] = list;
        }
    }

    private void BuildInitiatives()
    {
        var r = Rng(8);
        var weights = missions.Select(m => Active(m.Id).Count == 0 ? 0 : m.Status == MissionStatus.Draft ? 0.2 : 1.0).ToList();
        var perMission = Share(size.Initiatives, weights);
        var funders = actors.Where(a => a.Type == ActorType.Funder).ToList();
        var decided = new List<ReviewDecision>();
        for (var m = 0; m < missions.Count; m++)
        {
            var mission = missions[m];
            var members = Active(mission.Id);
            var missionGoals = goalsOf[mission.Id];
            var missionReviews = reviewsOf.GetValueOrDefault(mission.Id) ?? [];
            var list = new List<Initiative>();
            initiativesOf[mission.Id] = list;
            for (var k = 0; k < perMission[m]; k++)
            {
                var lead = Pick(r, members);
                var leadActor = actors[lead.ActorId - 1];
                var partners = new SortedSet<int>();
                var partnerCount = Math.Min(members.Count - 1, r.Next(4));
                while (partners.Count < partnerCount)
                {
                    var p = Pick(r, members).ActorId;
                    if (p != lead.ActorId)
                        partners.Add(p);
                }
                var start = Between(r, StartOf(mission), reference.AddDays(-60));
                var id = initiatives.Count + 1;
                var goal = Pick(r, missionGoals);
                var initiative = new Initiative
                {
                    Id = id,
                    MissionId = mission.Id,
                    Title = DatasetTexts.Invariant($"{Pick(r, DatasetTexts.InitiativeWords)}: {goal.Title.ToLowerInvariant()} i {Place(k % 600)}"),
                    Description = r.Next(100) < 70 ? DatasetTexts.Invariant($"Insatsen prövar nya sätt att nå delmålet {goal.Title.ToLowerInvariant()}.") : null,
                    Type = (InitiativeType)r.Next(7),
                    LeadActorId = lead.ActorId,
                    PartnerActorIds = [.. partners],
                    StartDate = start,
                    Version = 1,
                    CreatedAt = At(start, 10, k % 60),
                };
                initiative.UpdatedAt = initiative.CreatedAt;
                if (r.Next(100) < 80)
                {
                    initiative.Budget = 1000 * (100 + r.Next(50_000));
                    initiative.Currency = leadActor.Country == Country.Denmark ? Currency.DKK : Currency.SEK;
                }
                var levers = new SortedSet<SystemLever>();
                var leverCount = 1 + r.Next(3);
                while (levers.Count < leverCount)
                    levers.Add((SystemLever)r.Next(8));
                initiative.Levers = [.. levers];
                initiatives.Add(initiative);
                list.Add(initiative);
                Audit(initiative, initiative.CreatedAt);

                var contributionGoals = new SortedSet<int> { goal.Id };
                var contributionCount = Math.Min(missionGoals.Count, 1 + r.Next(3));
                while (contributionGoals.Count < contributionCount)
                    contributionGoals.Add(Pick(r, missionGoals).Id);
                foreach (var goalId in contributionGoals)
                {
                    var goalIndicators = goals[goalId - 1].Indicators;
                    var indicator = goalIndicators.Count > 0 && r.Next(100) < 70 ? Pick(r, goalIndicators) : null;
                    var inUnit = indicator is not null && r.Next(100) < 60;
                    var contribution = new InitiativeContribution
                    {
                        Id = contributions.Count + 1,
                        InitiativeId = id,
                        GoalId = goalId,
                        IndicatorId = indicator?.Id,
                        Direction = r.Next(100) < 90 ? ContributionDirection.Improves : ContributionDirection.Worsens,
                        SizePerYear = inUnit ? Round(indicator!.BaselineValue * (0.001 + r.NextDouble() * 0.02)) : null,
                        Size = inUnit ? null : (Level)r.Next(3),
                        Confidence = (Level)r.Next(3),
                    };
                    contributions.Add(contribution);
                    Audit(contribution, initiative.CreatedAt);
                }
                if (initiative.Budget is { } budget && funders.Count > 0)
                {
                    var lines = new SortedSet<int>();
                    var lineCount = Math.Min(funders.Count, r.Next(3));
                    while (lines.Count < lineCount)
                        lines.Add(Pick(r, funders).Id);
                    foreach (var funderId in lines)
                    {
                        var line = new FundingLine
                        {
                            Id = funding.Count + 1,
                            InitiativeId = id,
                            FunderActorId = funderId,
                            Amount = Math.Round(budget * (0.1 + r.NextDouble() * 0.4)),
                            Currency = initiative.Currency!.Value,
                        };
                        funding.Add(line);
                        Audit(line, initiative.CreatedAt);
                    }
                }
                BuildStageHistory(r, initiative, missionReviews, decided);
            }
        }
        foreach (var decision in decided)
            decisions.Add(decision);
    }

    /// <summary>Idea at the start, then onwards with dated steps; a step to scaling, ended or back to exploring may be a review's decision.</summary>
    private void BuildStageHistory(Random r, Initiative initiative, IReadOnlyList<Review> missionReviews, List<ReviewDecision> decided)
    {
        var final = (InitiativeStage)Weighted(r, 10, 20, 25, 20, 25);
        var path = new List<InitiativeStage> { InitiativeStage.Idea };
        if (final != InitiativeStage.Idea)
            path.Add(InitiativeStage.Exploring);
        if (final is InitiativeStage.Testing or InitiativeStage.Scaling || (final == InitiativeStage.Ended && r.Next(100) < 60))
        {
            path.Add(InitiativeStage.Testing);
            if (r.Next(100) < 10)
                path.AddRange([InitiativeStage.Exploring, InitiativeStage.Testing]); // a pivot
        }
        if (final == InitiativeStage.Scaling || (final == InitiativeStage.Ended && path[^1] == InitiativeStage.Testing && r.Next(100) < 30))
            path.Add(InitiativeStage.Scaling);
        if (final == InitiativeStage.Ended)
            path.Add(InitiativeStage.Ended);

        var history = new List<StageChange>();
        historyOf[initiative.Id] = history;
        var date = initiative.StartDate!.Value;
        for (var i = 0; i < path.Count; i++)
        {
            int? reviewId = null;
            if (i > 0)
            {
                var previous = date;
                date = date.AddDays(60 + r.Next(300));
                if (date > reference)
                    break;
                var byReview = path[i] is InitiativeStage.Scaling or InitiativeStage.Ended || (path[i] == InitiativeStage.Exploring && path[i - 1] == InitiativeStage.Testing);
                if (byReview && r.Next(100) < 35 && missionReviews.LastOrDefault(v => v.Date > previous && v.Date <= date) is { } review)
                {
                    date = review.Date;
                    reviewId = review.Id;
                    decided.Add(new ReviewDecision
                    {
                        ReviewId = review.Id,
                        InitiativeId = initiative.Id,
                        Kind = path[i] switch { InitiativeStage.Scaling => DecisionKind.Scale, InitiativeStage.Ended => DecisionKind.Stop, _ => DecisionKind.Pivot },
                        Rationale = Pick(r, DatasetTexts.DecisionRationales),
                        CreatedAt = At(review.Date, 15),
                    });
                }
            }
            var change = new StageChange
            {
                Id = stageChanges.Count + 1,
                InitiativeId = initiative.Id,
                Stage = path[i],
                Date = date,
                ReviewId = reviewId,
                CreatedAt = At(date, 12),
            };
            stageChanges.Add(change);
            history.Add(change);
            Audit(change, change.CreatedAt);
        }
        initiative.Stage = history[^1].Stage;
        if (initiative.Stage == InitiativeStage.Ended)
            initiative.EndDate = history[^1].Date;
        else if (r.Next(100) < 60)
            initiative.EndDate = initiative.StartDate!.Value.AddYears(1 + r.Next(5));
    }

    private static InitiativeStage? StageOn(IReadOnlyList<StageChange> history, DateOnly date) =>
        history.LastOrDefault(c => c.Date <= date)?.Stage;

    private void BuildCheckInsAndHypotheses()
    {
        var r = Rng(10);
        // Check-ins from the first active stage until the end, or until the team stopped reporting.
        var spans = new List<(Initiative Initiative, DateOnly From, DateOnly To)>();
        foreach (var initiative in initiatives)
        {
            var history = historyOf[initiative.Id];
            if (history.Count < 2)
                continue;
            var from = history[1].Date;
            var to = initiative.Stage == InitiativeStage.Ended ? history[^1].Date : reference.AddDays(-r.Next(40));
            if (initiative.Stage != InitiativeStage.Ended && r.Next(100) < 25)
                to = reference.AddDays(-100 - r.Next(300));
            if (to < from)
                to = from;
            spans.Add((initiative, from, to));
        }
        var perInitiative = Share(size.CheckIns, spans.Select(s => 30.0 + s.To.DayNumber - s.From.DayNumber).ToList());
        for (var s = 0; s < spans.Count; s++)
        {
            var (initiative, from, to) = spans[s];
            var count = perInitiative[s];
            var struggling = r.Next(100) < 5;
            for (var j = 0; j < count; j++)
            {
                var date = count == 1 ? to : from.AddDays((int)((long)(to.DayNumber - from.DayNumber) * j / (count - 1)));
                var status = struggling && j >= count - 2 ? CheckInStatus.OffTrack : (CheckInStatus)Weighted(r, 60, 25, 15);
                var checkIn = new CheckIn
                {
                    Id = checkIns.Count + 1,
                    InitiativeId = initiative.Id,
                    Date = date,
                    Status = status,
                    Confidence = status switch { CheckInStatus.OnTrack => 6 + r.Next(5), CheckInStatus.AtRisk => 4 + r.Next(4), _ => 1 + r.Next(4) },
                    WhatHappened = Pick(r, DatasetTexts.CheckInHappened),
                    Next = r.Next(100) < 80 ? Pick(r, DatasetTexts.CheckInNext) : null,
                    Blockers = status == CheckInStatus.OnTrack ? null : Pick(r, DatasetTexts.CheckInBlockers),
                    CreatedAt = At(date, 16, j % 60),
                };
                checkIns.Add(checkIn);
                Audit(checkIn, checkIn.CreatedAt);
            }
        }

        var withWork = spans.Count > 0 ? spans.Select(s => s.Initiative).ToList() : initiatives;
        for (var i = 0; i < size.Hypotheses && withWork.Count > 0; i++)
        {
            var initiative = Pick(r, withWork);
            var opened = Between(r, initiative.StartDate!.Value, reference.AddDays(-10));
            var result = (HypothesisResult)Weighted(r, 50, 30, 20);
            var hypothesis = new Hypothesis
            {
                Id = hypotheses.Count + 1,
                InitiativeId = initiative.Id,
                Belief = Pick(r, DatasetTexts.Beliefs),
                Test = r.Next(100) < 80 ? "Vi jämför med en grupp som inte fick insatsen." : null,
                Result = result,
                Learning = result == HypothesisResult.Open ? null : Pick(r, DatasetTexts.Learnings),
                OpenedOn = opened,
                Version = 1,
                CreatedAt = At(opened, 11),
            };
            hypothesis.UpdatedAt = hypothesis.CreatedAt;
            hypotheses.Add(hypothesis);
            Audit(hypothesis, hypothesis.CreatedAt);
        }
    }

    /// <summary>Each review also decides to continue (or to start something new beside) a few initiatives active on its date.</summary>
    private void BuildDecisions()
    {
        var r = Rng(11);
        foreach (var review in reviews)
        {
            var candidates = initiativesOf[review.MissionId];
            if (candidates.Count == 0)
                continue;
            var wanted = 2 + r.Next(3);
            var chosen = new SortedSet<int>(decisions.Where(d => d.ReviewId == review.Id).Select(d => d.InitiativeId));
            for (var attempt = 0; attempt < 40 && wanted > 0; attempt++)
            {
                var initiative = Pick(r, candidates);
                if (chosen.Contains(initiative.Id) || StageOn(historyOf[initiative.Id], review.Date) is not (InitiativeStage.Exploring or InitiativeStage.Testing or InitiativeStage.Scaling))
                    continue;
                chosen.Add(initiative.Id);
                wanted--;
                decisions.Add(new ReviewDecision
                {
                    ReviewId = review.Id,
                    InitiativeId = initiative.Id,
                    Kind = r.Next(100) < 85 ? DecisionKind.Continue : DecisionKind.StartNew,
                    Rationale = Pick(r, DatasetTexts.DecisionRationales),
                    CreatedAt = At(review.Date, 15),
                });
            }
        }
        var ordered = decisions.OrderBy(d => d.ReviewId).ThenBy(d => d.InitiativeId).ToList();
        decisions.Clear();
        foreach (var decision in ordered)
        {
            decision.Id = decisions.Count + 1;
            decisions.Add(decision);
            Audit(decision, decision.CreatedAt);
        }
    }
}
