using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Masten.Core.Accounts;
using Masten.Core.Missions;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>
/// Every endpoint of the app, pages and API, asked by every kind of person. The expected answer comes from
/// two tables: what each endpoint needs (<see cref="Needs"/>) and what each need gives each role
/// (<see cref="Expected"/>). An endpoint missing from the first table fails the test.
/// </summary>
public abstract class AccessTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    public enum Need
    {
        /// <summary>Open to all: sign-in, invitation, health, public lists (filtered to what the person may see).</summary>
        Public,
        /// <summary>A record of a published mission: anyone may read it.</summary>
        ReadPublished,
        /// <summary>Anything outside a mission: any signed-in person.</summary>
        SignedIn,
        /// <summary>The actor's own data: its representative, or an editor.</summary>
        Contribute,
        /// <summary>An actor's own records (the actor, its contacts, operational goals): its representative, the programme office of a mission it takes part in; not an editor.</summary>
        ActorOwn,
        /// <summary>The mission's content: an editor or the programme office.</summary>
        Edit,
        /// <summary>People and roles: the programme office.</summary>
        Manage,
        /// <summary>Masten itself: a system administrator.</summary>
        Administer,
        /// <summary>Who takes part in a journey, mission-wide: anyone with a role in the mission except a representative (who sees only its own).</summary>
        SeeParticipants,
        /// <summary>One participant (of the representative's own actor): anyone with a role in the mission, and its representative.</summary>
        SeeOwnParticipant,
    }

    public enum Role { Anonymous, Outsider, Viewer, Representative, Editor, Owner, Admin }

    /// <summary>Allowed, or refused how: the sign-in page or 401, 403.</summary>
    public enum Outcome { Allowed, SignIn, Forbidden }

    /// <summary>What each need gives each role, indexed by <see cref="Role"/>; the page form matrix reads it too.</summary>
    internal static readonly Dictionary<Need, Outcome[]> Expected = new()
    {
        //                                Anonymous       Outsider           Viewer             Representative     Editor             Owner              Admin
        [Need.Public] = [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Need.ReadPublished] = [Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Need.SignedIn] = [Outcome.SignIn, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Need.Contribute] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Need.ActorOwn] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
        [Need.Edit] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Need.Manage] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed],
        [Need.Administer] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed],
        [Need.SeeParticipants] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Allowed, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
        [Need.SeeOwnParticipant] = [Outcome.SignIn, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed],
    };

    /// <summary>What each endpoint needs, by method and route. Pages are listed by GET; their form posts are tested on their own.</summary>
    private static readonly Dictionary<string, Need> Needs = new()
    {
        // Platform and accounts
        ["GET /health"] = Need.Public,
        ["GET /_framework/opaque-redirect"] = Need.Public,
        ["GET /{**path:file}"] = Need.Public,
        ["HEAD /{**path:file}"] = Need.Public,
        ["GET /language"] = Need.Public,
        ["POST /language"] = Need.Public,
        ["POST /account/logout"] = Need.Public,
        ["GET /account/login"] = Need.Public,
        ["GET /invite/{Secret}"] = Need.Public,
        ["GET /not-found"] = Need.Public,
        ["GET /"] = Need.Public,
        ["GET /account"] = Need.SignedIn,
        ["GET /api/v1/me"] = Need.SignedIn,
        ["GET /api/v1/missions/{id:int}/members"] = Need.Manage,
        ["POST /api/v1/missions/{id:int}/invitations"] = Need.Manage,
        ["GET /missions/{MissionId:int}/members"] = Need.Manage,
        ["GET /programmes/{ProgrammeId:int}/members"] = Need.Manage,
        // Missions
        ["GET /api/v1/programmes/"] = Need.Public,
        ["GET /api/v1/programmes/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/programmes/"] = Need.Administer,
        ["PUT /api/v1/programmes/{id:int}"] = Need.Manage, // editing a programme needs a role in the whole programme; the editor here has one mission
        ["GET /api/v1/missions/"] = Need.Public,
        ["GET /api/v1/missions/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/missions/"] = Need.Manage, // a new mission in a programme: the programme office (the editor here has a role in one mission only)
        ["PUT /api/v1/missions/{id:int}"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/goals"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/overview"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/roadmap"] = Need.ReadPublished,
        // Exports
        ["GET /api/v1/missions/{id:int}/export"] = Need.ReadPublished,
        ["POST /api/v1/missions/import"] = Need.Administer, // into a database without programmes and actors; here it answers 409
        ["GET /api/v1/missions/{id:int}/roadmap/{number:int}"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/roadmap/diff"] = Need.ReadPublished,
        ["POST /api/v1/missions/{id:int}/imports/"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/imports/"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/imports/{importId:int}"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/imports/{importId:int}/file"] = Need.Edit,
        ["POST /api/v1/missions/{id:int}/imports/{importId:int}/apply"] = Need.Edit,
        ["GET /missions/{id:int}/imports/{importId:int}/file"] = Need.Edit,
        ["GET /api/v1/imports/templates/{kind}"] = Need.Public, // a template holds no data of any mission
        ["GET /imports/templates/{kind}"] = Need.Public,
        ["GET /missions/{MissionId:int}/import"] = Need.Edit,
        ["GET /missions/{Id:int}/roadmap"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/roadmap/{Number:int}"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/roadmap/diff"] = Need.ReadPublished,
        ["GET /api/v1/goals/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/goals/"] = Need.Edit,
        ["PUT /api/v1/goals/{id:int}"] = Need.Edit,
        ["GET /api/v1/goals/{id:int}/indicators"] = Need.ReadPublished,
        ["GET /api/v1/indicators/"] = Need.Public,
        ["GET /api/v1/indicators/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/indicators/"] = Need.Edit,
        ["PUT /api/v1/indicators/{id:int}"] = Need.Edit,
        ["GET /api/v1/indicators/{id:int}/observations"] = Need.ReadPublished,
        ["POST /api/v1/indicators/{id:int}/observations"] = Need.Edit, // representatives: only indicators assigned to their actor
        ["GET /api/v1/observations/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/observations/{id:int}/corrections"] = Need.Edit,
        ["GET /missions/{Id:int}"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/edit"] = Need.Edit,
        ["GET /programmes/new"] = Need.Administer,
        ["GET /programmes/{Id:int}/edit"] = Need.Manage, // the programme itself: its office (or an editor of the whole programme)
        ["GET /programmes/{ProgrammeId:int}/missions/new"] = Need.Manage,
        ["GET /missions/{MissionId:int}/goals/new"] = Need.Edit,
        ["GET /goals/{Id:int}/edit"] = Need.Edit,
        ["GET /goals/{GoalId:int}/indicators/new"] = Need.Edit,
        ["GET /indicators/{Id:int}"] = Need.ReadPublished,
        ["GET /indicators/{Id:int}/edit"] = Need.Edit,
        ["GET /indicators/{Id:int}/history"] = Need.ReadPublished,
        ["GET /indicators/{IndicatorId:int}/observations/new"] = Need.Edit,
        ["GET /observations/{CorrectsId:int}/correct"] = Need.Edit,
        // Progress
        ["GET /api/v1/indicators/{id:int}/progress"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/progress"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/progress"] = Need.ReadPublished,
        // Plain language
        ["POST /api/v1/text/check"] = Need.SignedIn,
        ["GET /api/v1/missions/{id:int}/glossary"] = Need.ReadPublished,
        ["POST /api/v1/missions/{id:int}/glossary"] = Need.Edit,
        ["PUT /api/v1/glossary/{id:int}"] = Need.Edit,
        ["DELETE /api/v1/glossary/{id:int}"] = Need.Edit,
        ["GET /missions/{Id:int}/language"] = Need.ReadPublished,
        ["GET /missions/{MissionId:int}/glossary"] = Need.ReadPublished,
        ["GET /glossary/{Id:int}/edit"] = Need.Edit,
        // Actors
        ["GET /api/v1/actors/"] = Need.SignedIn,
        ["GET /api/v1/actors/{id:int}"] = Need.SignedIn,
        ["POST /api/v1/actors/"] = Need.Edit,
        ["PUT /api/v1/actors/{id:int}"] = Need.ActorOwn,
        ["GET /api/v1/actors/{id:int}/contacts"] = Need.SignedIn,
        ["POST /api/v1/actors/{id:int}/contacts"] = Need.ActorOwn,
        ["GET /api/v1/actors/{id:int}/memberships"] = Need.SignedIn,
        ["GET /api/v1/contacts/{id:int}"] = Need.SignedIn,
        ["PUT /api/v1/contacts/{id:int}"] = Need.ActorOwn,
        ["GET /api/v1/memberships/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/memberships/"] = Need.Edit,
        ["PUT /api/v1/memberships/{id:int}"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/memberships"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/rounds"] = Need.ReadPublished,
        ["POST /api/v1/missions/{id:int}/rounds"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/tiers"] = Need.ReadPublished,
        ["PUT /api/v1/missions/{id:int}/tiers"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/tensions"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/actors"] = Need.ReadPublished,
        ["GET /api/v1/rounds/{id:int}"] = Need.ReadPublished,
        ["PUT /api/v1/rounds/{id:int}"] = Need.Edit,
        ["GET /api/v1/commitments/"] = Need.Public,
        ["GET /api/v1/commitments/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/commitments/"] = Need.Contribute,
        ["PUT /api/v1/commitments/{id:int}"] = Need.Contribute,
        ["GET /api/v1/drivers/"] = Need.Public,
        ["GET /api/v1/drivers/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/drivers/"] = Need.Contribute,
        ["PUT /api/v1/drivers/{id:int}"] = Need.Contribute,
        ["GET /api/v1/operational-goals/"] = Need.SignedIn,
        ["GET /api/v1/operational-goals/{id:int}"] = Need.SignedIn,
        ["POST /api/v1/operational-goals/"] = Need.ActorOwn,
        ["PUT /api/v1/operational-goals/{id:int}"] = Need.ActorOwn,
        ["GET /actors"] = Need.SignedIn,
        ["GET /actors/new"] = Need.Edit,
        ["GET /actors/{Id:int}"] = Need.SignedIn,
        ["GET /actors/{Id:int}/edit"] = Need.ActorOwn,
        ["GET /actors/{ActorId:int}/contacts/new"] = Need.ActorOwn,
        ["GET /contacts/{Id:int}/edit"] = Need.ActorOwn,
        ["GET /actors/{ActorId:int}/memberships/new"] = Need.Edit,
        ["GET /memberships/{Id:int}/edit"] = Need.Edit,
        ["GET /actors/{ActorId:int}/operational-goals/new"] = Need.ActorOwn,
        ["GET /operational-goals/{Id:int}/edit"] = Need.ActorOwn,
        ["GET /missions/{Id:int}/actors"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/tensions"] = Need.ReadPublished,
        ["GET /missions/{MissionId:int}/commitments/new"] = Need.Contribute,
        ["GET /commitments/{Id:int}/edit"] = Need.Contribute,
        // Tasks: anyone signed in has a list (perhaps empty); signing is judged by the commitment's actor and round (RepresentativeTests).
        ["GET /my-tasks"] = Need.SignedIn,
        ["GET /api/v1/me/tasks"] = Need.SignedIn,
        ["GET /commitments/{Id:int}/sign"] = Need.ReadPublished,
        ["POST /api/v1/commitments/{id:int}/sign"] = Need.SignedIn,
        ["GET /commitments/{Id:int}/paper-signature"] = Need.Manage,
        ["POST /api/v1/commitments/{id:int}/paper-signature"] = Need.Manage,
        // The programme office: publishing is its decision; the programme page is as readable as the programme.
        ["GET /missions/{Id:int}/publish"] = Need.Manage,
        ["POST /api/v1/missions/{id:int}/publish"] = Need.Manage,
        ["GET /programmes/{Id:int}"] = Need.ReadPublished,
        ["GET /missions/{MissionId:int}/drivers/new"] = Need.Contribute,
        ["GET /drivers/{Id:int}/edit"] = Need.Contribute,
        ["GET /missions/{MissionId:int}/rounds/new"] = Need.Edit,
        ["GET /rounds/{Id:int}/edit"] = Need.Edit,
        ["GET /missions/{MissionId:int}/tiers"] = Need.Edit,
        // Audit log
        ["GET /history/{EntityType}/{Id:int}"] = Need.SignedIn,
        ["GET /api/v1/history/{entityType}/{id:int}"] = Need.SignedIn,
        ["GET /admin/audit"] = Need.Administer,
        // Administering accounts (a named policy on the route group and on the page)
        ["GET /admin/accounts"] = Need.Administer,
        ["GET /admin/accounts/{AccountId:int}"] = Need.Administer,
        ["GET /api/v1/admin/accounts"] = Need.Administer,
        ["POST /api/v1/admin/accounts/{accountId:int}/disable"] = Need.Administer,
        ["POST /api/v1/admin/accounts/{accountId:int}/enable"] = Need.Administer,
        ["GET /api/v1/admin/accounts/{accountId:int}/tokens"] = Need.Administer,
        ["DELETE /api/v1/admin/tokens/{tokenId:int}"] = Need.Administer,
        ["GET /api/v1/audit/"] = Need.Administer,
        ["GET /admin/outbox"] = Need.Administer,
        ["GET /admin/outbox/{MessageId:long}"] = Need.Administer,
        ["GET /account/forgot-password"] = Need.Public,
        ["GET /account/reset-password"] = Need.Public,
        ["GET /account/confirm-email"] = Need.Public,
        ["GET /account/email"] = Need.SignedIn,
        ["GET /unsubscribe/{Token}"] = Need.Public,
        ["POST /unsubscribe/{token}/one-click"] = Need.Public,
        // Pulses: the programme office defines them and sees the results; anyone with a link answers.
        ["GET /missions/{Id:int}/pulse"] = Need.Edit,
        ["GET /missions/{Id:int}/pulse/results"] = Need.Edit,
        ["GET /pulse/{Token}"] = Need.Public,
        ["GET /api/v1/missions/{id:int}/pulse"] = Need.Edit,
        ["PUT /api/v1/missions/{id:int}/pulse"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/pulse/rounds"] = Need.Edit,
        ["POST /api/v1/missions/{id:int}/pulse/rounds"] = Need.Edit,
        ["POST /api/v1/missions/{id:int}/pulse/rounds/{roundId:int}/close"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/pulse/results"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/pulse/results/csv"] = Need.Edit,
        ["POST /api/v1/pulse-answers/{token}"] = Need.Public,
        ["GET /account/notifications"] = Need.SignedIn,
        ["GET /notifications"] = Need.SignedIn,
        ["GET /api/v1/me/notifications"] = Need.SignedIn,
        ["POST /api/v1/me/notifications/{id:long}/read"] = Need.SignedIn,
        ["POST /api/v1/me/notifications/read"] = Need.SignedIn,
        ["GET /api/v1/me/notification-settings"] = Need.SignedIn,
        ["PUT /api/v1/me/notification-settings"] = Need.SignedIn,
        // Portfolio
        ["GET /api/v1/missions/{id:int}/initiatives"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/portfolio"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/reviews"] = Need.ReadPublished,
        ["GET /api/v1/initiatives/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/initiatives/"] = Need.Contribute,
        ["PUT /api/v1/initiatives/{id:int}"] = Need.Contribute,
        ["GET /api/v1/initiatives/{id:int}/stages"] = Need.ReadPublished,
        ["GET /api/v1/initiatives/{id:int}/hypotheses"] = Need.ReadPublished,
        ["POST /api/v1/initiatives/{id:int}/hypotheses"] = Need.Contribute,
        ["GET /api/v1/initiatives/{id:int}/check-ins"] = Need.ReadPublished,
        ["POST /api/v1/initiatives/{id:int}/check-ins"] = Need.Contribute,
        ["GET /api/v1/hypotheses/{id:int}"] = Need.ReadPublished,
        ["PUT /api/v1/hypotheses/{id:int}"] = Need.Contribute,
        ["GET /api/v1/reviews/{id:int}"] = Need.ReadPublished,
        ["POST /api/v1/reviews/"] = Need.Edit,
        ["PUT /api/v1/reviews/{id:int}"] = Need.Edit,
        ["POST /api/v1/reviews/{id:int}/decisions"] = Need.Edit,
        ["GET /missions/{Id:int}/portfolio"] = Need.ReadPublished,
        ["GET /missions/{MissionId:int}/initiatives/new"] = Need.Contribute,
        ["GET /initiatives/{Id:int}"] = Need.ReadPublished,
        ["GET /initiatives/{Id:int}/edit"] = Need.Contribute,
        ["GET /initiatives/{InitiativeId:int}/hypotheses/new"] = Need.Contribute,
        ["GET /hypotheses/{Id:int}/edit"] = Need.Contribute,
        ["GET /missions/{MissionId:int}/reviews/new"] = Need.Edit,
        ["GET /reviews/{Id:int}"] = Need.ReadPublished,
        ["GET /reviews/{Id:int}/edit"] = Need.Edit,
        ["GET /reviews/{Id:int}/report"] = Need.ReadPublished,
        // Journeys
        ["GET /participants/{Id:int}"] = Need.SeeOwnParticipant,
        ["GET /missions/{Id:int}/journey"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/journey/mine"] = Need.SeeParticipants, // names of stalled participants only for those with a role
        ["GET /missions/{Id:int}/journey/edit"] = Need.Edit,
        ["GET /missions/{Id:int}/journey/versions"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/journey"] = Need.ReadPublished,
        ["PUT /api/v1/missions/{id:int}/journey"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/journey/versions"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/journey/funnel"] = Need.ReadPublished, // counts only
        ["GET /api/v1/missions/{id:int}/journey/timing"] = Need.ReadPublished, // aggregates only
        ["GET /api/v1/missions/{id:int}/journey/attendance"] = Need.ReadPublished, // aggregates only
        ["GET /api/v1/missions/{id:int}/journey/stalled"] = Need.SeeParticipants,
        ["GET /api/v1/missions/{id:int}/participants"] = Need.SeeParticipants,
        ["POST /api/v1/missions/{id:int}/participants"] = Need.Edit,
        ["POST /api/v1/missions/{id:int}/participants/bulk"] = Need.Edit,
        ["POST /api/v1/missions/{id:int}/activities"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/caseloads"] = Need.SeeParticipants,
        ["GET /api/v1/missions/{id:int}/caseload/mine"] = Need.SeeParticipants,
        ["GET /api/v1/participants/{id:int}"] = Need.SeeOwnParticipant,
        ["PUT /api/v1/participants/{id:int}"] = Need.Edit, // its navigator too; the company itself may not
        ["POST /api/v1/participants/{id:int}/events"] = Need.Contribute, // the company reports, its navigator records
        ["POST /api/v1/participants/{id:int}/activities"] = Need.Contribute,
        ["POST /api/v1/step-events/{id:int}/confirm"] = Need.Contribute, // the company is refused with 400 naming the event
        ["POST /api/v1/step-events/{id:int}/corrections"] = Need.Contribute,
        // Yearly reports: read like the mission, frozen by those who may edit it
        ["POST /api/v1/missions/{id:int}/reports/"] = Need.Edit,
        ["GET /api/v1/missions/{id:int}/reports/"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/reports/{reportId:int}"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/reports/compare"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/reports/{reportId:int}/docx"] = Need.ReadPublished,
        ["GET /api/v1/missions/{id:int}/reports/{reportId:int}/xlsx"] = Need.ReadPublished,
        ["GET /missions/{id:int}/reports/{reportId:int}/docx"] = Need.ReadPublished,
        ["GET /missions/{id:int}/reports/{reportId:int}/xlsx"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/reports"] = Need.ReadPublished,
        ["GET /missions/{MissionId:int}/reports/new"] = Need.Edit,
        ["GET /missions/{Id:int}/reports/{ReportId:int}"] = Need.ReadPublished,
        ["GET /missions/{Id:int}/reports/compare"] = Need.ReadPublished,
        // Open data: the files and the catalogue are static-looking routes (with a dot), public by design; a draft is not found
        ["GET /open-data"] = Need.Public,
        ["GET /missions/{Id:int}/open-data"] = Need.ReadPublished,
        // Table downloads: as the page that shows the table
        ["GET /downloads/indicators/{id:int}/observations"] = Need.ReadPublished,
        ["GET /downloads/missions/{id:int}/commitments"] = Need.ReadPublished,
        ["GET /downloads/missions/{id:int}/initiatives"] = Need.ReadPublished,
        ["GET /downloads/audit"] = Need.Administer,
    };

    /// <summary>The endpoints of the app as "METHOD /route", with the access rules they declare.</summary>
    private List<(string Key, string Method, string Route, IReadOnlyList<AccessAttribute> Rules)> Endpoints()
    {
        var endpoints = new List<(string, string, string, IReadOnlyList<AccessAttribute>)>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            if (!route.StartsWith('/'))
                route = "/" + route;
            // Static files and the OpenAPI document are public by design and are not records.
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && (route.Contains('.', StringComparison.Ordinal) || route.StartsWith("/_", StringComparison.Ordinal) || route.StartsWith("/openapi", StringComparison.Ordinal)))
                continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            // A page answers GET and POST; its GET is in the table and its form posts have their own tests.
            if (methods.Contains("GET") && methods.Contains("POST"))
                methods = ["GET"];
            foreach (var method in methods)
                endpoints.Add(($"{method} {route}", method, route, endpoint.Metadata.GetOrderedMetadata<AccessAttribute>().ToList()));
        }
        return endpoints;
    }

    [SkippableFact]
    public void EveryEndpointHasAnEntryInTheAccessTable()
    {
        Factory.RequireDatabase();
        var keys = Endpoints().Select(e => e.Key).ToHashSet();
        Assert.Empty(keys.Except(Needs.Keys).Order());
        Assert.Empty(Needs.Keys.Except(keys).Order());
    }

    [SkippableFact]
    public async Task EveryEndpointAnswersEveryRoleAsTheTableSays()
    {
        Factory.RequireDatabase();
        var world = await World.CreateAsync(Factory);
        var wrong = new List<string>();
        foreach (var (key, method, route, rules) in Endpoints().OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!Needs.TryGetValue(key, out var need))
                continue; // reported by the table test
            foreach (var role in Enum.GetValues<Role>())
            {
                // A delete that is allowed removes its record: each attempt gets a record of its own.
                if (method == "DELETE")
                    await world.FreshGlossaryEntryAsync(Factory);
                var url = world.Url(route, rules);
                var expected = Expected[need][(int)role];
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                    request.Content = JsonContent.Create(world.Body());
                var response = await world.Clients[role].SendAsync(request);
                var actual = Classify(response, url);
                if (method == "DELETE")
                    await world.FreshGlossaryEntryAsync(Factory);
                if (actual != expected)
                    wrong.Add($"{key} as {role}: expected {expected}, got {actual} ({(int)response.StatusCode})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static Outcome Classify(HttpResponseMessage response, string url)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return Outcome.SignIn;
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true && !url.StartsWith("/account/logout", StringComparison.Ordinal))
            return Outcome.SignIn;
        if (response.StatusCode == HttpStatusCode.Forbidden)
            return Outcome.Forbidden;
        Assert.True(response.StatusCode != HttpStatusCode.NotFound || url.StartsWith("/not-found", StringComparison.Ordinal) || url.StartsWith("/invite/", StringComparison.Ordinal) || url.StartsWith("/admin/outbox/", StringComparison.Ordinal)
            // Another person's notification is not found, for everyone but its owner.
            || url.StartsWith("/api/v1/me/notifications/1/", StringComparison.Ordinal),
            $"{url} answered 404: the test's ids should name existing records");
        // Anything else passed the access check; the endpoint may still refuse the (empty) input with 400.
        return Outcome.Allowed;
    }

    /// <summary>The example mission seen by one person of each role, and ids of records of one actor in it.</summary>
    internal sealed class World
    {
        public Dictionary<Role, HttpClient> Clients { get; } = [];
        private readonly Dictionary<ResourceKind, int> ids = [];
        private int actorId;
        private int missionId;
        private int accountId;
        private int tokenId;
        private int reportId;
        private int importId;
        private int pulseRoundId;

        public int MissionId => missionId;
        public int ActorId => actorId;
        public int AccountId => accountId;

        public static async Task<World> CreateAsync(MastenAppFactory factory)
        {
            var world = new World();
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var m = world.missionId = factory.ExampleMissionId;
            await factory.WithDbAsync(async db =>
            {
                var programmeId = await db.Missions.Where(x => x.Id == m).Select(x => x.ProgrammeId).FirstAsync();
                var actor = world.actorId = await db.Actors.Where(a => a.Name == "Exempelby kommun").Select(a => a.Id).FirstAsync();
                var initiative = await db.Initiatives.Where(i => i.MissionId == m && i.LeadActorId == actor && db.Hypotheses.Any(h => h.InitiativeId == i.Id)).Select(i => i.Id).FirstAsync();
                var indicator = await db.Indicators.Where(i => i.Goal!.MissionId == m).Select(i => i.Id).FirstAsync();
                world.ids[ResourceKind.Platform] = 0;
                world.ids[ResourceKind.Programme] = programmeId;
                world.ids[ResourceKind.Mission] = m;
                world.ids[ResourceKind.MissionForActors] = m;
                world.ids[ResourceKind.Goal] = await db.Goals.Where(g => g.MissionId == m).Select(g => g.Id).FirstAsync();
                world.ids[ResourceKind.Indicator] = indicator;
                world.ids[ResourceKind.Observation] = await db.Observations.Where(o => o.IndicatorId == indicator).Select(o => o.Id).FirstAsync();
                world.ids[ResourceKind.Actor] = actor;
                world.ids[ResourceKind.Record] = actor; // the actor's change history
                world.ids[ResourceKind.Contact] = await db.ContactPeople.Where(c => c.ActorId == actor).Select(c => c.Id).FirstAsync();
                world.ids[ResourceKind.OperationalGoal] = await db.OperationalGoals.Where(c => c.ActorId == actor).Select(c => c.Id).FirstAsync();
                world.ids[ResourceKind.Membership] = await db.Memberships.Where(c => c.ActorId == actor && c.MissionId == m).Select(c => c.Id).FirstAsync();
                world.ids[ResourceKind.Round] = await db.SigningRounds.Where(r => r.MissionId == m).Select(r => r.Id).FirstAsync();
                world.ids[ResourceKind.Commitment] = await db.Commitments.Where(c => c.ActorId == actor && c.MissionId == m).Select(c => c.Id).FirstAsync();
                world.ids[ResourceKind.Driver] = await db.Drivers.Where(c => c.ActorId == actor && c.MissionId == m).Select(c => c.Id).FirstAsync();
                world.ids[ResourceKind.GlossaryEntry] = await db.GlossaryEntries.Where(g => g.MissionId == m).Select(g => g.Id).FirstAsync();
                world.ids[ResourceKind.Initiative] = initiative;
                world.ids[ResourceKind.Hypothesis] = await db.Hypotheses.Where(h => h.InitiativeId == initiative).Select(h => h.Id).FirstAsync();
                world.ids[ResourceKind.Review] = await db.Reviews.Where(r => r.MissionId == m).Select(r => r.Id).FirstAsync();
                (world.ids[ResourceKind.Participant], world.ids[ResourceKind.StepEvent]) = await JourneyWorld.ParticipantWithEventAsync(db, m, actor);
                world.reportId = (await new Masten.Data.Reports.ReportStore(db).FreezeAsync(m,
                    new Masten.Core.Reports.ReportInput("Årlig avstämning", DateOnly.FromDateTime(DateTime.UtcNow), null)))!.Id;
                return 0;
            });
            var programme = world.ids[ResourceKind.Programme];
            async Task<HttpClient> As(string name, params RoleAssignment[] roles) =>
                factory.CreateClientWithToken((await factory.CreateUserAsync($"{name}-{suffix}@masten.test", roles)).Token);
            world.Clients[Role.Anonymous] = factory.CreateAnonymousClient();
            world.Clients[Role.Outsider] = await As("outsider");
            world.Clients[Role.Viewer] = await As("viewer", new RoleAssignment { MissionId = m, Role = AccessRole.Viewer });
            world.Clients[Role.Representative] = await As("rep", new RoleAssignment { MissionId = m, Role = AccessRole.ActorRepresentative, ActorId = world.actorId });
            world.Clients[Role.Editor] = await As("editor", new RoleAssignment { MissionId = m, Role = AccessRole.Editor });
            world.Clients[Role.Owner] = await As("owner", new RoleAssignment { ProgrammeId = programme, Role = AccessRole.Owner });
            world.Clients[Role.Admin] = factory.CreateClientWithToken(factory.AdminToken);
            // An account of its own for the administration endpoints to disable and whose token they revoke.
            var (spare, _) = await factory.CreateUserAsync($"spare-{suffix}@masten.test", []);
            world.accountId = spare.Id;
            world.tokenId = await factory.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == spare.Id).Select(t => t.Id).FirstAsync());
            // One import in the mission's history, for the routes that read an import and its file.
            var code = world.ids[ResourceKind.Indicator];
            // Worlds share the example mission: a later world's file changes nothing (nothing to apply), so it reads the import an earlier one made.
            world.importId = await factory.WithDbAsync(async db => (await new Masten.Data.Imports.ImportStore(db, new Masten.Data.Imports.ImportOptions())
                .ApplyAsync(new Masten.Data.Imports.ImportRequest(m, "access.csv", new Masten.Data.Imports.ImportFileSettings(), "test"),
                    new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"indicator;date;value\n{code};2001;1\n"))))!.ImportId
                ?? await db.Set<Masten.Core.Imports.ImportRecord>().Where(x => x.MissionId == m && x.Status == Masten.Core.Imports.ImportStatus.Applied && x.FileName == "access.csv")
                    .OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());
            // A pulse with one round, for the pulse routes (its e-mails are written, never sent).
            world.pulseRoundId = await factory.WithDbAsync(async db =>
            {
                // Each world shares the example mission: the pulse and its round are made once.
                if (await db.PulseRounds.Where(r => r.MissionId == m).Select(r => (int?)r.Id).FirstOrDefaultAsync() is { } existing)
                    return existing;
                var pulses = new Masten.Data.Pulses.PulseStore(db);
                await pulses.DefineAsync(m, new Masten.Core.Pulses.PulseInput(Masten.Core.Pulses.PulseRules.DefaultStatements, null, [Masten.Core.Actors.ActorType.Municipality], Scheduled: false));
                return (await pulses.OpenRoundAsync(m, factory.Services.GetRequiredService<Masten.Data.Pulses.IPulseMail>()))!.Id;
            });
            return world;
        }

        public async Task FreshGlossaryEntryAsync(MastenAppFactory factory) =>
            ids[ResourceKind.GlossaryEntry] = await factory.WithDbAsync(async db =>
            {
                var entry = new Masten.Core.Readability.GlossaryEntry { MissionId = missionId, Term = "Term " + Guid.NewGuid().ToString("N")[..6], Explanation = "Förklaring.", Language = "sv" };
                db.GlossaryEntries.Add(entry);
                await db.SaveChangesAsync();
                return entry.Id;
            });

        /// <summary>The route with its values filled in: the id of a record of the kind the endpoint's rule names.</summary>
        public string Url(string route, IReadOnlyList<AccessAttribute> rules)
        {
            var url = route;
            foreach (var rule in rules.Where(r => r.Kind != ResourceKind.Platform))
                url = url.Replace("{" + rule.RouteValue + ":int}", ids[rule.Kind].ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
            // Route values no rule names (the actor of a new membership) are filled by their name.
            foreach (var (name, kind) in new[] { ("ActorId", ResourceKind.Actor), ("MissionId", ResourceKind.Mission), ("ProgrammeId", ResourceKind.Programme) })
                url = url.Replace("{" + name + ":int}", ids[kind].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            url = url.Replace("{accountId:int}", accountId.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase)
                .Replace("{tokenId:int}", tokenId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{reportId:int}", reportId.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase)
                .Replace("{importId:int}", importId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            url = url.Replace("{Secret}", "not-a-real-invitation", StringComparison.Ordinal).Replace("{**path:file}", "app.css", StringComparison.Ordinal)
                .Replace("{EntityType}", "Actor", StringComparison.OrdinalIgnoreCase)
                .Replace("{number:int}", "1", StringComparison.OrdinalIgnoreCase)
                .Replace("{roundId:int}", pulseRoundId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{Token}", "not-a-real-token", StringComparison.OrdinalIgnoreCase)
                .Replace("{MessageId:long}", "1", StringComparison.Ordinal)
                .Replace("{id:long}", "1", StringComparison.Ordinal)
                .Replace("{kind}", "commitments", StringComparison.Ordinal);
            if (url.EndsWith("/roadmap/diff", StringComparison.Ordinal))
                url += "?from=1&to=2";
            return url;
        }

        /// <summary>A body naming the mission and the actor, otherwise empty: enough for the access check, too little to store anything.</summary>
        public Dictionary<string, object?> Body() => new()
        {
            ["missionId"] = missionId,
            ["programmeId"] = ids[ResourceKind.Programme],
            ["goalId"] = ids[ResourceKind.Goal],
            ["actorId"] = actorId,
            ["leadActorId"] = actorId,
            ["initiativeId"] = ids[ResourceKind.Initiative],
        };
    }
}

public sealed class SqliteAccessTests(SqliteAppFactory factory) : AccessTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAccessTests(PostgresAppFactory factory) : AccessTests(factory), IClassFixture<PostgresAppFactory>;
