using Masten.Core.Accounts;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Messaging;

namespace Masten.Web.Messaging;

/// <summary>Writes the invitation e-mail into the outbox with the invitation (see <see cref="Masten.Data.Accounts.AccountStore.InviteAsync"/>).</summary>
public sealed class InvitationMail(MailComposer composer) : IInvitationMail
{
    public async Task<OutboxMessage?> ComposeAsync(MastenDbContext db, Invitation invitation, string secret, CancellationToken ct) =>
        invitation.Email is null ? null : await composer.InvitationAsync(db, invitation, secret, MailComposer.CurrentLanguage(), ct);
}
