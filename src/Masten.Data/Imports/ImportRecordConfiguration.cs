using Masten.Core.Common;
using Masten.Core.Imports;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Imports;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> b)
    {
        b.ToTable("Imports");
        b.Property(x => x.FileName).HasMaxLength(Rules.ShortText);
        b.Property(x => x.Encoding).HasMaxLength(40);
        b.Property(x => x.Delimiter).HasMaxLength(1);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(Rules.ShortText);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MissionId, x.CreatedAt });
        // Visibility like every table of a mission: see MastenDbContext.OnModelCreating.
    }
}
