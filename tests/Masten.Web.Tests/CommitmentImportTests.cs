using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>
/// Membership and commitment imports for a signing round over the API and the pages: preview stores nothing, the apply creates the
/// missing membership and proposed commitments with the import as their cause, a re-import changes nothing (also after a signature
/// on paper), a signature in the file is refused and bad rows are named by row and column with nothing stored, a kept preview is
/// applied once, and the Importera page offers the kind; on SQLite and PostgreSQL.
/// </summary>
public abstract class CommitmentImportTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly string[] PartnerRole = ["Partner"];

    /// <summary>A mission of its own with the goal "Rent vatten", the round "2025", one member actor and one actor outside it.</summary>
    private async Task<(int Mission, int Round, string Member, string Outsider)> MissionAsync(HttpClient client)
    {
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/missions", new { programmeId, title = "Åtagandeimport", statement = "Havet mår bra.", baselineYear = 2020, horizonYear = 2035 }), HttpStatusCode.Created))["id"]!;
        await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/goals", new { missionId = mission, title = "Rent vatten" }), HttpStatusCode.Created);
        var round = (int)(await ApiJson.Read(await client.PostAsJsonAsync($"/api/v1/missions/{mission}/rounds", new { name = "2025", date = "2025-01-01" }), HttpStatusCode.Created))["round"]!["id"]!;
        var numbers = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var number = ActorsApiTests.NewSwedishNumber();
            var actor = (int)(await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/actors", new { name = $"Aktör {number}", type = "Municipality", country = "Sweden", organisationNumber = number }), HttpStatusCode.Created))["id"]!;
            if (i == 0)
                await ApiJson.Read(await client.PostAsJsonAsync("/api/v1/memberships", new { actorId = actor, missionId = mission, roles = PartnerRole, joinedOn = "2025-01-01" }), HttpStatusCode.Created);
            numbers.Add(number);
        }
        return (mission, round, numbers[0], numbers[1]);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string File(string member, string outsider, string tier = "leading") =>
        $"organisationsnummer;omgång;åtagande;nivå;mål;belopp;valuta;roller\n{member.Replace("-", "", StringComparison.Ordinal)};2025;Halverar utsläppen.;{tier};Rent vatten;250 000;SEK;\n"
        + $"{outsider};;Bygger laddplatser.;contributing;;;;finansiär\n{outsider};2025;Delar data.;supporting;;;;\n";

    [SkippableFact]
    public async Task APreviewStoresNothingTheApplyCreatesTheMembershipAndProposedCommitmentsAndAReimportChangesNothing()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, round, member, outsider) = await MissionAsync(client);
        var file = File(member, outsider);
        var preview = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments&dryRun=true", Csv(file)), HttpStatusCode.OK);
        Assert.Equal(("Commitments", 3, 0, false), ((string)preview["kind"]!, (int)preview["create"]!, (int)preview["update"]!, (bool)preview["applied"]!));
        Assert.Equal("membership (funder)", (string)preview["items"]!.AsArray()[1]!["changes"]!);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.MissionId == mission)));

        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments", Csv(file)), HttpStatusCode.Created);
        var importId = (int)applied["importId"]!;
        var stored = await Factory.WithDbAsync(db => db.Commitments.AsNoTracking().Include(c => c.Actor).Where(c => c.MissionId == mission).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(["Halverar utsläppen.", "Bygger laddplatser.", "Delar data."], stored.Select(c => c.Text));
        Assert.All(stored, c => Assert.Equal((round, CommitmentStatus.Proposed, (string?)null, (DateOnly?)null, (DateTime?)null), (c.RoundId, c.Status, c.Signatory, c.SignedOn, c.SignedAt)));
        Assert.Equal((250_000.0, Currency.SEK, "leading"), (stored[0].PledgedMoney!.Value, stored[0].Currency!.Value, stored[0].Tier));
        var outsiderMembership = await Factory.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.MissionId == mission && m.Actor!.OrganisationNumber == outsider));
        Assert.Equal([MissionRole.Funder], outsiderMembership.Roles);
        Assert.StartsWith($"import #{importId} by ", await Factory.WithDbAsync(db =>
            db.ChangeRecords.Where(c => c.EntityType == "Commitment" && c.EntityId == stored[0].Id).Select(c => c.ChangedBy).FirstAsync()), StringComparison.Ordinal);
        Assert.StartsWith($"import #{importId} by ", await Factory.WithDbAsync(db =>
            db.ChangeRecords.Where(c => c.EntityType == "Membership" && c.EntityId == outsiderMembership.Id).Select(c => c.ChangedBy).FirstAsync()), StringComparison.Ordinal);

        // A signature given on paper, entered afterwards, is kept by a re-import, which changes nothing.
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ApiJson.Read(await client.PostAsJsonAsync($"/api/v1/commitments/{stored[0].Id}/paper-signature", new { signatory = "Anna Berg", signedOn = today }), HttpStatusCode.OK);
        var version = await Factory.WithDbAsync(db => db.Commitments.Where(c => c.Id == stored[0].Id).Select(c => c.Version).FirstAsync());
        var again = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments", Csv(file)), HttpStatusCode.OK);
        Assert.Equal((0, 0, 3, true), ((int)again["create"]!, (int)again["update"]!, (int)again["unchanged"]!, (bool)again["nothingToApply"]!));
        var signed = await Factory.WithDbAsync(db => db.Commitments.AsNoTracking().SingleAsync(c => c.Id == stored[0].Id));
        Assert.Equal((CommitmentStatus.Signed, "Anna Berg", version), (signed.Status, signed.Signatory, signed.Version));
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.MissionId == mission)));

        var changed = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments", Csv(File(member, outsider, "supporting"))), HttpStatusCode.Created);
        Assert.Equal((0, 1, 2), ((int)changed["create"]!, (int)changed["update"]!, (int)changed["unchanged"]!));
        Assert.Equal("tier", (string)changed["items"]!.AsArray()[0]!["changes"]!);
        var tiered = await Factory.WithDbAsync(db => db.Commitments.AsNoTracking().SingleAsync(c => c.Id == stored[0].Id));
        Assert.Equal(("supporting", CommitmentStatus.Signed, "Anna Berg"), (tiered.Tier, tiered.Status, tiered.Signatory));
    }

    [SkippableFact]
    public async Task ASignatureInTheFileAndBadRowsAreNamedByRowAndColumnAndNothingIsStored()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, member, outsider) = await MissionAsync(client);
        var bad = $"organisationsnummer;omgång;åtagande;nivå;status;undertecknare\n{member};2025;Bra.;leading;;\n"
            + $"{outsider};2025;Signerat.;leading;undertecknat;Anna Berg\n999999-9999;1999;;guld;;\n";
        var problem = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments", Csv(bad)), HttpStatusCode.UnprocessableEntity);
        var errors = problem["importErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string)e["code"]!)).ToList();
        Assert.Equal([(3, "undertecknare", "NoSignatureOnImport"), (4, "organisationsnummer", "UnknownOrganisationNumber"), (4, "omgång", "UnknownRound"), (4, "åtagande", "CommitmentTextRequired")], errors);
        var signedOnCreate = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments&dryRun=true",
            Csv($"organisationsnummer;åtagande;nivå;status\n{member};Signerat.;guld;undertecknat\n")), HttpStatusCode.OK);
        Assert.Equal([(2, "nivå", "UnknownTier"), (2, "status", "NoSignatureOnCreate")],
            signedOnCreate["errors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string)e["code"]!)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Memberships.CountAsync(m => m.MissionId == mission)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Set<Masten.Core.Imports.ImportRecord>().CountAsync(x => x.MissionId == mission)));
        var missing = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments&dryRun=true", Csv("organisationsnummer;nivå\nA;1\n")), HttpStatusCode.BadRequest);
        Assert.Equal("MissingCommitmentColumns", (string)missing["importErrors"]![0]!["code"]!);
    }

    [SkippableFact]
    public async Task AKeptPreviewIsAppliedOnceByTheApplyApi()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, member, outsider) = await MissionAsync(client);
        var kept = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports?kind=commitments&dryRun=true&keep=true", Csv(File(member, outsider))), HttpStatusCode.OK);
        var importId = (int)kept["importId"]!;
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
        var applied = await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports/{importId}/apply", null), HttpStatusCode.OK);
        Assert.Equal((importId, 3, "Commitments"), ((int)applied["importId"]!, (int)applied["create"]!, (string)applied["kind"]!));
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
        await ApiJson.Read(await client.PostAsync($"/api/v1/missions/{mission}/imports/{importId}/apply", null), HttpStatusCode.Conflict);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
    }

    [SkippableFact]
    public async Task TheImportPageOffersCommitmentsAndPreviewsAPastedTableByRow()
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClient();
        var (mission, _, member, outsider) = await MissionAsync(client);
        var page = await client.GetAsync($"/missions/{mission}/import?kind=commitments");
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var option = Assert.Single(document.QuerySelectorAll("select#kind option"), o => o.GetAttribute("value") == "commitments");
        Assert.Contains("åtaganden", option.TextContent, StringComparison.Ordinal);
        Assert.True(option.HasAttribute("selected"));
        Assert.Contains(document.QuerySelectorAll("details summary"), s => s.TextContent.Contains("medverkan och åtaganden", StringComparison.Ordinal));

        var (status, result) = await ImportPageTests.PostAsync(client, $"/missions/{mission}/import", "preview", document, new Dictionary<string, string>
        {
            ["Form.Kind"] = "commitments",
            ["Form.Paste"] = $"organisationsnummer\tåtagande\tnivå\n{member}\tHalverar utsläppen.\tleading\n{outsider}\tDelar data.\tguld\n",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(result.QuerySelectorAll("table.import-errors tbody tr"));
        Assert.Equal(["3", "nivå", "guld"], error.Children.Take(3).Select(c => c.TextContent.Trim()));
        Assert.Contains("nivåer", error.Children[3].TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Commitments.CountAsync(c => c.MissionId == mission)));
    }
}

public sealed class SqliteCommitmentImportTests(SqliteAppFactory factory) : CommitmentImportTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCommitmentImportTests(PostgresAppFactory factory) : CommitmentImportTests(factory), IClassFixture<PostgresAppFactory>;
