using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// A commitment is never created signed (neither by <c>POST /commitments</c> nor by its form), and a signature given on
/// paper is the programme office's own action, which records the name and date on the paper and who entered it.
/// Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class PaperSignatureTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    private HttpClient Admin()
    {
        Factory.RequireDatabase();
        return Factory.CreateClientWithToken(Factory.AdminToken);
    }

    private sealed record World(int Actor, int OpenRound, DateOnly OpenRoundDate, int ClosedRound);

    private Task<World> WorldAsync() => Factory.WithDbAsync(async db =>
    {
        var mission = Factory.ExampleMissionId;
        var rounds = await db.SigningRounds.Where(r => r.MissionId == mission).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => new { r.Id, r.Date }).ToListAsync();
        var actor = await db.Memberships.Where(m => m.MissionId == mission).OrderBy(m => m.Id).Select(m => m.ActorId).FirstAsync();
        return new World(actor, rounds[0].Id, rounds[0].Date, rounds[^1].Id);
    });

    private object Body(World w, int round, string text, string status = "Proposed", string? signatory = null, string? signedOn = null) => new
    {
        actorId = w.Actor, missionId = Factory.ExampleMissionId, roundId = round, text, tier = "supporting", goalIds = Array.Empty<int>(), status, signatory, signedOn,
    };

    private async Task<int> CommitmentAsync(HttpClient client, World w, int round, string text)
    {
        var response = await client.PostAsJsonAsync("/api/v1/commitments", Body(w, round, text));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private Task<Commitment> StoredAsync(int id) => Factory.WithDbAsync(db => db.Commitments.AsNoTracking().FirstAsync(c => c.Id == id));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task ACreateCannotSignThroughTheApiOrTheFormAndNamesEachFieldStoringNothing()
    {
        var client = Admin();
        var w = await WorldAsync();
        var text = $"Signerat vid skapandet {Guid.NewGuid():N}";
        var response = await client.PostAsJsonAsync("/api/v1/commitments", Body(w, w.OpenRound, text, "Signed", "Anna Andersson", Day(w.OpenRoundDate)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["signatory", "signedOn", "status"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("Skriv under", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        // A signatory alone is refused too: it would read as a signature.
        var named = await client.PostAsJsonAsync("/api/v1/commitments", Body(w, w.OpenRound, text, "InProgress", "Anna Andersson"));
        Assert.Equal(["signatory"], (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var url = $"/missions/{Factory.ExampleMissionId}/commitments/new?actor={w.Actor}";
        var page = await RepresentativeTests.PostFormAsync(client, url, "commitment", new Dictionary<string, string>
        {
            ["Form.ActorId"] = w.Actor.ToString(CultureInfo.InvariantCulture), ["Form.RoundId"] = w.OpenRound.ToString(CultureInfo.InvariantCulture),
            ["Form.Text"] = text, ["Form.Tier"] = "supporting", ["Form.Status"] = "Signed",
        });
        // The commitment form answers a refused save with the form again and its error summary (as every edit page does).
        var summary = (await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync())).QuerySelector(".error-summary, [role=alert]")!.TextContent;
        Assert.Contains("Status", summary, StringComparison.Ordinal);
        Assert.Contains("papper", summary, StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Text == text)));
    }

    [SkippableFact]
    public async Task TheOfficeEntersASignatureOnPaperWhichRecordsTheNameTheDateAndWhoEnteredIt()
    {
        var client = Admin();
        var w = await WorldAsync();
        var id = await CommitmentAsync(client, w, w.OpenRound, $"Papperslöfte {Guid.NewGuid():N}");
        var edit = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/commitments/{id}/edit"));
        Assert.Contains(edit.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/commitments/{id}/paper-signature");

        var url = $"/commitments/{id}/paper-signature";
        var blank = await RepresentativeTests.PostFormAsync(client, url, "paper-signature");
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var blankPage = await Parser.ParseDocumentAsync(await blank.Content.ReadAsStringAsync());
        Assert.Equal([$"{url}#signatory", $"{url}#signedOn"], blankPage.QuerySelectorAll(".error-summary a, [role=alert] a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal));
        var future = await RepresentativeTests.PostFormAsync(client, url, "paper-signature", new Dictionary<string, string>
        {
            ["Form.Signatory"] = "Anna Andersson", ["Form.SignedOn"] = Day(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)),
        });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("i dag", (await Parser.ParseDocumentAsync(await future.Content.ReadAsStringAsync())).QuerySelector(".error-summary, [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((CommitmentStatus.Proposed, (DateOnly?)null), ((await StoredAsync(id)).Status, (await StoredAsync(id)).SignedOn));

        var saved = await RepresentativeTests.PostFormAsync(client, url, "paper-signature", new Dictionary<string, string>
        {
            ["Form.Signatory"] = " Anna Andersson ", ["Form.SignedOn"] = Day(w.OpenRoundDate),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var enteredBy = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == MastenAppFactory.AdminEmail).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstAsync());
        var stored = await StoredAsync(id);
        Assert.Equal((CommitmentStatus.Signed, "Anna Andersson", w.OpenRoundDate, (int?)null, enteredBy),
            (stored.Status, stored.Signatory, stored.SignedOn!.Value, stored.SignedByUserId, stored.SignatureEnteredBy));
        Assert.NotNull(stored.SignedAt);
        var audit = await Factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.EntityType == "Commitment" && c.EntityId == id && c.Action == "Updated").SingleAsync());
        Assert.Contains("Anna Andersson", audit.After, StringComparison.Ordinal);
        Assert.Contains(MastenAppFactory.AdminEmail, audit.ChangedBy, StringComparison.Ordinal);

        var shown = (await Parser.ParseDocumentAsync(await client.GetStringAsync($"/commitments/{id}/edit"))).QuerySelector("main")!.TextContent;
        Assert.Contains($"Underskrivet på papper av Anna Andersson den {Day(w.OpenRoundDate)}. Inskrivet av {enteredBy}.", shown, StringComparison.Ordinal);
        var again = await client.PostAsJsonAsync($"/api/v1/commitments/{id}/paper-signature", new { signatory = "Bertil", signedOn = Day(w.OpenRoundDate) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Anna Andersson", (await StoredAsync(id)).Signatory);
    }

    [SkippableFact]
    public async Task TheApiEntersASignatureOnPaperAndRefusesAClosedRoundOrMissingFields()
    {
        var client = Admin();
        var w = await WorldAsync();
        var id = await CommitmentAsync(client, w, w.OpenRound, $"Papperslöfte API {Guid.NewGuid():N}");
        var missing = await client.PostAsJsonAsync($"/api/v1/commitments/{id}/paper-signature", new { signatory = " " });
        Assert.Equal(["signatory", "signedOn"], (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var early = await client.PostAsJsonAsync($"/api/v1/commitments/{id}/paper-signature", new { signatory = "Anna", signedOn = Day(w.OpenRoundDate.AddDays(-1)) });
        Assert.Equal(["signedOn"], (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(CommitmentStatus.Proposed, (await StoredAsync(id)).Status);

        var response = await client.PostAsJsonAsync($"/api/v1/commitments/{id}/paper-signature", new { signatory = "Anna", signedOn = Day(w.OpenRoundDate), version = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dto = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Signed", "Anna", Day(w.OpenRoundDate)), (dto.GetProperty("status").GetString(), dto.GetProperty("signatory").GetString(), dto.GetProperty("signedOn").GetString()));
        Assert.False(string.IsNullOrEmpty(dto.GetProperty("signatureEnteredBy").GetString()));

        var old = await CommitmentAsync(client, w, w.ClosedRound, $"Gammalt löfte {Guid.NewGuid():N}");
        var closed = await client.PostAsJsonAsync($"/api/v1/commitments/{old}/paper-signature", new { signatory = "Anna", signedOn = Day(w.OpenRoundDate) });
        Assert.Equal(["roundId"], (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Null((await StoredAsync(old)).SignedOn);
    }

    [SkippableFact]
    public async Task ARepresentativeCannotEnterASignatureOnPaperForTheirOwnCommitment()
    {
        var admin = Admin();
        var w = await WorldAsync();
        var id = await CommitmentAsync(admin, w, w.OpenRound, $"Eget löfte {Guid.NewGuid():N}");
        var (_, token) = await Factory.CreateUserAsync($"rep-{Guid.NewGuid():N}@masten.test",
            [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.ActorRepresentative, ActorId = w.Actor }]);
        var rep = Factory.CreateClientWithToken(token);
        var api = await rep.PostAsJsonAsync($"/api/v1/commitments/{id}/paper-signature", new { signatory = "Jag själv", signedOn = Day(w.OpenRoundDate) });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync($"/commitments/{id}/paper-signature")).StatusCode);
        // Their edit form offers Skriv under, not the office's paper action.
        var edit = await Parser.ParseDocumentAsync(await rep.GetStringAsync($"/commitments/{id}/edit"));
        Assert.DoesNotContain(edit.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/commitments/{id}/paper-signature");
        Assert.Contains(edit.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/commitments/{id}/sign");
        Assert.Null((await StoredAsync(id)).SignedOn);
    }
}

public sealed class SqlitePaperSignatureTests(SqliteAppFactory factory) : PaperSignatureTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPaperSignatureTests(PostgresAppFactory factory) : PaperSignatureTests(factory), IClassFixture<PostgresAppFactory>;
