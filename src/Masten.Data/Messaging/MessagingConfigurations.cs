using Masten.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Messaging;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        builder.Property(m => m.CauseKey).HasMaxLength(200);
        builder.Property(m => m.LockedBy).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => m.CauseKey).IsUnique();
        // The worker's claim: due pending messages in order.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
    }
}

internal sealed class EmailSuppressionConfiguration : IEntityTypeConfiguration<EmailSuppression>
{
    public void Configure(EntityTypeBuilder<EmailSuppression> builder)
    {
        builder.Property(s => s.NormalizedAddress).HasMaxLength(256);
        builder.HasIndex(s => s.NormalizedAddress).IsUnique();
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).ValueGeneratedNever();
        builder.HasOne<Accounts.MastenUser>().WithOne().HasForeignKey<NotificationSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Language).HasMaxLength(8);
        builder.Property(s => s.UsedLanguage).HasMaxLength(8);
        builder.Property(s => s.LastDigestPeriod).HasMaxLength(20);
        // The flags as their sum, not as names (the context stores enums as names).
        builder.Property(s => s.Kinds).HasConversion<int>();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasOne<Accounts.MastenUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.CauseKey).HasMaxLength(200);
        builder.Property(n => n.Context).HasMaxLength(300);
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.ActorName).HasMaxLength(300);
        builder.Property(n => n.Link).HasMaxLength(500);
        // One cause is told to one person once, however many instances compute it at the same moment.
        builder.HasIndex(n => new { n.UserId, n.CauseKey }).IsUnique();
    }
}
