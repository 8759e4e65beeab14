using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// The two ways round a deliberate step that an edit used to offer: a draft mission set to active by its edit form or
/// <c>PUT /missions</c> without the publish checks, and a commitment set to signed by <c>PUT /commitments</c> without
/// "Skriv under". Each is refused naming the field, and changes nothing. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class GuardTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    private HttpClient Admin()
    {
        Factory.RequireDatabase();
        return Factory.CreateClientWithToken(Factory.AdminToken);
    }

    private Task<int> DraftAsync(bool goal, bool indicator) => OfficeTests.DraftAsync(Factory, goal, indicator);

    private Task<(MissionStatus Status, int Version, int RoadmapVersions)> MissionStateAsync(int id) => Factory.WithDbAsync(async db =>
        (await db.Missions.Where(m => m.Id == id).Select(m => m.Status).FirstAsync(), await db.Missions.Where(m => m.Id == id).Select(m => m.Version).FirstAsync(),
            await db.RoadmapVersions.CountAsync(v => v.MissionId == id)));

    private static object MissionBody(int programmeId, string title, string status, int version) =>
        new { programmeId, title, statement = "Ett önskat läge.", baselineYear = 2020, horizonYear = 2035, status, version };

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [SkippableFact]
    public async Task PutCannotTakeADraftMissionPastThePublishChecksButPassesThemWhenMet()
    {
        var client = Admin();
        var programmeId = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync());
        var bare = await DraftAsync(goal: true, indicator: false);
        var before = await MissionStateAsync(bare);

        foreach (var status in new[] { "Active", "Closed" })
        {
            var errors = await ErrorsAsync(await client.PutAsJsonAsync($"/api/v1/missions/{bare}", MissionBody(programmeId, "Ny titel", status, before.Version)));
            var messages = errors.GetProperty("status").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Single(messages);
            Assert.Contains("ingen indikator", messages[0], StringComparison.Ordinal);
            Assert.Contains("Publicera", messages[0], StringComparison.Ordinal);
        }
        Assert.Equal(before, await MissionStateAsync(bare));
        Assert.NotEqual("Ny titel", await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == bare).Select(m => m.Title).FirstAsync()));

        // A draft that meets the checks leaves draft by PUT just as by Publicera: its roadmap becomes version 1.
        var ready = await DraftAsync(goal: true, indicator: true);
        var version = (await MissionStateAsync(ready)).Version;
        var published = await client.PutAsJsonAsync($"/api/v1/missions/{ready}", MissionBody(programmeId, "Redo", "Active", version));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal((MissionStatus.Active, 1), ((await MissionStateAsync(ready)).Status, (await MissionStateAsync(ready)).RoadmapVersions));
    }

    [SkippableFact]
    public async Task PostCannotCreateAPublishedMissionAndNamesStatusStoringNothing()
    {
        var client = Admin();
        var programmeId = await Factory.WithDbAsync(db => db.Missions.Where(m => m.Id == Factory.ExampleMissionId).Select(m => m.ProgrammeId).FirstAsync());
        var title = $"Smygpublicerad {Guid.NewGuid():N}"[..28];
        foreach (var status in new[] { "Active", "Closed" })
        {
            var errors = await ErrorsAsync(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title, statement = "Ett önskat läge.", baselineYear = 2020, horizonYear = 2035, status }));
            var message = Assert.Single(errors.GetProperty("status").EnumerateArray()).GetString()!;
            Assert.Contains("utkast", message, StringComparison.Ordinal);
            Assert.Contains("Publicera", message, StringComparison.Ordinal);
        }
        Assert.False(await Factory.WithDbAsync(db => db.Missions.AnyAsync(m => m.Title == title)));

        // Without a status (or with Draft) it is a draft, which Publicera publishes once it has a goal and an indicator.
        var created = await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title, statement = "Ett önskat läge.", baselineYear = 2020, horizonYear = 2035 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal((MissionStatus.Draft, 0), ((await MissionStateAsync(id)).Status, (await MissionStateAsync(id)).RoadmapVersions));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/missions/{id}/publish", new { })).StatusCode);
        Assert.Equal(MissionStatus.Draft, (await MissionStateAsync(id)).Status);
    }

    [SkippableFact]
    public async Task TheEditFormOfADraftChoosesNoStatusAndRefusesAPostedOnePointingToPublicera()
    {
        var client = Admin();
        var id = await DraftAsync(goal: true, indicator: true);
        var before = await MissionStateAsync(id);
        var form = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/missions/{id}/edit"));
        var main = form.QuerySelector("main")!;
        Assert.Null(main.QuerySelector("select#status"));
        Assert.Contains("Publicera", main.QuerySelector("#status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(main.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/missions/{id}/publish");

        var response = await RepresentativeTests.PostFormAsync(client, $"/missions/{id}/edit", "mission", new Dictionary<string, string> { ["Form.Status"] = "Active", ["Form.Title"] = "Smygpublicerad" });
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".error-summary, [role=alert]")!.TextContent;
        Assert.Contains("Status", summary, StringComparison.Ordinal);
        Assert.Contains("Publicera", summary, StringComparison.Ordinal);
        Assert.Equal(before, await MissionStateAsync(id));

        // The form of a published mission still offers every status.
        var published = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/missions/{Factory.ExampleMissionId}/edit"));
        var options = ((IHtmlSelectElement)published.QuerySelector("select#status")!).Options.Select(o => o.Value);
        Assert.Equal(Enum.GetNames<MissionStatus>(), options);
    }

    [SkippableFact]
    public async Task TheMissionFormsRefusalIsInEnglishAndDanishToo()
    {
        var client = Admin();
        var id = await DraftAsync(goal: true, indicator: true);
        foreach (var (culture, expected) in new[] { ("en-GB", "Publish"), ("da-DK", "Offentliggør") })
        {
            client.DefaultRequestHeaders.AcceptLanguage.Clear();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
            var response = await RepresentativeTests.PostFormAsync(client, $"/missions/{id}/edit", "mission", new Dictionary<string, string> { ["Form.Status"] = "Closed" });
            var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            Assert.Contains(expected, page.QuerySelector(".error-summary, [role=alert]")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(MissionStatus.Draft, (await MissionStateAsync(id)).Status);
    }

    /// <summary>A proposed commitment of its own in the example mission's open round, for a member actor.</summary>
    private async Task<int> CommitmentAsync(HttpClient client)
    {
        var template = await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == Factory.ExampleMissionId)
            .OrderByDescending(c => c.Round!.Date).ThenByDescending(c => c.RoundId).Select(c => new { c.ActorId, c.RoundId, c.Tier }).FirstAsync());
        var created = await client.PostAsJsonAsync("/api/v1/commitments", new { template.ActorId, missionId = Factory.ExampleMissionId, template.RoundId, text = "Vi mäter svinnet varje vecka", template.Tier, status = "Proposed" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private Task<(CommitmentStatus Status, string? Signatory, DateOnly? SignedOn, int Version, string Text)> CommitmentStateAsync(int id) =>
        Factory.WithDbAsync(db => db.Commitments.Where(c => c.Id == id)
            .Select(c => new ValueTuple<CommitmentStatus, string?, DateOnly?, int, string>(c.Status, c.Signatory, c.SignedOn, c.Version, c.Text)).FirstAsync());

    private async Task<object> CommitmentBodyAsync(int id, string status, string? signatory = null, string? signedOn = null)
    {
        var c = await Factory.WithDbAsync(db => db.Commitments.Where(x => x.Id == id).Select(x => new { x.ActorId, x.MissionId, x.RoundId, x.Tier, x.Version }).FirstAsync());
        return new { c.ActorId, c.MissionId, c.RoundId, text = "Ändrad text", c.Tier, status, signatory, signedOn, c.Version };
    }

    [SkippableFact]
    public async Task PutCannotSignACommitmentAndNamesTheFieldThatWouldHave()
    {
        var client = Admin();
        var id = await CommitmentAsync(client);
        var before = await CommitmentStateAsync(id);

        var status = await ErrorsAsync(await client.PutAsJsonAsync($"/api/v1/commitments/{id}", await CommitmentBodyAsync(id, "Signed")));
        Assert.Equal(["status"], status.EnumerateObject().Select(p => p.Name));
        Assert.Contains("Skriv under", status.GetProperty("status")[0].GetString(), StringComparison.Ordinal);

        var signature = await ErrorsAsync(await client.PutAsJsonAsync($"/api/v1/commitments/{id}", await CommitmentBodyAsync(id, "InProgress", "Anna Andersson", "2026-03-01")));
        Assert.Equal(["signatory", "signedOn"], signature.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(before, await CommitmentStateAsync(id));

        // Other edits still go through, and signing stays its own step.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/commitments/{id}", await CommitmentBodyAsync(id, "InProgress"))).StatusCode);
        Assert.Equal((CommitmentStatus.InProgress, "Ändrad text"), ((await CommitmentStateAsync(id)).Status, (await CommitmentStateAsync(id)).Text));
    }

    [SkippableFact]
    public async Task TheCommitmentFormCannotSignEitherAndSaysWhereSigningIsDone()
    {
        var client = Admin();
        var id = await CommitmentAsync(client);
        var before = await CommitmentStateAsync(id);
        var form = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/commitments/{id}/edit"));
        Assert.DoesNotContain(nameof(CommitmentStatus.Signed), ((IHtmlSelectElement)form.QuerySelector("select#status")!).Options.Select(o => o.Value));

        var response = await RepresentativeTests.PostFormAsync(client, $"/commitments/{id}/edit", "commitment", new Dictionary<string, string> { ["Form.Status"] = "Signed" });
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".error-summary, [role=alert]")!.TextContent;
        Assert.Contains("Skriv under", summary, StringComparison.Ordinal);
        Assert.Equal(before, await CommitmentStateAsync(id));
    }
}

public sealed class SqliteGuardTests(SqliteAppFactory factory) : GuardTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresGuardTests(PostgresAppFactory factory) : GuardTests(factory), IClassFixture<PostgresAppFactory>;
