using Masten.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masten.Data.Messaging;

/// <summary>
/// Writes the e-mail of a new invitation bound to an address (the web host's implementation renders it in the
/// inviter's language); the invitation store adds it to the outbox in the invitation's own transaction.
/// </summary>
public interface IInvitationMail
{
    Task<OutboxMessage?> ComposeAsync(MastenDbContext db, Masten.Core.Accounts.Invitation invitation, string secret, CancellationToken ct);
}
