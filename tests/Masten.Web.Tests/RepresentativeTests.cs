using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// An actor's representative over HTTP: "Mina uppgifter" and its API, signing a commitment ("Skriv under") and the
/// refusals of signing, and the commitment form with the actor fixed. Each test makes its own mission. Runs on
/// SQLite and PostgreSQL.
/// </summary>
public abstract class RepresentativeTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// A mission of its own: actor A (represented by <see cref="RepToken"/>) and actor B, a closed round 2025 and the open
    /// round 2026; commitments of A in both rounds and of B in the open one; an initiative A leads with no check-in since
    /// long ago and one still an idea; an indicator A reports without any value; an invitation to the representative's address.
    /// </summary>
    internal sealed record World(int MissionId, int ActorA, int ActorB, int OpenCommitment, int ClosedCommitment, int OtherCommitment,
        int StaleInitiative, int IdeaInitiative, int Indicator, string RepToken, int RepUserId, string OtherRepToken, string RepEmail);

    internal static async Task<World> CreateWorldAsync(MastenAppFactory factory)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var email = $"rep-{suffix}@masten.test";
        var ids = await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var programmeId = await db.Missions.Where(m => m.Id == factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync();
            var mission = new Mission { ProgrammeId = programmeId, Title = $"Uppgiftsmission {suffix}", Statement = "Ett önskat läge.", BaselineYear = 2020, HorizonYear = 2035, Status = MissionStatus.Active, StaleAfterDays = 90, CreatedAt = now, UpdatedAt = now };
            var a = new Actor { Name = $"Aktör A {suffix}", Type = ActorType.Municipality, Country = Country.Sweden, CreatedAt = now, UpdatedAt = now };
            var b = new Actor { Name = $"Aktör B {suffix}", Type = ActorType.Company, Country = Country.Sweden, CreatedAt = now, UpdatedAt = now };
            db.AddRange(mission, a, b);
            await db.SaveChangesAsync();
            db.Memberships.AddRange(
                new Membership { ActorId = a.Id, MissionId = mission.Id, Roles = [MissionRole.Partner], JoinedOn = new DateOnly(2024, 1, 1), CreatedAt = now, UpdatedAt = now },
                new Membership { ActorId = b.Id, MissionId = mission.Id, Roles = [MissionRole.Partner], JoinedOn = new DateOnly(2024, 1, 1), CreatedAt = now, UpdatedAt = now });
            var closed = new SigningRound { MissionId = mission.Id, Name = "2025", Date = new DateOnly(2025, 1, 15), CreatedAt = now, UpdatedAt = now };
            var open = new SigningRound { MissionId = mission.Id, Name = "2026", Date = new DateOnly(2026, 1, 15), CreatedAt = now, UpdatedAt = now };
            var goal = new Goal { MissionId = mission.Id, Title = "Mindre utsläpp", CreatedAt = now, UpdatedAt = now };
            db.AddRange(closed, open, goal);
            await db.SaveChangesAsync();
            Commitment Commit(int actor, int round, string text) => new() { ActorId = actor, MissionId = mission.Id, RoundId = round, Text = text, Tier = "leading", Status = CommitmentStatus.Proposed, CreatedAt = now, UpdatedAt = now };
            var openCommitment = Commit(a.Id, open.Id, "Vi byter alla bilar mot elbilar.");
            var closedCommitment = Commit(a.Id, closed.Id, "Vi planterade träd förra året.");
            var otherCommitment = Commit(b.Id, open.Id, "Vi bygger laddplatser.");
            var indicator = new Indicator { GoalId = goal.Id, Name = "Utsläpp från bilar", Unit = "ton", Frequency = ReportingFrequency.Yearly, BaselineDate = new DateOnly(2020, 12, 31), BaselineValue = 100, ReportingActorId = a.Id, CreatedAt = now, UpdatedAt = now };
            var stale = new Initiative { MissionId = mission.Id, Title = "Elbilspilot", LeadActorId = a.Id, Stage = InitiativeStage.Testing, CreatedAt = now.AddYears(-1), UpdatedAt = now };
            var idea = new Initiative { MissionId = mission.Id, Title = "Idé om cykelbanor", LeadActorId = a.Id, Stage = InitiativeStage.Idea, CreatedAt = now.AddYears(-1), UpdatedAt = now };
            db.AddRange(openCommitment, closedCommitment, otherCommitment, indicator, stale, idea);
            await db.SaveChangesAsync();
            // Saving stamps the creation time; these two were created a year ago.
            var yearAgo = now.AddYears(-1);
            await db.Initiatives.Where(i => i.Id == stale.Id || i.Id == idea.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.CreatedAt, yearAgo));
            db.Invitations.Add(new Invitation { TokenHash = Guid.NewGuid().ToString("N"), Email = email.ToUpperInvariant(), MissionId = factory.ExampleMissionId, Role = AccessRole.Viewer, ExpiresAt = now.AddDays(5), CreatedBy = "test", CreatedAt = now });
            await db.SaveChangesAsync();
            return (mission.Id, a.Id, b.Id, openCommitment.Id, closedCommitment.Id, otherCommitment.Id, stale.Id, idea.Id, indicator.Id);
        });
        var (user, token) = await factory.CreateUserAsync(email, [new RoleAssignment { MissionId = ids.Item1, Role = AccessRole.ActorRepresentative, ActorId = ids.Item2 }]);
        var (_, other) = await factory.CreateUserAsync($"other-{suffix}@masten.test", [new RoleAssignment { MissionId = ids.Item1, Role = AccessRole.ActorRepresentative, ActorId = ids.Item3 }]);
        return new World(ids.Item1, ids.Item2, ids.Item3, ids.Item4, ids.Item5, ids.Item6, ids.Item7, ids.Item8, ids.Item9, token, user.Id, other, email);
    }

    private async Task<World> WorldAsync()
    {
        Factory.RequireDatabase();
        return await CreateWorldAsync(Factory);
    }

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response) => await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static IElement Section(IDocument page, string headingId) =>
        page.QuerySelector($"section[aria-labelledby={headingId}]") ?? throw new InvalidOperationException($"no section {headingId}");

    /// <summary>Posts the page's form named <paramref name="handler"/> as a browser would, with the given fields changed.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string handler, IDictionary<string, string>? change = null)
    {
        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync(url));
        var form = page.Forms.FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == handler))
            ?? throw new InvalidOperationException($"{url} has no form '{handler}'");
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not "submit" && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
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
        foreach (var (name, value) in change ?? new Dictionary<string, string>())
            fields[name] = value;
        return await client.PostAsync(string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> PostSignAsync(HttpClient client, int commitmentId, string token) =>
        client.PostAsync($"/commitments/{commitmentId}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign",
            ["__RequestVerificationToken"] = token,
        }));

    private Task<(CommitmentStatus Status, string? Signatory, DateOnly? SignedOn, int? SignedBy, DateTime? SignedAt, int Version)> CommitmentAsync(int id) =>
        Factory.WithDbAsync(db => db.Commitments.Where(c => c.Id == id).Select(c => new ValueTuple<CommitmentStatus, string?, DateOnly?, int?, DateTime?, int>(c.Status, c.Signatory, c.SignedOn, c.SignedByUserId, c.SignedAt, c.Version)).FirstAsync());

    private Task<int> ChangeRecordsAsync(int commitmentId) => Factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityType == "Commitment" && c.EntityId == commitmentId));

    [SkippableFact]
    public async Task MyTasksListsWhatWaitsForTheRepresentativeEachLinkingToItsForm()
    {
        var world = await WorldAsync();
        var client = Factory.CreateClientWithToken(world.RepToken);
        var page = await DocumentAsync(await client.GetAsync("/my-tasks"));

        Assert.Equal("Mina uppgifter", page.QuerySelector("h1")!.TextContent.Trim());
        var sign = Section(page, "sign-heading");
        var signLinks = sign.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        // Only A's commitment of the open round: not the closed round's, not actor B's.
        Assert.Equal([$"/commitments/{world.OpenCommitment}/sign"], signLinks);
        Assert.Contains("Vi byter alla bilar", sign.TextContent, StringComparison.Ordinal);

        var checkIn = Section(page, "checkin-heading");
        Assert.Equal([$"/initiatives/{world.StaleInitiative}#checkin-form"], checkIn.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList());
        Assert.Contains("ingen avstämning ännu", checkIn.TextContent, StringComparison.Ordinal);

        var report = Section(page, "report-heading");
        Assert.Equal([$"/indicators/{world.Indicator}/observations/new"], report.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList());

        var invitations = Section(page, "invitation-heading");
        Assert.Contains("(1)", invitations.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SomeoneWhoRepresentsNoActorHasOnlyInvitationsAndTheRightPaging()
    {
        var world = await WorldAsync();
        var (_, editor) = await Factory.CreateUserAsync(world.RepEmail.Replace("rep-", "ed-", StringComparison.Ordinal), [new RoleAssignment { MissionId = world.MissionId, Role = AccessRole.Editor }]);
        var page = await DocumentAsync(await Factory.CreateClientWithToken(editor).GetAsync("/my-tasks?kind=Sign&page=3"));
        Assert.Contains("Du företräder ingen aktör", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Inga åtaganden väntar", Section(page, "sign-heading").TextContent, StringComparison.Ordinal);
        var tasks = await Factory.CreateClientWithToken(editor).GetFromJsonAsync<JsonElement>("/api/v1/me/tasks?kind=Sign&page=3");
        Assert.Equal(3, tasks.GetProperty("sign").GetProperty("pageNumber").GetInt32());
        Assert.Equal(0, tasks.GetProperty("checkIn").GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.Redirect, (await Factory.CreateAnonymousClient().GetAsync("/my-tasks")).StatusCode);
    }

    [SkippableFact]
    public async Task ReportingAValueAndCheckingInTakeTheirTasksOffTheList()
    {
        var world = await WorldAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Factory.WithDbAsync(async db =>
        {
            db.CheckIns.Add(new CheckIn { InitiativeId = world.StaleInitiative, Date = today, Status = CheckInStatus.OnTrack, Confidence = 7, CreatedAt = DateTime.UtcNow });
            db.Observations.Add(new Observation { IndicatorId = world.Indicator, Date = today.AddDays(-10), Value = 90, EnteredBy = "test", EnteredAt = DateTime.UtcNow, IsCurrent = true });
            return await db.SaveChangesAsync();
        });
        var api = Factory.CreateClientWithToken(world.RepToken);
        var tasks = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks");
        Assert.Equal(0, tasks.GetProperty("checkIn").GetProperty("totalCount").GetInt32());
        Assert.Equal(0, tasks.GetProperty("report").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, tasks.GetProperty("sign").GetProperty("totalCount").GetInt32());
    }

    [SkippableFact]
    public async Task TheTasksApiAnswersTheSameListsPagedByKind()
    {
        var world = await WorldAsync();
        var api = Factory.CreateClientWithToken(world.RepToken);
        var tasks = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks");
        var sign = tasks.GetProperty("sign");
        Assert.Equal(1, sign.GetProperty("totalCount").GetInt32());
        Assert.Equal(world.OpenCommitment, sign.GetProperty("items")[0].GetProperty("commitmentId").GetInt32());
        Assert.Equal($"/commitments/{world.OpenCommitment}/sign", sign.GetProperty("items")[0].GetProperty("link").GetString());
        Assert.Equal(world.StaleInitiative, tasks.GetProperty("checkIn").GetProperty("items")[0].GetProperty("initiativeId").GetInt32());
        var report = tasks.GetProperty("report").GetProperty("items")[0];
        Assert.Equal(world.Indicator, report.GetProperty("indicatorId").GetInt32());
        Assert.Equal("2021-12-31", report.GetProperty("dueOn").GetString());
        Assert.Equal(1, tasks.GetProperty("invitations").GetProperty("totalCount").GetInt32());

        // One section paged on its own: a page past the end is empty, the count stays.
        var second = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks?kind=Sign&page=2&pageSize=1");
        Assert.Equal(1, second.GetProperty("sign").GetProperty("totalCount").GetInt32());
        Assert.Equal(0, second.GetProperty("sign").GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/me/tasks?kind=Nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateAnonymousClient().GetAsync("/api/v1/me/tasks")).StatusCode);
    }

    [SkippableFact]
    public async Task SigningOnThePageRecordsWhoSignedAndWhenAndSaysSo()
    {
        var world = await WorldAsync();
        var client = Factory.CreateClientWithToken(world.RepToken);
        var before = await ChangeRecordsAsync(world.OpenCommitment);
        var page = await DocumentAsync(await client.GetAsync($"/commitments/{world.OpenCommitment}/sign"));
        Assert.Contains("Vi byter alla bilar", page.QuerySelector("blockquote")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Skriv under", page.QuerySelector("main form button[type=submit]")!.TextContent.Trim());

        var response = await PostFormAsync(client, $"/commitments/{world.OpenCommitment}/sign", "sign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/my-tasks?saved=Signed", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var signed = await CommitmentAsync(world.OpenCommitment);
        Assert.Equal(CommitmentStatus.Signed, signed.Status);
        Assert.Equal(world.RepUserId, signed.SignedBy);
        Assert.Equal(world.RepEmail.Split('@')[0], signed.Signatory);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), signed.SignedOn);
        Assert.True(signed.SignedAt is { } at && Math.Abs((DateTime.UtcNow - at).TotalMinutes) < 5, "the time of signing is recorded");
        Assert.Equal(before + 1, await ChangeRecordsAsync(world.OpenCommitment));

        // The page it lands on confirms it, and the commitment no longer waits.
        var tasks = await DocumentAsync(await client.GetAsync("/my-tasks?saved=Signed"));
        Assert.Contains("Underskrivet", tasks.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Section(tasks, "sign-heading").QuerySelectorAll("a"));
        // The sign page now says who signed, and offers no button.
        var after = await DocumentAsync(await client.GetAsync($"/commitments/{world.OpenCommitment}/sign"));
        Assert.Contains(world.RepEmail.Split('@')[0], after.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("main form button[type=submit]"));
    }

    [SkippableFact]
    public async Task SigningAnotherActorsCommitmentIsRefusedNamingTheActorAndChangesNothing()
    {
        var world = await WorldAsync();
        var client = Factory.CreateClientWithToken(world.RepToken);
        var before = await CommitmentAsync(world.OtherCommitment);
        var records = await ChangeRecordsAsync(world.OtherCommitment);

        var page = await DocumentAsync(await client.GetAsync($"/commitments/{world.OtherCommitment}/sign"));
        Assert.Null(page.QuerySelector("main form button[type=submit]"));
        Assert.Contains("Bara den som företräder Aktör B", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var posted = await PostSignAsync(client, world.OtherCommitment, await PageTests.AntiforgeryTokenAsync(client));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var refused = await DocumentAsync(posted);
        var summary = refused.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Aktör", summary, StringComparison.Ordinal);
        Assert.Contains("bara den som företräder Aktör B", summary, StringComparison.Ordinal);

        var api = await client.PostAsJsonAsync($"/api/v1/commitments/{world.OtherCommitment}/sign", new { });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("actorId", out _), problem.ToString());

        Assert.Equal(before, await CommitmentAsync(world.OtherCommitment));
        Assert.Equal(records, await ChangeRecordsAsync(world.OtherCommitment));
    }

    [SkippableFact]
    public async Task SigningACommitmentOfAClosedRoundIsRefusedNamingTheRoundAndChangesNothing()
    {
        var world = await WorldAsync();
        var client = Factory.CreateClientWithToken(world.RepToken);
        var before = await CommitmentAsync(world.ClosedCommitment);
        var records = await ChangeRecordsAsync(world.ClosedCommitment);

        var page = await DocumentAsync(await client.GetAsync($"/commitments/{world.ClosedCommitment}/sign"));
        Assert.Null(page.QuerySelector("main form button[type=submit]"));
        Assert.Contains("Omgång 2025 är stängd", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var posted = await PostSignAsync(client, world.ClosedCommitment, await PageTests.AntiforgeryTokenAsync(client));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("omgång 2025 är stängd", (await DocumentAsync(posted)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        var api = await client.PostAsJsonAsync($"/api/v1/commitments/{world.ClosedCommitment}/sign", new { });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("roundId", out _), problem.ToString());

        Assert.Equal(before, await CommitmentAsync(world.ClosedCommitment));
        Assert.Equal(records, await ChangeRecordsAsync(world.ClosedCommitment));
    }

    [SkippableFact]
    public async Task SigningTwiceIsAConflictAndAReadOnlyTokenCannotSign()
    {
        var world = await WorldAsync();
        var (_, readOnly) = await Factory.CreateUserAsync($"ro-{Guid.NewGuid():N}@masten.test",
            [new RoleAssignment { MissionId = world.MissionId, Role = AccessRole.ActorRepresentative, ActorId = world.ActorA }], TokenScope.Read);
        var refused = await Factory.CreateClientWithToken(readOnly).PostAsJsonAsync($"/api/v1/commitments/{world.OpenCommitment}/sign", new { });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null((await CommitmentAsync(world.OpenCommitment)).SignedOn);

        var api = Factory.CreateClientWithToken(world.RepToken);
        var first = await api.PostAsJsonAsync($"/api/v1/commitments/{world.OpenCommitment}/sign", new { });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var dto = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Signed", dto.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, dto.GetProperty("signedAt").ValueKind);
        var signed = await CommitmentAsync(world.OpenCommitment);

        var again = await api.PostAsJsonAsync($"/api/v1/commitments/{world.OpenCommitment}/sign", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(signed, await CommitmentAsync(world.OpenCommitment));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateAnonymousClient().PostAsJsonAsync($"/api/v1/commitments/{world.OpenCommitment}/sign", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/v1/commitments/999999/sign", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task AnEditorWhoRepresentsNoActorCannotSign()
    {
        var world = await WorldAsync();
        var (_, editor) = await Factory.CreateUserAsync($"editor-{Guid.NewGuid():N}@masten.test", [new RoleAssignment { MissionId = world.MissionId, Role = AccessRole.Editor }]);
        var client = Factory.CreateClientWithToken(editor);
        var posted = await PostSignAsync(client, world.OpenCommitment, await PageTests.AntiforgeryTokenAsync(client));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null((await CommitmentAsync(world.OpenCommitment)).SignedOn);
        var anonymous = Factory.CreateAnonymousClient();
        var asAnonymous = await PostSignAsync(anonymous, world.OpenCommitment, await PageTests.AntiforgeryTokenAsync(anonymous));
        Assert.Contains("/account/login", asAnonymous.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Null((await CommitmentAsync(world.OpenCommitment)).SignedOn);
    }

    [SkippableFact]
    public async Task ARepresentativesCommitmentFormIsFixedToTheirOwnActorWithTiersInTheirLanguage()
    {
        var world = await WorldAsync();
        var client = Factory.CreateClientWithToken(world.RepToken);
        var page = await DocumentAsync(await client.GetAsync($"/missions/{world.MissionId}/commitments/new"));
        var form = page.Forms.First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == "commitment"));
        Assert.DoesNotContain(form.Elements.OfType<IHtmlInputElement>(), i => (i.Name ?? "").Contains("ActorId", StringComparison.Ordinal) || (i.Name ?? "").Contains("picker", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Aktör A", form.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Aktör B", form.TextContent, StringComparison.Ordinal);
        var tiers = ((IHtmlSelectElement)form.QuerySelector("#tier")!).Options.Select(o => o.Text.Trim()).ToList();
        Assert.Equal(["Ledande", "Bidragande", "Stödjande"], tiers);
        // Signing is not a status to pick: it is the action "Skriv under".
        Assert.DoesNotContain("Signed", ((IHtmlSelectElement)form.QuerySelector("#status")!).Options.Select(o => o.Value));

        var saved = await PostFormAsync(client, $"/missions/{world.MissionId}/commitments/new", "commitment", new Dictionary<string, string> { ["Form.Text"] = "Vi delar med oss av data." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("saved=Saved", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(world.ActorA, await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == world.MissionId && c.Text == "Vi delar med oss av data.").Select(c => c.ActorId).FirstAsync()));

        // A post naming another actor is refused on the page, storing nothing.
        var other = await PostFormAsync(client, $"/missions/{world.MissionId}/commitments/new", "commitment", new Dictionary<string, string>
        {
            ["Form.Text"] = "Vi lovar för någon annan.",
            ["Form.ActorId"] = world.ActorB.ToString(CultureInfo.InvariantCulture),
        });
        Assert.NotEqual(HttpStatusCode.Redirect, other.StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Text == "Vi lovar för någon annan.")));

        var english = Factory.CreateClientWithToken(world.RepToken);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var inEnglish = await DocumentAsync(await english.GetAsync($"/missions/{world.MissionId}/commitments/new"));
        Assert.Equal(["Leading", "Contributing", "Supporting"], ((IHtmlSelectElement)inEnglish.QuerySelector("#tier")!).Options.Select(o => o.Text.Trim()).ToList());
    }
}

public sealed class SqliteRepresentativeTests(SqliteAppFactory factory) : RepresentativeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRepresentativeTests(PostgresAppFactory factory) : RepresentativeTests(factory), IClassFixture<PostgresAppFactory>;
