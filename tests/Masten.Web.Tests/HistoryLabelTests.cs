using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Masten.Core.History;
using Masten.Data.History;
using Masten.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Tests;

/// <summary>
/// History and audit pages name every stored field in the reader's language, and show a commitment's tier by its
/// name, not its key. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class HistoryLabelTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static readonly HtmlParser Parser = new();

    /// <summary>Fields a change record never holds (see MastenDbContext.Snapshot), and the ones views leave out.</summary>
    private static readonly HashSet<string> NotShown = new(StringComparer.Ordinal) { "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Document" };

    /// <summary>Labels the journey definition page brings with its own texts (a label defined twice stops the app).</summary>
    private static readonly HashSet<string> LabelledByJourneys = new(StringComparer.Ordinal) { "Evidence", "StallAfterDays", "StartedIndicatorId" };

    [SkippableFact]
    public async Task EveryFieldAChangeRecordHoldsHasALabelInEveryLanguage()
    {
        Factory.RequireDatabase();
        // Only audited types are listed (MastenDbContext.Unaudited): the outbox's and notifications' fields never show in a history.
        var fields = await Factory.WithDbAsync(db => Task.FromResult(db.EntityTypes()
            .SelectMany(name => db.Model.GetEntityTypes().Where(t => t.ClrType.Name == name).SelectMany(t => t.GetProperties().Select(p => p.Name)))
            .Append("Targets")
            .Where(f => !NotShown.Contains(f) && !LabelledByJourneys.Contains(f) && !SnapshotDiff.BookkeepingFields.Contains(f))
            .Select(f => $"Field.{char.ToLowerInvariant(f[0])}{f[1..]}")
            .ToHashSet()));

        Assert.Contains("Field.signedByUserId", fields);
        foreach (var language in JsonStringLocalizer.SupportedCultures)
        {
            var missing = fields.Where(k => !JsonStringLocalizer.TextsOf(language).ContainsKey(k)).Order().ToList();
            Assert.True(missing.Count == 0, $"{language} lacks {string.Join(", ", missing)}");
        }
    }

    [SkippableTheory]
    [InlineData("en-GB", "Tier", "Leading", "Signed by (account)")]
    [InlineData("da-DK", "Niveau", "Førende", "Underskrevet af (konto)")]
    [InlineData("sv-SE", "Nivå", "Ledande", "Underskrivet av (konto)")]
    public async Task ACommitmentsHistoryNamesItsFieldsAndTierInThePagesLanguage(string culture, string tierLabel, string tierName, string signerLabel)
    {
        Factory.RequireDatabase();
        var client = Factory.CreateClientWithToken(Factory.AdminToken);
        var template = await Factory.WithDbAsync(db => db.Commitments.Where(c => c.MissionId == Factory.ExampleMissionId)
            .Select(c => new { c.ActorId, c.RoundId }).FirstAsync());
        var created = await client.PostAsJsonAsync("/api/v1/commitments", new { template.ActorId, missionId = Factory.ExampleMissionId, template.RoundId, text = "Vi lagar cyklar", tier = "leading", status = "Proposed" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var page = await Parser.ParseDocumentAsync(await client.GetStringAsync($"/history/Commitment/{id}"));
        var rows = page.QuerySelectorAll("table.changes tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td.after")!.TextContent.Trim());

        Assert.Equal(tierName, rows[tierLabel]);
        Assert.Contains(signerLabel, rows.Keys);
        // No field is shown by its stored name.
        Assert.DoesNotContain(rows.Keys, k => k is "SignedByUserId" or "CarriedFromId" or "CreatedAt" or "Id" or "SignedAt");
    }
}

public sealed class SqliteHistoryLabelTests(SqliteAppFactory factory) : HistoryLabelTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresHistoryLabelTests(PostgresAppFactory factory) : HistoryLabelTests(factory), IClassFixture<PostgresAppFactory>;
