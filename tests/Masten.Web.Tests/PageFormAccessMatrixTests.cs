using System.Net;
using System.Reflection;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Need = Masten.Web.Tests.AccessTests.Need;
using Role = Masten.Web.Tests.AccessTests.Role;

namespace Masten.Web.Tests;

/// <summary>
/// Every page with a form, posted by every kind of person. The form is the one an administrator sees; each person
/// posts it with an antiforgery token of their own session. What the post needs is in <see cref="Forms"/>, what
/// each need gives each role in <see cref="AccessTests.Expected"/>; a page with a form missing from the table fails
/// the test. A refused post must store nothing (no change record).
/// </summary>
public abstract class PageFormAccessMatrixTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    /// <summary>Allowed (the page, or a redirect to the record), or refused how.</summary>
    public enum Outcome
    {
        /// <summary>The page (also re-shown with a message on the input, 400), or a redirect to the record.</summary>
        Allowed,
        /// <summary>Past the access check, but the page refuses the post with a message and stores nothing.</summary>
        RefusedOnPage,
        SignIn,
        Forbidden,
        Hidden,
        /// <summary>Not the page: an antiforgery token the session does not accept, a form the page does not render, or an error.</summary>
        BadRequest,
    }

    /// <summary>The people of <see cref="AccessTests.Role"/>, and a representative of another actor in the same mission.</summary>
    private const string OtherRepresentative = "OtherRepresentative";

    /// <summary>What each page's form post needs, by route, and which of its forms is posted (by the start of its <c>_handler</c>).</summary>
    private static readonly Dictionary<string, (Need Need, string Handler)> Forms = new()
    {
        // Accounts
        ["/account/login"] = (Need.Public, "login"),
        ["/account"] = (Need.SignedIn, "token"),
        ["/missions/{MissionId:int}/members"] = (Need.Manage, "invite"),
        ["/programmes/{ProgrammeId:int}/members"] = (Need.Manage, "invite"),
        ["/invite/{Secret}"] = (Need.Public, "accept"), // an unknown invitation shows no form: see below
        ["/account/forgot-password"] = (Need.Public, "forgot"), // see NotReached
        ["/account/reset-password"] = (Need.Public, "reset"),
        ["/account/confirm-email"] = (Need.Public, "confirm-email"),
        ["/account/email"] = (Need.SignedIn, "change-email"),
        ["/account/notifications"] = (Need.SignedIn, "notification-settings"),
        ["/notifications"] = (Need.SignedIn, "notifications"),
        ["/admin/accounts"] = (Need.Administer, "disable-{account}"),
        ["/admin/accounts/{AccountId:int}"] = (Need.Administer, "revoke-"),
        // Missions
        ["/programmes/new"] = (Need.Administer, "programme"),
        ["/programmes/{Id:int}/edit"] = (Need.Manage, "programme"),
        ["/programmes/{ProgrammeId:int}/missions/new"] = (Need.Manage, "mission"),
        ["/missions/{Id:int}/edit"] = (Need.Edit, "mission"),
        ["/missions/{Id:int}/publish"] = (Need.Manage, "publish"), // the example mission is published already: refused on the page, nothing stored
        ["/missions/{MissionId:int}/goals/new"] = (Need.Edit, "goal"),
        ["/goals/{Id:int}/edit"] = (Need.Edit, "goal"),
        ["/goals/{GoalId:int}/indicators/new"] = (Need.Edit, "indicator"),
        ["/indicators/{Id:int}/edit"] = (Need.Edit, "indicator"),
        ["/indicators/{IndicatorId:int}/observations/new"] = (Need.Edit, "observation"), // representatives: only indicators their actor reports
        ["/observations/{CorrectsId:int}/correct"] = (Need.Edit, "observation"),
        // Plain language
        ["/missions/{MissionId:int}/glossary"] = (Need.Edit, "glossary"),
        ["/glossary/{Id:int}/edit"] = (Need.Edit, "glossary"),
        // Actors
        ["/actors/new"] = (Need.Edit, "actor"),
        ["/actors/{Id:int}/edit"] = (Need.ActorOwn, "actor"),
        ["/actors/{ActorId:int}/contacts/new"] = (Need.ActorOwn, "contact"),
        ["/contacts/{Id:int}/edit"] = (Need.ActorOwn, "contact"),
        ["/actors/{ActorId:int}/operational-goals/new"] = (Need.ActorOwn, "operational-goal"),
        ["/operational-goals/{Id:int}/edit"] = (Need.ActorOwn, "operational-goal"),
        ["/actors/{ActorId:int}/memberships/new"] = (Need.Edit, "membership"),
        ["/memberships/{Id:int}/edit"] = (Need.Edit, "membership"),
        ["/missions/{MissionId:int}/commitments/new"] = (Need.Contribute, "commitment"),
        ["/commitments/{Id:int}/edit"] = (Need.Contribute, "commitment"),
        ["/commitments/{Id:int}/paper-signature"] = (Need.Manage, "paper-signature"),
        ["/commitments/{Id:int}/sign"] = (Need.SignedIn, "sign"), // who may sign is judged by the commitment's actor and round: see Exceptions
        ["/missions/{MissionId:int}/drivers/new"] = (Need.Contribute, "driver"),
        ["/drivers/{Id:int}/edit"] = (Need.Contribute, "driver"),
        ["/missions/{MissionId:int}/rounds/new"] = (Need.Edit, "round"),
        ["/rounds/{Id:int}/edit"] = (Need.Edit, "round"),
        ["/missions/{MissionId:int}/tiers"] = (Need.Edit, "tiers"),
        // Portfolio
        ["/missions/{MissionId:int}/initiatives/new"] = (Need.Contribute, "initiative"),
        ["/initiatives/{Id:int}/edit"] = (Need.Contribute, "initiative"),
        ["/initiatives/{Id:int}"] = (Need.Contribute, "checkin"),
        ["/initiatives/{InitiativeId:int}/hypotheses/new"] = (Need.Contribute, "hypothesis"),
        ["/hypotheses/{Id:int}/edit"] = (Need.Contribute, "hypothesis"),
        ["/missions/{MissionId:int}/reviews/new"] = (Need.Edit, "review"),
        ["/reviews/{Id:int}/edit"] = (Need.Edit, "review"),
        ["/reviews/{Id:int}"] = (Need.Edit, "decision"),
        ["/reviews/{Id:int}/report"] = (Need.Edit, "decision"),
        // Journeys: the company reports a step (pending), its navigator or the programme office records one.
        ["/participants/{Id:int}"] = (Need.Contribute, "report"),
        ["/missions/{Id:int}/journey/edit"] = (Need.Edit, "journey"),
        ["/missions/{Id:int}/pulse"] = (Need.Edit, "pulse-definition"),
        ["/pulse/{Token}"] = (Need.Public, "pulse-answer"), // see NotReached
        // Yearly reports
        ["/missions/{MissionId:int}/reports/new"] = (Need.Edit, "report"),
        // Importera: the preview (the apply form shows only after a preview)
        ["/missions/{MissionId:int}/import"] = (Need.Edit, "preview"),
    };

    /// <summary>Pages whose form this matrix cannot reach with the example data, and where it is tested instead.</summary>
    private static readonly Dictionary<string, string> NotReached = new()
    {
        ["/invite/{Secret}"] = "a form only for a live invitation link, which is secret; InvitationTests post it",
        ["/account/forgot-password"] = "open to everyone by design, answering the same whether the account exists; MessagingTests post it",
        ["/account/reset-password"] = "a form only for a live reset link, which is secret; MessagingTests post it",
        ["/account/confirm-email"] = "a form only for a live confirmation link, which is secret; MessagingTests post it",
        ["/account/email"] = "the signed-in person's own address, whoever they are; MessagingTests post it",
        ["/account/notifications"] = "the signed-in person's own settings, whoever they are; NotificationTests post it",
        ["/notifications"] = "the signed-in person's own notifications, shown only when they have some; NotificationTests post it",
        ["/pulse/{Token}"] = "a form only for a live pulse link, which is secret; PulsesTests post it",
        ["/commitments/{Id:int}/paper-signature"] = "a form only for an unsigned commitment of an open round; PaperSignatureTests post it, for the office and for a refused representative",
    };

    /// <summary>Routes of a component that binds a form without showing it there; the form is taken from the other route and posted to this one.</summary>
    private static readonly Dictionary<string, string> FormFrom = new()
    {
        ["/reviews/{Id:int}/report"] = "/reviews/{Id:int}",
    };

    /// <summary>The expected outcome of a role's post, where it differs from the role table, with the reason.</summary>
    private static readonly Dictionary<(string Route, string Role), (Outcome Outcome, string Why)> Exceptions = new()
    {
        // A representative may open a new commitment, driver or initiative of the mission, for their own actor only:
        // the administrator's form names another actor, which the page refuses after reading the form.
        [("/missions/{MissionId:int}/commitments/new", OtherRepresentative)] = (Outcome.RefusedOnPage, "the form names another actor"),
        [("/missions/{MissionId:int}/drivers/new", OtherRepresentative)] = (Outcome.RefusedOnPage, "the form names another actor"),
        [("/missions/{MissionId:int}/initiatives/new", OtherRepresentative)] = (Outcome.RefusedOnPage, "the form names another actor"),
        // Signing: the example commitment is signed already, in a closed round, so every signed-in person's post is refused
        // on the page, naming why (a representative of its actor in the open round signs: RepresentativeTests).
        [("/commitments/{Id:int}/sign", nameof(Role.Outsider))] = (Outcome.RefusedOnPage, "not a representative of the actor"),
        [("/commitments/{Id:int}/sign", nameof(Role.Viewer))] = (Outcome.RefusedOnPage, "not a representative of the actor"),
        [("/commitments/{Id:int}/sign", nameof(Role.Representative))] = (Outcome.RefusedOnPage, "the round is closed"),
        [("/commitments/{Id:int}/sign", nameof(Role.Editor))] = (Outcome.RefusedOnPage, "not a representative of the actor"),
        [("/commitments/{Id:int}/sign", nameof(Role.Owner))] = (Outcome.RefusedOnPage, "not a representative of the actor"),
        [("/commitments/{Id:int}/sign", nameof(Role.Admin))] = (Outcome.RefusedOnPage, "not a representative of the actor"),
        [("/commitments/{Id:int}/sign", OtherRepresentative)] = (Outcome.RefusedOnPage, "a representative of another actor"),
        // The printable report renders no decision form, so a post naming it finds no form (400), after the access check.
        [("/reviews/{Id:int}/report", nameof(Role.Editor))] = (Outcome.BadRequest, "the report shows no form"),
        [("/reviews/{Id:int}/report", nameof(Role.Owner))] = (Outcome.BadRequest, "the report shows no form"),
        [("/reviews/{Id:int}/report", nameof(Role.Admin))] = (Outcome.BadRequest, "the report shows no form"),
    };

    /// <summary>The pages of the app: route, component, and the access rules it declares.</summary>
    private List<(string Route, Type Component, IReadOnlyList<AccessAttribute> Rules)> Pages() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e.Metadata.GetMetadata<ComponentTypeMetadata>()!.Type,
                (IReadOnlyList<AccessAttribute>)e.Metadata.GetOrderedMetadata<AccessAttribute>().ToList()))
            .ToList();

    /// <summary>A component that binds a form, found by reflection.</summary>
    private static bool BindsForm(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(p => p.GetCustomAttribute<SupplyParameterFromFormAttribute>() is not null);

    /// <summary>The posting forms of a page (those carrying a <c>_handler</c>), by handler name.</summary>
    private static Dictionary<string, IHtmlFormElement> PostForms(string html) =>
        Parser.ParseDocument(html).Forms
            .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Form: f, Handler: (f.Elements.OfType<IHtmlInputElement>().FirstOrDefault(i => i.Name == "_handler")?.Value)))
            .Where(x => x.Handler is not null)
            .GroupBy(x => x.Handler!)
            .ToDictionary(g => g.Key, g => g.First().Form);

    [SkippableFact]
    public async Task EveryPageWithAFormHasAnEntryInTheFormTable()
    {
        Factory.RequireDatabase();
        var world = await AccessTests.World.CreateAsync(Factory);
        var admin = world.Clients[Role.Admin];
        var withForm = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (route, component, rules) in Pages())
        {
            if (BindsForm(component))
            {
                withForm.Add(route);
                continue;
            }
            var response = await admin.GetAsync(world.Url(route, rules));
            if (response.IsSuccessStatusCode && PostForms(await response.Content.ReadAsStringAsync()).Count > 0)
                withForm.Add(route);
        }
        Assert.Empty(withForm.Except(Forms.Keys));
        Assert.Empty(Forms.Keys.Except(withForm));
    }

    [SkippableFact]
    public async Task EveryFormPostAnswersEveryRoleAsTheTableSays()
    {
        Factory.RequireDatabase();
        var world = await AccessTests.World.CreateAsync(Factory);
        var clients = Enum.GetValues<Role>().ToDictionary(r => r.ToString(), r => world.Clients[r]);
        clients[OtherRepresentative] = await OtherRepresentativeAsync(world);
        // Each person's antiforgery token, valid for that person's session.
        var tokens = new Dictionary<string, string>();
        foreach (var (name, client) in clients)
            tokens[name] = await PageTests.AntiforgeryTokenAsync(client);

        // A draft mission in the same programme, where only the programme office and the administrator have a role.
        var draftId = await Factory.WithDbAsync(async db =>
        {
            var programmeId = await db.Missions.Where(m => m.Id == world.MissionId).Select(m => m.ProgrammeId).FirstAsync();
            var draft = new Masten.Core.Missions.Mission { ProgrammeId = programmeId, Title = "Utkast", Statement = "Ett utkast.", BaselineYear = 2020, HorizonYear = 2035, Status = Masten.Core.Missions.MissionStatus.Draft, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Missions.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });
        var example = $"/missions/{world.MissionId}";

        var wrong = new List<string>();
        var draftRoutes = new List<string>();
        var pages = Pages().Where(p => Forms.ContainsKey(p.Route) && !NotReached.ContainsKey(p.Route)).OrderBy(p => p.Route, StringComparer.Ordinal)
            .Select(p => (p.Route, p.Rules, Url: world.Url(p.Route, p.Rules), FormUrl: world.Url(FormFrom.GetValueOrDefault(p.Route, p.Route), p.Rules), Draft: false))
            .ToList();
        // The mission's own forms once more on the draft: hidden (404) from everyone without a role in it.
        pages.AddRange(pages.Where(p => p.Url.StartsWith(example + "/", StringComparison.Ordinal) || p.Url == example + "/edit")
            .Select(p => (p.Route, p.Rules, Url: p.Url.Replace(example, $"/missions/{draftId}", StringComparison.Ordinal), FormUrl: p.FormUrl.Replace(example, $"/missions/{draftId}", StringComparison.Ordinal), Draft: true)).ToList());
        foreach (var (route, rules, url, formUrl, draft) in pages)
        {
            var (need, handler) = Forms[route];
            handler = handler.Replace("{account}", world.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var adminPage = await clients[nameof(Role.Admin)].GetAsync(formUrl);
            Assert.True(adminPage.IsSuccessStatusCode, $"{url} as the administrator answered {(int)adminPage.StatusCode}");
            var form = PostForms(await adminPage.Content.ReadAsStringAsync()).FirstOrDefault(f => f.Key.StartsWith(handler, StringComparison.Ordinal)).Value;
            // The new draft has no actors taking part: the forms that need one show no form there, and are left to the published mission.
            if (draft && form is null)
                continue;
            Assert.True(form is not null, $"{url} has no form whose handler starts with '{handler}'");
            if (draft)
                draftRoutes.Add(route);
            var fields = Fields(form);
            var action = string.IsNullOrEmpty(form.GetAttribute("action")) || FormFrom.ContainsKey(route) ? url : form.GetAttribute("action")!;
            // The administrator last: an allowed post (a disabled account, a new record) must not change what the others meet.
            foreach (var (name, client) in clients.OrderBy(c => c.Key == nameof(Role.Admin)))
            {
                var expected = draft && name is not (nameof(Role.Owner) or nameof(Role.Admin)) ? Outcome.Hidden
                    : Exceptions.TryGetValue((route, name), out var exception) ? exception.Outcome : Expected(need, name);
                fields["__RequestVerificationToken"] = tokens[name];
                var before = await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync());
                var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
                var actual = await ClassifyAsync(response);
                var after = await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync());
                if (expected == Outcome.RefusedOnPage && actual == Outcome.Allowed && after == before)
                    actual = Outcome.RefusedOnPage;
                if (actual != expected)
                    wrong.Add($"POST {url} ({fields["_handler"]}) as {name}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                if (actual != Outcome.Allowed && after != before)
                    wrong.Add($"POST {url} as {name} was refused ({actual}) but stored {after - before} change record(s)");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(draftRoutes.Count >= 5, "the draft mission's forms were posted: " + string.Join(", ", draftRoutes));
    }

    private static Outcome Expected(Need need, string role) =>
        role == OtherRepresentative
            // A representative of another actor: a role in the mission, none over this actor's records.
            ? need switch { Need.Public or Need.ReadPublished or Need.SignedIn => Outcome.Allowed, _ => Outcome.Forbidden }
            : AccessTests.Expected[need][(int)Enum.Parse<Role>(role)] switch
            {
                AccessTests.Outcome.Allowed => Outcome.Allowed,
                AccessTests.Outcome.SignIn => Outcome.SignIn,
                _ => Outcome.Forbidden,
            };

    private static async Task<Outcome> ClassifyAsync(HttpResponseMessage response) => response.StatusCode switch
    {
        // A page refusing the input shows itself again with a message, answering 400.
        HttpStatusCode.BadRequest when (await response.Content.ReadAsStringAsync()).Contains("<main", StringComparison.Ordinal) => Outcome.Allowed,
        HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found when response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true => Outcome.SignIn,
        HttpStatusCode.Unauthorized => Outcome.SignIn,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.Hidden,
        HttpStatusCode.BadRequest => Outcome.BadRequest, // a token the session does not accept: a fault of the test or of the page
        _ when (int)response.StatusCode is >= 200 and < 400 => Outcome.Allowed,
        _ => Outcome.BadRequest,
    };

    /// <summary>The values a browser would send for the form as rendered.</summary>
    private static Dictionary<string, string> Fields(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                        break;
                    if (input.Type is "submit")
                        break;
                    fields[input.Name] = input.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields[select.Name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields[area.Name] = area.Value;
                    break;
            }
        }
        return fields;
    }

    /// <summary>A representative of another actor taking part in the same mission.</summary>
    private async Task<HttpClient> OtherRepresentativeAsync(AccessTests.World world)
    {
        var other = await Factory.WithDbAsync(db => db.Memberships
            .Where(m => m.MissionId == world.MissionId && m.ActorId != world.ActorId).Select(m => m.ActorId).FirstAsync());
        var (_, token) = await Factory.CreateUserAsync($"other-rep-{Guid.NewGuid():N}@masten.test",
            [new RoleAssignment { MissionId = world.MissionId, Role = AccessRole.ActorRepresentative, ActorId = other }]);
        return Factory.CreateClientWithToken(token);
    }
}

public sealed class SqlitePageFormAccessMatrixTests(SqliteAppFactory factory) : PageFormAccessMatrixTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPageFormAccessMatrixTests(PostgresAppFactory factory) : PageFormAccessMatrixTests(factory), IClassFixture<PostgresAppFactory>;
