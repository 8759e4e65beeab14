using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Data.Actors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Portfolio;

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> b)
    {
        b.Property(x => x.Title).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Description).HasMaxLength(Rules.LongText);
        b.Property(x => x.PartnerActorIds).HasConversion(ListConversion.Ints(), ListConversion.Comparer<int>()).HasMaxLength(2000);
        b.Property(x => x.Levers).HasConversion(ListConversion.Enums<SystemLever>(), ListConversion.Comparer<SystemLever>()).HasMaxLength(400);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.LeadActor).WithMany().HasForeignKey(x => x.LeadActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Contributions).WithOne().HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Funding).WithOne().HasForeignKey(f => f.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MissionId, x.Stage });
        // The portfolio's list of initiatives, by title, one page at a time.
        b.HasIndex(x => new { x.MissionId, x.Title });
    }
}

internal sealed class InitiativeContributionConfiguration : IEntityTypeConfiguration<InitiativeContribution>
{
    public void Configure(EntityTypeBuilder<InitiativeContribution> b)
    {
        b.HasOne<Goal>().WithMany().HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        // The goals each initiative works on (coverage) without reading the contribution rows.
        b.HasIndex(x => new { x.InitiativeId, x.GoalId });
    }
}

internal sealed class FundingLineConfiguration : IEntityTypeConfiguration<FundingLine>
{
    public void Configure(EntityTypeBuilder<FundingLine> b) =>
        b.HasOne<Actor>().WithMany().HasForeignKey(x => x.FunderActorId).OnDelete(DeleteBehavior.Restrict);
}

internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> b)
    {
        b.HasOne<Initiative>().WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.InitiativeId, x.Date });
    }
}

internal sealed class HypothesisConfiguration : IEntityTypeConfiguration<Hypothesis>
{
    public void Configure(EntityTypeBuilder<Hypothesis> b)
    {
        b.Property(x => x.Belief).HasMaxLength(Rules.LongText);
        b.Property(x => x.Test).HasMaxLength(Rules.LongText);
        b.Property(x => x.Learning).HasMaxLength(Rules.LongText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Initiative>().WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        // The oldest open hypothesis of an initiative, for the portfolio's alerts.
        b.HasIndex(x => new { x.InitiativeId, x.Result, x.OpenedOn });
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.Property(x => x.WhatHappened).HasMaxLength(Rules.LongText);
        b.Property(x => x.Next).HasMaxLength(Rules.LongText);
        b.Property(x => x.Blockers).HasMaxLength(Rules.LongText);
        b.HasOne<Initiative>().WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        // An initiative's latest check-ins (the portfolio's alerts, newest first with ties by id) read from the index alone.
        b.HasIndex(x => new { x.InitiativeId, x.Date, x.Id, x.Status });
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.Property(x => x.Participants).HasMaxLength(Rules.LongText);
        b.Property(x => x.Insights).HasMaxLength(Rules.LongText);
        b.Property(x => x.ParticipantActorIds).HasConversion(ListConversion.Ints(), ListConversion.Comparer<int>()).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.Date });
    }
}

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> b)
    {
        b.Property(x => x.Rationale).HasMaxLength(Rules.LongText);
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Initiative>().WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
    }
}
