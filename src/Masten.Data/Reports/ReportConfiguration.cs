using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Reports;

internal sealed class MissionReportConfiguration : IEntityTypeConfiguration<MissionReport>
{
    public void Configure(EntityTypeBuilder<MissionReport> b)
    {
        b.Property(x => x.Title).HasMaxLength(Rules.ShortText);
        b.Property(x => x.CreatedBy).HasMaxLength(Rules.ShortText);
        // The frozen JSON document: unbounded text on both databases (TEXT).
        b.Property(x => x.Document);
        b.HasOne<Mission>().WithMany().HasForeignKey(x => x.MissionId).OnDelete(DeleteBehavior.Restrict);
        // A mission's reports, newest first, one page at a time; and the previous report of a date.
        b.HasIndex(x => new { x.MissionId, x.AsOf });
    }
}
