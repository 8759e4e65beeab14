using System.Globalization;
using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Actors;

internal sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> b)
    {
        b.Property(x => x.Name).HasMaxLength(Rules.ShortText);
        b.Property(x => x.OrganisationNumber).HasMaxLength(50);
        b.Property(x => x.Website).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Description).HasMaxLength(Rules.LongText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Name);
        // Checked by the store first; the index also settles two saves at once.
        b.HasIndex(x => x.OrganisationNumber).IsUnique();
    }
}

internal sealed class ContactPersonConfiguration : IEntityTypeConfiguration<ContactPerson>
{
    public void Configure(EntityTypeBuilder<ContactPerson> b)
    {
        b.Property(x => x.Name).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Role).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Email).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.Property(x => x.Roles).HasConversion(ListConversion.Enums<MissionRole>(), ListConversion.Comparer<MissionRole>()).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.ActorId }).IsUnique();
    }
}

internal sealed class SigningRoundConfiguration : IEntityTypeConfiguration<SigningRound>
{
    public void Configure(EntityTypeBuilder<SigningRound> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.Name }).IsUnique();
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.Property(x => x.Text).HasMaxLength(Rules.LongText);
        b.Property(x => x.Tier).HasMaxLength(50);
        b.Property(x => x.GoalIds).HasConversion(ListConversion.Ints(), ListConversion.Comparer<int>()).HasMaxLength(2000);
        b.Property(x => x.EvidenceNotes).HasMaxLength(Rules.LongText);
        b.Property(x => x.EvidenceLinks).HasMaxLength(Rules.LongText);
        b.Property(x => x.Signatory).HasMaxLength(Rules.ShortText);
        b.Property(x => x.SignatureEnteredBy).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Round).WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CarriedFromId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.RoundId, x.Status });
        b.HasIndex(x => x.ActorId);
    }
}

internal sealed class DriverConfiguration : IEntityTypeConfiguration<Driver>
{
    public void Configure(EntityTypeBuilder<Driver> b)
    {
        b.Property(x => x.Categories).HasConversion(ListConversion.Enums<DriverCategory>(), ListConversion.Comparer<DriverCategory>()).HasMaxLength(400);
        b.Property(x => x.GoalIds).HasConversion(ListConversion.Ints(), ListConversion.Comparer<int>()).HasMaxLength(2000);
        b.Property(x => x.Text).HasMaxLength(Rules.LongText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MissionId, x.ActorId });
    }
}

internal sealed class OperationalGoalConfiguration : IEntityTypeConfiguration<OperationalGoal>
{
    public void Configure(EntityTypeBuilder<OperationalGoal> b)
    {
        b.Property(x => x.Title).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Owner).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Relations).WithOne().HasForeignKey(r => r.OperationalGoalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoalRelationConfiguration : IEntityTypeConfiguration<GoalRelation>
{
    public void Configure(EntityTypeBuilder<GoalRelation> b)
    {
        b.Property(x => x.Explanation).HasMaxLength(Rules.LongText);
        b.HasOne<Goal>().WithMany().HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OperationalGoalId, x.GoalId }).IsUnique();
        b.HasIndex(x => new { x.GoalId, x.Kind });
    }
}

internal sealed class CommitmentTierSetConfiguration : IEntityTypeConfiguration<CommitmentTierSet>
{
    public void Configure(EntityTypeBuilder<CommitmentTierSet> b)
    {
        b.Property(x => x.Tiers).HasConversion(ListConversion.Texts(), ListConversion.Comparer<string>()).HasMaxLength(600);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MissionId).IsUnique();
    }
}

/// <summary>
/// Small lists stored as one comma-separated column (<c>Partner,Funder</c>, <c>12,14</c>): the same on
/// SQLite and PostgreSQL, readable in SQL and in change records. They are read whole, never searched in SQL.
/// </summary>
internal static class ListConversion
{
    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<T>, string> Enums<T>() where T : struct, Enum =>
        new(v => string.Join(",", v), v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<T>(s)).ToList());

    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<int>, string> Ints() =>
        new(v => string.Join(",", v.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList());

    /// <summary>Texts that never hold a comma (the rules say so).</summary>
    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>, string> Texts() =>
        new(v => string.Join(",", v), v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList());

    public static ValueComparer<List<T>> Comparer<T>() =>
        new((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList());
}
