using Masten.Core.Common;
using Masten.Core.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Portfolio;

/// <summary>
/// Every write to initiatives, hypotheses, check-ins, reviews and decisions, shared by pages, the API
/// and the CLI. Each method checks the input with <see cref="PortfolioRules"/> and the database facts it
/// needs before changing anything, so bad input stores nothing. Updates take the version the user last
/// saw. A method returns null when the record to change (or the record to add to) does not exist.
/// Stage changes are written to the stage history on the date of the clock.
/// </summary>
public sealed class PortfolioStore(MastenDbContext db)
{
    /// <summary>Creates an initiative; its first stage is recorded in its stage history.</summary>
    public Task<Initiative> CreateInitiativeAsync(InitiativeInput input, CancellationToken ct = default) => CreateInitiativeAsync(input, null, ct);

    /// <summary>
    /// Creates an initiative. <paramref name="fromReviewId"/> names the review whose "start new" decision
    /// led to it: its first stage then links back to that review, like any decision's stage change.
    /// </summary>
    public async Task<Initiative> CreateInitiativeAsync(InitiativeInput input, int? fromReviewId, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == input.MissionId, ct))
            throw Invalid("missionId", "UnknownMission", "is not an existing mission.");
        if (fromReviewId is not null && !await db.Reviews.AnyAsync(r => r.Id == fromReviewId && r.MissionId == input.MissionId, ct))
            throw Invalid("reviewId", "UnknownReview", "is not a review of this mission.");
        await CheckAsync(input, ct);
        var initiative = new Initiative { MissionId = input.MissionId };
        Apply(initiative, input);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Initiatives.Add(initiative);
        await db.SaveChangesAsync(ct);
        db.StageChanges.Add(new StageChange { InitiativeId = initiative.Id, Stage = initiative.Stage, Date = db.Clock.Today(), ReviewId = fromReviewId });
        await db.SaveChangesAsync(ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return initiative;
    }

    /// <summary>Changes an initiative and replaces its contributions and funding; its mission stays. A new stage is added to the history.</summary>
    public async Task<Initiative?> UpdateInitiativeAsync(int id, InitiativeInput input, CancellationToken ct = default)
    {
        var initiative = await db.Initiatives.Include(i => i.Contributions).Include(i => i.Funding).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (initiative is null)
            return null;
        input = input with { MissionId = initiative.MissionId };
        await CheckAsync(input, ct);
        db.ExpectVersion(initiative, input.Version);
        var stageBefore = initiative.Stage;
        Apply(initiative, input);
        // Saving an initiative is one version even when only its contributions or funding changed.
        db.Entry(initiative).Property(i => i.UpdatedAt).IsModified = true;
        if (initiative.Stage != stageBefore)
            db.StageChanges.Add(new StageChange { InitiativeId = id, Stage = initiative.Stage, Date = db.Clock.Today() });
        await db.SaveVersionedAsync(ct);
        return initiative;
    }

    public async Task<Hypothesis?> CreateHypothesisAsync(int initiativeId, HypothesisInput input, CancellationToken ct = default)
    {
        if (!await db.Initiatives.AnyAsync(i => i.Id == initiativeId, ct))
            return null;
        PortfolioRules.Validate(input);
        var hypothesis = new Hypothesis { InitiativeId = initiativeId, OpenedOn = input.OpenedOn ?? db.Clock.Today() };
        Apply(hypothesis, input);
        db.Hypotheses.Add(hypothesis);
        await db.SaveChangesAsync(ct);
        return hypothesis;
    }

    public async Task<Hypothesis?> UpdateHypothesisAsync(int id, HypothesisInput input, CancellationToken ct = default)
    {
        var hypothesis = await db.Hypotheses.FindAsync([id], ct);
        if (hypothesis is null)
            return null;
        PortfolioRules.Validate(input);
        db.ExpectVersion(hypothesis, input.Version);
        Apply(hypothesis, input);
        if (input.OpenedOn is { } opened)
            hypothesis.OpenedOn = opened;
        await db.SaveVersionedAsync(ct);
        return hypothesis;
    }

    /// <summary>Adds a check-in to an initiative's history; check-ins are never changed.</summary>
    public async Task<CheckIn?> AddCheckInAsync(int initiativeId, CheckInInput input, CancellationToken ct = default)
    {
        if (!await db.Initiatives.AnyAsync(i => i.Id == initiativeId, ct))
            return null;
        PortfolioRules.Validate(input);
        var checkIn = new CheckIn
        {
            InitiativeId = initiativeId,
            Date = input.Date,
            Status = input.Status,
            Confidence = input.Confidence,
            WhatHappened = Trim(input.WhatHappened),
            Next = Trim(input.Next),
            Blockers = Trim(input.Blockers),
        };
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(ct);
        return checkIn;
    }

    public async Task<Review> CreateReviewAsync(ReviewInput input, CancellationToken ct = default)
    {
        if (!await db.Missions.AnyAsync(m => m.Id == input.MissionId, ct))
            throw Invalid("missionId", "UnknownMission", "is not an existing mission.");
        PortfolioRules.Validate(input, await MemberIdsAsync(input.MissionId, ct));
        var review = new Review { MissionId = input.MissionId };
        Apply(review, input);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(ct);
        return review;
    }

    public async Task<Review?> UpdateReviewAsync(int id, ReviewInput input, CancellationToken ct = default)
    {
        var review = await db.Reviews.FindAsync([id], ct);
        if (review is null)
            return null;
        input = input with { MissionId = review.MissionId };
        PortfolioRules.Validate(input, await MemberIdsAsync(input.MissionId, ct));
        db.ExpectVersion(review, input.Version);
        Apply(review, input);
        await db.SaveVersionedAsync(ct);
        return review;
    }

    /// <summary>
    /// Records a review's decision on an initiative of its mission and applies it: the initiative's stage
    /// moves as <see cref="PortfolioRules.StageAfter"/> says, and the stage history links back to the review.
    /// Null when the review does not exist.
    /// </summary>
    public async Task<ReviewDecision?> DecideAsync(int reviewId, DecisionInput input, CancellationToken ct = default)
    {
        var review = await db.Reviews.FindAsync([reviewId], ct);
        if (review is null)
            return null;
        var initiativeIds = await db.Initiatives.Where(i => i.MissionId == review.MissionId).Select(i => i.Id).ToListAsync(ct);
        PortfolioRules.Validate(input, initiativeIds.ToHashSet());
        var initiative = await db.Initiatives.FirstAsync(i => i.Id == input.InitiativeId, ct);
        var decision = new ReviewDecision { ReviewId = reviewId, InitiativeId = input.InitiativeId, Kind = input.Kind, Rationale = input.Rationale!.Trim() };
        db.ReviewDecisions.Add(decision);
        var stage = PortfolioRules.StageAfter(input.Kind, initiative.Stage);
        if (stage != initiative.Stage)
        {
            initiative.Stage = stage;
            db.StageChanges.Add(new StageChange { InitiativeId = initiative.Id, Stage = stage, Date = review.Date, ReviewId = reviewId });
        }
        await db.SaveVersionedAsync(ct);
        return decision;
    }

    private async Task CheckAsync(InitiativeInput input, CancellationToken ct)
    {
        var goalIds = (await db.Goals.Where(g => g.MissionId == input.MissionId).Select(g => g.Id).ToListAsync(ct)).ToHashSet();
        var indicatorGoals = await db.Indicators.Where(i => i.Goal!.MissionId == input.MissionId).ToDictionaryAsync(i => i.Id, i => i.GoalId, ct);
        var funders = (input.Funding ?? []).Select(f => f.FunderActorId).Distinct().ToList();
        var known = (await db.Actors.Where(a => funders.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        PortfolioRules.Validate(input, goalIds, indicatorGoals, await MemberIdsAsync(input.MissionId, ct), known);
    }

    private async Task<HashSet<int>> MemberIdsAsync(int missionId, CancellationToken ct) =>
        (await db.Memberships.Where(m => m.MissionId == missionId).Select(m => m.ActorId).ToListAsync(ct)).ToHashSet();

    private static DomainException Invalid(string field, string code, string message) =>
        new(DomainErrorKind.Validation, [new FieldError(field, code, message)]);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private void Apply(Initiative i, InitiativeInput input)
    {
        i.Title = input.Title!.Trim();
        i.Description = Trim(input.Description);
        i.Type = input.Type;
        i.LeadActorId = input.LeadActorId;
        i.PartnerActorIds = (input.PartnerActorIds ?? []).Order().ToList();
        i.Stage = input.Stage;
        i.Budget = input.Budget;
        i.Currency = input.Currency;
        i.StartDate = input.StartDate;
        i.EndDate = input.EndDate;
        i.Levers = (input.Levers ?? []).Distinct().Order().ToList();
        foreach (var old in i.Contributions)
            db.InitiativeContributions.Remove(old);
        i.Contributions.Clear();
        foreach (var c in input.Contributions ?? [])
            i.Contributions.Add(new InitiativeContribution { GoalId = c.GoalId, IndicatorId = c.IndicatorId, Direction = c.Direction, SizePerYear = c.SizePerYear, Size = c.Size, Confidence = c.Confidence });
        foreach (var old in i.Funding)
            db.FundingLines.Remove(old);
        i.Funding.Clear();
        foreach (var f in input.Funding ?? [])
            i.Funding.Add(new FundingLine { FunderActorId = f.FunderActorId, Amount = f.Amount, Currency = f.Currency });
    }

    private static void Apply(Hypothesis h, HypothesisInput input)
    {
        h.Belief = input.Belief!.Trim();
        h.Test = Trim(input.Test);
        h.Result = input.Result;
        h.Learning = Trim(input.Learning);
    }

    private static void Apply(Review r, ReviewInput input)
    {
        r.Date = input.Date;
        r.Kind = input.Kind;
        r.Participants = Trim(input.Participants);
        r.ParticipantActorIds = (input.ParticipantActorIds ?? []).Distinct().Order().ToList();
        r.Insights = Trim(input.Insights);
    }
}
