using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Accounts;

internal sealed class MastenUserConfiguration : IEntityTypeConfiguration<MastenUser>
{
    public void Configure(EntityTypeBuilder<MastenUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(200);
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<MastenUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Mission>().WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(r => r.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.UserId, r.ProgrammeId, r.MissionId });
        builder.ToTable(t => t.HasCheckConstraint("CK_RoleAssignments_Scope", "(\"ProgrammeId\" IS NULL) <> (\"MissionId\" IS NULL)"));
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.CreatedBy).HasMaxLength(256);
        builder.HasOne<Programme>().WithMany().HasForeignKey(i => i.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Mission>().WithMany().HasForeignKey(i => i.MissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(i => i.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<MastenUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
