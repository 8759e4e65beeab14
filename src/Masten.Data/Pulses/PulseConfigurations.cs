using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Pulses;
using Masten.Data.Actors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Pulses;

internal sealed class PulseConfiguration : IEntityTypeConfiguration<Pulse>
{
    public void Configure(EntityTypeBuilder<Pulse> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MissionId).IsUnique();
        b.Property(x => x.Statements).HasMaxLength(8000);
        b.Property(x => x.OpenQuestion).HasMaxLength(2000);
        b.Property(x => x.ActorTypes).HasConversion(ListConversion.Enums<ActorType>(), ListConversion.Comparer<ActorType>()).HasMaxLength(400);
        b.Property(x => x.IndicatorStatement).HasMaxLength(40);
        b.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.IndicatorId);
    }
}

internal sealed class PulseRoundConfiguration : IEntityTypeConfiguration<PulseRound>
{
    public void Configure(EntityTypeBuilder<PulseRound> b)
    {
        b.HasOne<Pulse>().WithMany().HasForeignKey(x => x.PulseId).OnDelete(DeleteBehavior.Restrict);
        // Two instances opening the same round at once: one of them stores it.
        b.HasIndex(x => new { x.PulseId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.PulseId, x.ScheduledFor }).IsUnique();
        b.Property(x => x.Statements).HasMaxLength(8000);
        b.Property(x => x.OpenQuestion).HasMaxLength(2000);
        b.Property(x => x.OpenedBy).HasMaxLength(200);
    }
}

internal sealed class PulseLinkConfiguration : IEntityTypeConfiguration<PulseLink>
{
    public void Configure(EntityTypeBuilder<PulseLink> b)
    {
        b.HasKey(x => x.TokenHash);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasOne<PulseRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RoundId);
    }
}

/// <summary>Answers and their scores point at their round only: there is no key, column or index that leads to a link or a person.</summary>
internal sealed class PulseAnswerConfiguration : IEntityTypeConfiguration<PulseAnswer>
{
    public void Configure(EntityTypeBuilder<PulseAnswer> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne<PulseRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RoundId);
        b.Property(x => x.OpenAnswer).HasMaxLength(PulseRules.MaxOpenAnswer);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.AnswerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PulseScoreConfiguration : IEntityTypeConfiguration<PulseScore>
{
    public void Configure(EntityTypeBuilder<PulseScore> b)
    {
        b.HasKey(x => new { x.AnswerId, x.StatementKey });
        b.Property(x => x.StatementKey).HasMaxLength(40);
        b.HasIndex(x => new { x.RoundId, x.ActorType });
    }
}
