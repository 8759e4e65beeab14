using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Common;
using Masten.Data.Actors;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Accounts;

/// <summary>
/// Bringing an organisation into a mission in one step: the programme office picks an actor from the register (or
/// registers a new one), and Masten adds it to the mission and makes the invitation for its representative, all in one
/// transaction, so a refused step leaves nothing behind. An invitation bound to an address is e-mailed as
/// <see cref="AccountStore.InviteAsync"/> does.
/// </summary>
public sealed class Onboarding(MastenDbContext db, Messaging.IInvitationMail? invitationMail = null)
{
    /// <summary>
    /// Invites a person to <paramref name="missionId"/> with <paramref name="role"/>. For an actor representative the
    /// actor is <paramref name="actorId"/> (any actor of the register) or, when <paramref name="newActor"/> is given, a new
    /// actor registered here; an actor that does not take part in the mission yet joins it as a partner from today.
    /// Errors of the new actor are named <c>newActor.name</c>, <c>newActor.organisationNumber</c> and so on; the
    /// invitation's own as <see cref="AccountStore.InviteAsync"/> names them. Returns the invitation, its secret (shown
    /// once) and the actor it is bound to.
    /// </summary>
    public async Task<(Invitation Invitation, string Secret, int? ActorId, bool Joined)> InviteAsync(int missionId, AccessRole? role, int? actorId,
        ActorInput? newActor, string? email, int days, string createdBy, CancellationToken ct = default)
    {
        if (newActor is not null && actorId is not null)
            throw Invalid("actorId", "ActorOrNewActor", "choose an actor of the register or register a new one, not both.");
        if (newActor is not null && role != AccessRole.ActorRepresentative)
            throw Invalid("newActor.name", "ActorOnlyForRepresentative", "only an actor representative is bound to an actor.");
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var joined = false;
            if (newActor is not null)
            {
                try
                {
                    actorId = (await new ActorStore(db).CreateActorAsync(newActor, ct)).Id;
                }
                catch (DomainException ex) when (ex.Kind == DomainErrorKind.Validation)
                {
                    throw new DomainException(DomainErrorKind.Validation, ex.Errors.Select(e => e with { Field = "newActor." + e.Field }).ToList());
                }
            }
            if (actorId is { } actor && role == AccessRole.ActorRepresentative
                && await db.Actors.AnyAsync(a => a.Id == actor, ct)
                && !await db.Memberships.AnyAsync(m => m.ActorId == actor && m.MissionId == missionId, ct))
            {
                var today = db.Clock.Today();
                await new ActorStore(db).CreateMembershipAsync(new MembershipInput(actor, missionId, [MissionRole.Partner], today), ct);
                joined = true;
            }
            var (invitation, secret) = await new AccountStore(db, invitationMail).InviteAsync(new InvitationInput(null, missionId, role, actorId, email, days), createdBy, ct);
            if (own is not null)
                await own.CommitAsync(ct);
            return (invitation, secret, actorId, joined);
        }
        catch
        {
            if (own is not null)
                await own.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    private static DomainException Invalid(string field, string code, string message) =>
        new(DomainErrorKind.Validation, [new FieldError(field, code, message)]);
}
