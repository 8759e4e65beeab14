using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masten.Web.Tests;

/// <summary>
/// A signing round's closing date end to end: the round form and API, "Mina uppgifter", the sign page, the refusal
/// after the last day, and the digest that states the last day and reminds again in the last week, against a real
/// SMTP server. Each test makes its own mission (<see cref="RepresentativeTests.CreateWorldAsync"/>). SQLite and PostgreSQL.
/// </summary>
public abstract class RoundClosingTests(IMailFactory mail)
{
    private MastenAppFactory Factory => mail.App;
    private static readonly HtmlParser Parser = new();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(RepresentativeTests.World World, int RoundId)> WorldAsync()
    {
        Factory.RequireDatabase();
        var world = await RepresentativeTests.CreateWorldAsync(Factory);
        var round = await Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.MissionId == world.MissionId && r.Name == "2026").Select(r => r.Id).FirstAsync());
        return (world, round);
    }

    private Task<int> CloseOnAsync(int roundId, DateOnly? closesOn) =>
        Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosesOn, closesOn)));

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response) => await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static string MainText(IDocument page) => page.QuerySelector("main")!.TextContent;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task TheRoundFormSavesALastDayAndRefusesOneBeforeTheOpeningNamingTheField()
    {
        var (world, roundId) = await WorldAsync();
        var client = Factory.CreateClientWithToken(Factory.AdminToken);
        var before = await Factory.WithDbAsync(db => db.SigningRounds.AsNoTracking().FirstAsync(r => r.Id == roundId));

        var refused = await RepresentativeTests.PostFormAsync(client, $"/rounds/{roundId}/edit", "round", new Dictionary<string, string> { ["Form.ClosesOn"] = "2026-01-14" });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        var page = await DocumentAsync(refused);
        var summary = page.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Sista dag", summary, StringComparison.Ordinal);
        Assert.Contains("kan inte vara före dagen då omgången öppnar (2026-01-15)", summary, StringComparison.Ordinal);
        var after = await Factory.WithDbAsync(db => db.SigningRounds.AsNoTracking().FirstAsync(r => r.Id == roundId));
        Assert.Equal((before.ClosesOn, before.Version), (after.ClosesOn, after.Version));

        var lastDay = Today.AddDays(20);
        var saved = await RepresentativeTests.PostFormAsync(client, $"/rounds/{roundId}/edit", "round", new Dictionary<string, string> { ["Form.ClosesOn"] = Iso(lastDay) });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(lastDay, await Factory.WithDbAsync(db => db.SigningRounds.Where(r => r.Id == roundId).Select(r => r.ClosesOn).FirstAsync()));
        var form = await DocumentAsync(await client.GetAsync($"/rounds/{roundId}/edit"));
        Assert.Equal(Iso(lastDay), form.QuerySelector("#closesOn")!.GetAttribute("value"));
        var actors = await DocumentAsync(await client.GetAsync($"/missions/{world.MissionId}/actors"));
        var row = actors.QuerySelectorAll("section[aria-labelledby=rounds] tbody th").Single(th => th.TextContent.Contains("2026", StringComparison.Ordinal));
        Assert.Contains($"sista dag {Iso(lastDay)}", row.TextContent, StringComparison.Ordinal);

        // The API takes and gives the same date, and refuses one before the opening naming closesOn.
        var api = Factory.CreateClientWithToken(Factory.AdminToken);
        var round = await api.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{roundId}");
        Assert.Equal(Iso(lastDay), round.GetProperty("closesOn").GetString());
        var version = round.GetProperty("version").GetInt32();
        var bad = await api.PutAsJsonAsync($"/api/v1/rounds/{roundId}", new { name = "2026", date = "2026-01-15", closesOn = "2025-12-31", version });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("closesOn", out _), problem.ToString());
        var good = await api.PutAsJsonAsync($"/api/v1/rounds/{roundId}", new { name = "2026", date = "2026-01-15", closesOn = (string?)null, version });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closesOn").ValueKind);

        var opened = await api.PostAsJsonAsync($"/api/v1/missions/{world.MissionId}/rounds", new { name = "2027", date = Iso(Today), closesOn = Iso(Today.AddDays(30)) });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(Iso(Today.AddDays(30)), (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("round").GetProperty("closesOn").GetString());
    }

    [SkippableFact]
    public async Task MyTasksAndTheSignPageShowTheLastDayAndSigningAfterItIsRefusedChangingNothing()
    {
        var (world, roundId) = await WorldAsync();
        var client = Factory.CreateClientWithToken(world.RepToken);
        var lastDay = Today.AddDays(20);
        await CloseOnAsync(roundId, lastDay);

        var tasks = await DocumentAsync(await client.GetAsync("/my-tasks"));
        var sign = tasks.QuerySelector("section[aria-labelledby=sign-heading]")!;
        Assert.Contains($"sista dag {Iso(lastDay)}", sign.TextContent, StringComparison.Ordinal);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks");
        Assert.Equal(Iso(lastDay), api.GetProperty("sign").GetProperty("items")[0].GetProperty("roundClosesOn").GetString());
        var page = await DocumentAsync(await client.GetAsync($"/commitments/{world.OpenCommitment}/sign"));
        var facts = page.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal(Iso(lastDay), facts["Sista dag att skriva under"]);
        Assert.NotNull(page.QuerySelector("main form button[type=submit]"));

        // The day after the last day: off the list, no button, and a post on the page or the API is refused.
        var yesterday = Today.AddDays(-1);
        await CloseOnAsync(roundId, yesterday);
        var closedTasks = await DocumentAsync(await client.GetAsync("/my-tasks"));
        Assert.Empty(closedTasks.QuerySelector("section[aria-labelledby=sign-heading]")!.QuerySelectorAll("a"));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/tasks")).GetProperty("sign").GetProperty("totalCount").GetInt32());
        var closedPage = await DocumentAsync(await client.GetAsync($"/commitments/{world.OpenCommitment}/sign"));
        Assert.Null(closedPage.QuerySelector("main form button[type=submit]"));
        Assert.Contains($"Omgång 2026 stängde {Iso(yesterday)}", MainText(closedPage), StringComparison.Ordinal);

        var before = await Factory.WithDbAsync(db => db.Commitments.AsNoTracking().Where(c => c.Id == world.OpenCommitment).Select(c => new { c.Status, c.SignedOn, c.Version }).FirstAsync());
        var posted = await client.PostAsync($"/commitments/{world.OpenCommitment}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign",
            ["__RequestVerificationToken"] = await PageTests.AntiforgeryTokenAsync(client),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains($"omgång 2026 stängde {Iso(yesterday)}", (await DocumentAsync(posted)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var refused = await client.PostAsJsonAsync($"/api/v1/commitments/{world.OpenCommitment}/sign", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(Iso(yesterday), problem.GetProperty("errors").GetProperty("roundId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Commitments.AsNoTracking().Where(c => c.Id == world.OpenCommitment).Select(c => new { c.Status, c.SignedOn, c.Version }).FirstAsync()));

        var actors = await DocumentAsync(await Factory.CreateClientWithToken(Factory.AdminToken).GetAsync($"/missions/{world.MissionId}/actors"));
        Assert.Contains(actors.QuerySelectorAll("section[aria-labelledby=rounds] tbody th"), th => th.TextContent.Contains($"stängd sedan {Iso(yesterday)}", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task TheDigestStatesTheLastDayAndRemindsAgainInTheRoundsLastWeekThenNoMore()
    {
        var (world, roundId) = await WorldAsync();
        var now = DateTime.UtcNow.Date.AddHours(10);
        var today = DateOnly.FromDateTime(now);
        var lastDay = today.AddDays(20);
        await CloseOnAsync(roundId, lastDay);
        var reminders = Factory.Services.GetRequiredService<Reminders>();
        var worker = Factory.Services.GetRequiredService<OutboxWorker>();
        var userId = world.RepUserId;

        async Task<List<MimeMessage>> PassAsync(DateTime at)
        {
            await reminders.RunAsync(at, CancellationToken.None);
            while (await worker.SendBatchAsync(CancellationToken.None) > 0)
            {
            }
            return [.. mail.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, world.RepEmail, StringComparison.OrdinalIgnoreCase)))
                .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];
        }
        Task<List<Notification>> SignNotificationsAsync() => Factory.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && (n.Kind == NotificationKind.SignatureWaiting || n.Kind == NotificationKind.SignatureClosing)).OrderBy(n => n.Id).ToListAsync());

        var first = Assert.Single(await PassAsync(now));
        var sv = CultureInfo.GetCultureInfo("sv");
        Assert.Contains($"»Vi byter alla bilar mot elbilar.« (Aktör A", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"väntar på en underskrift. Sista dagen att skriva under är {lastDay.ToString("d MMMM yyyy", sv)}.", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/commitments/{world.OpenCommitment}/sign", first.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Omgångar som snart stänger", first.TextBody, StringComparison.Ordinal);
        var waiting = Assert.Single(await SignNotificationsAsync());
        Assert.Equal((NotificationKind.SignatureWaiting, lastDay), (waiting.Kind, waiting.Date));

        // Six days before the last day: told again, in its own section; the other causes were told already.
        var received = await PassAsync(now.AddDays(14));
        Assert.Equal(2, received.Count);
        var second = received.Single(m => m.MessageId != first.MessageId).TextBody ?? "";
        Assert.True(second.Contains("Omgångar som snart stänger", StringComparison.Ordinal), second + string.Join(", ", (await SignNotificationsAsync()).Select(n => $"{n.Kind} {n.CauseKey} {n.Date}")));
        Assert.Contains($"är inte underskrivet än. Omgången stänger {lastDay.ToString("d MMMM yyyy", sv)}.", second, StringComparison.Ordinal);
        Assert.Equal([NotificationKind.SignatureWaiting, NotificationKind.SignatureClosing], (await SignNotificationsAsync()).Select(n => n.Kind));

        // After the last day the round takes no signatures, so nothing more is told of it.
        await PassAsync(now.AddDays(15));
        await PassAsync(now.AddDays(21));
        Assert.Equal(2, (await SignNotificationsAsync()).Count);
    }
}

public sealed class SqliteRoundClosingTests(SqliteMailFactory factory) : RoundClosingTests(factory), IClassFixture<SqliteMailFactory>;

public sealed class PostgresRoundClosingTests(PostgresMailFactory factory) : RoundClosingTests(factory), IClassFixture<PostgresMailFactory>;
