using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Data.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Missions;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.Property(x => x.Name).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Description).HasMaxLength(Rules.LongText);
        b.Property(x => x.ProgrammeOffice).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Name);
    }
}

internal sealed class MissionConfiguration : IEntityTypeConfiguration<Mission>
{
    public void Configure(EntityTypeBuilder<Mission> b)
    {
        b.Property(x => x.Title).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Statement).HasMaxLength(Rules.LongText);
        b.Property(x => x.Language).HasMaxLength(2).HasDefaultValue("sv");
        b.Property(x => x.LixTarget).HasDefaultValue(40.0);
        b.Property(x => x.StaleAfterDays).HasDefaultValue(90);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Programme).WithMany(p => p.Missions).HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        b.Property(x => x.Title).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Description).HasMaxLength(Rules.LongText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Mission).WithMany(m => m.Goals).HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.ParentId, x.Order });
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(x => x.Name).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Code).HasMaxLength(MissionRules.IndicatorCodeLength);
        b.HasIndex(x => x.Code);
        b.Property(x => x.Description).HasMaxLength(Rules.LongText);
        b.Property(x => x.Unit).HasMaxLength(50);
        b.Property(x => x.Source).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Goal).WithMany(g => g.Indicators).HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Masten.Core.Actors.Actor>().WithMany().HasForeignKey(x => x.ReportingActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Observations).WithOne().HasForeignKey(o => o.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b) =>
        b.HasIndex(x => new { x.IndicatorId, x.Date }).IsUnique();
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> b)
    {
        b.Property(x => x.Source).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Note).HasMaxLength(Rules.LongText);
        b.Property(x => x.EnteredBy).HasMaxLength(Rules.ShortText);
        b.Property(x => x.CorrectionReason).HasMaxLength(Rules.LongText);
        b.HasIndex(x => new { x.IndicatorId, x.Date });
        // The current series of an indicator in date order, and its first and latest value, by index seeks.
        b.HasIndex(x => new { x.IndicatorId, x.IsCurrent, x.Date });
        // When a mission's current series last changed (the public page's "last updated"), by one seek per indicator.
        b.HasIndex(x => new { x.IndicatorId, x.IsCurrent, x.EnteredAt });
        // A record is corrected at most once; a second correction must correct the correction.
        // The unique index makes two concurrent corrections of one value a conflict, not a fork.
        b.HasIndex(x => x.SupersedesId).IsUnique();
        b.HasOne<Observation>().WithMany().HasForeignKey(x => x.SupersedesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoadmapVersionConfiguration : IEntityTypeConfiguration<RoadmapVersion>
{
    public void Configure(EntityTypeBuilder<RoadmapVersion> b)
    {
        b.Property(x => x.Reason).HasMaxLength(Rules.LongText);
        b.Property(x => x.CreatedBy).HasMaxLength(Rules.ShortText);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Masten.Core.Portfolio.Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
        // Numbers are 1, 2, 3 … per mission; two revisions saved at once cannot both take the same number.
        b.HasIndex(x => new { x.MissionId, x.Number }).IsUnique();
    }
}

internal sealed class GlossaryEntryConfiguration : IEntityTypeConfiguration<Masten.Core.Readability.GlossaryEntry>
{
    public void Configure(EntityTypeBuilder<Masten.Core.Readability.GlossaryEntry> b)
    {
        b.Property(x => x.Term).HasMaxLength(100);
        b.Property(x => x.Explanation).HasMaxLength(2000);
        b.Property(x => x.Language).HasMaxLength(2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MissionId, x.Language, x.Term }).IsUnique();
    }
}

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> b)
    {
        b.Property(x => x.EntityType).HasMaxLength(60);
        b.Property(x => x.Action).HasMaxLength(20);
        b.Property(x => x.ChangedBy).HasMaxLength(Rules.ShortText);
        // The history of one record, newest first, and the audit filters by date and by person.
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.ChangedAt);
        b.HasIndex(x => x.ChangedBy);
    }
}
