using Masten.Core.Common;
using Masten.Core.Journeys;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Journeys;

internal sealed class JourneyConfiguration : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MissionId).IsUnique();
        b.HasOne<Indicator>().WithMany().HasForeignKey(x => x.StartedIndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.StartedIndicatorId);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.JourneyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JourneyStepConfiguration : IEntityTypeConfiguration<JourneyStep>
{
    public void Configure(EntityTypeBuilder<JourneyStep> b)
    {
        b.Property(x => x.Name).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Description).HasMaxLength(Rules.LongText);
        b.Property(x => x.Evidence).HasMaxLength(Rules.ShortText);
        b.HasOne<JourneyStep>().WithMany().HasForeignKey(x => x.MovedToStepId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.JourneyId, x.Order });
    }
}

internal sealed class JourneyVersionConfiguration : IEntityTypeConfiguration<JourneyVersion>
{
    public void Configure(EntityTypeBuilder<JourneyVersion> b)
    {
        b.Property(x => x.Reason).HasMaxLength(Rules.LongText);
        b.Property(x => x.CreatedBy).HasMaxLength(Rules.ShortText);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.Number }).IsUnique();
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.Property(x => x.Cohort).HasMaxLength(50);
        b.Property(x => x.MunicipalityCode).HasMaxLength(JourneyRules.CodeLength);
        b.Property(x => x.RegionCode).HasMaxLength(JourneyRules.CodeLength);
        b.Property(x => x.Sector).HasMaxLength(JourneyRules.CodeLength);
        b.Property(x => x.LeftReason).HasMaxLength(Rules.LongText);
        b.Property(x => x.CurrentStepOrder).HasDefaultValue(-1);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Masten.Core.Actors.Actor>().WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JourneyStep>().WithMany().HasForeignKey(x => x.CurrentStepId).OnDelete(DeleteBehavior.Restrict);
        // One participation per actor and mission; the overview counts by step and filters by these columns.
        b.HasIndex(x => new { x.MissionId, x.ActorId }).IsUnique();
        b.HasIndex(x => new { x.MissionId, x.CurrentStepOrder });
        b.HasIndex(x => new { x.MissionId, x.NavigatorId });
        b.HasIndex(x => new { x.MissionId, x.Cohort });
    }
}

internal sealed class NavigatorAssignmentConfiguration : IEntityTypeConfiguration<NavigatorAssignment>
{
    public void Configure(EntityTypeBuilder<NavigatorAssignment> b)
    {
        b.Property(x => x.AssignedBy).HasMaxLength(Rules.ShortText);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ParticipantId);
    }
}

internal sealed class StepEventConfiguration : IEntityTypeConfiguration<StepEvent>
{
    public void Configure(EntityTypeBuilder<StepEvent> b)
    {
        b.Property(x => x.Evidence).HasMaxLength(Rules.LongText);
        b.Property(x => x.Reason).HasMaxLength(Rules.LongText);
        b.Property(x => x.RecordedBy).HasMaxLength(Rules.ShortText);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JourneyStep>().WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Restrict);
        // An event is superseded at most once: a second correction of the same event is refused by the database too.
        b.HasIndex(x => x.SupersedesId).IsUnique();
        b.HasIndex(x => new { x.ParticipantId, x.IsCurrent });
        b.HasIndex(x => x.StepId);
    }
}

internal sealed class JourneyActivityConfiguration : IEntityTypeConfiguration<JourneyActivity>
{
    public void Configure(EntityTypeBuilder<JourneyActivity> b)
    {
        b.Property(x => x.Title).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Host).HasMaxLength(Rules.ShortText);
        b.Property(x => x.RecordedBy).HasMaxLength(Rules.ShortText);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.Date });
    }
}

internal sealed class ActivityAttendeeConfiguration : IEntityTypeConfiguration<ActivityAttendee>
{
    public void Configure(EntityTypeBuilder<ActivityAttendee> b)
    {
        b.HasOne<JourneyActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        // A participant attends an activity once; its activities are read by participant.
        b.HasIndex(x => new { x.ActivityId, x.ParticipantId }).IsUnique();
        b.HasIndex(x => x.ParticipantId);
    }
}
