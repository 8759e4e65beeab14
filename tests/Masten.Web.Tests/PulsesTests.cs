using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Masten.Core.Actors;
using Masten.Core.Messaging;
using Masten.Core.Missions;
using Masten.Core.Pulses;
using Masten.Core.Readability;
using Masten.Data.Pulses;
using Masten.Web.Messaging;
using Masten.Web.Pulses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masten.Web.Tests;

/// <summary>
/// Trust pulses end to end on SQLite and PostgreSQL, with the real SMTP server of <see cref="IMailFactory"/>: the
/// definition and its bad input, rounds and their single-use links by e-mail, anonymous answers (also two at once on
/// one link), the anonymity threshold in the page, the API and the CSV (also against subtracting groups), the
/// computed indicator and the schedule.
/// </summary>
public abstract partial class PulsesTests(IMailFactory mail)
{
    private MastenAppFactory Factory => mail.App;
    private static readonly HtmlParser Parser = new();

    internal sealed record World(int MissionId, int IndicatorId, Dictionary<ActorType, List<string>> Emails, string Tag);

    /// <summary>A mission of its own with actors of the given types, each with its number of contact people (a Danish actor's get Danish mail), plus a contact without an address and an actor of a type the pulse leaves out.</summary>
    private Task<World> WorldAsync(params (ActorType Type, int Contacts, Country Country)[] actors) => WorldAsync(Factory, actors);

    internal static async Task<World> WorldAsync(MastenAppFactory factory, params (ActorType Type, int Contacts, Country Country)[] actors)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        return await factory.WithDbAsync(async db =>
        {
            var mission = new Mission
            {
                ProgrammeId = await db.Programmes.Select(p => p.Id).FirstAsync(), Title = $"Pulsuppdrag {tag}", Statement = "Ett uppdrag för pulsen.",
                BaselineYear = 2020, HorizonYear = 2035, Status = MissionStatus.Active,
            };
            var indicator = new Indicator { Name = "Tillit", Unit = "poäng", Direction = Direction.HigherIsBetter, BaselineDate = new DateOnly(2020, 1, 1), BaselineValue = 3,
                Targets = [new IndicatorTarget { Date = new DateOnly(2035, 12, 31), Value = 4.5 }] };
            mission.Goals.Add(new Goal { Title = "Förtroende", Indicators = { indicator } });
            db.Missions.Add(mission);
            await db.SaveChangesAsync();
            var emails = new Dictionary<ActorType, List<string>>();
            var n = 0;
            foreach (var (type, contacts, country) in actors.Append((ActorType.Funder, 1, Country.Sweden)))
            {
                var actor = new Actor { Name = $"Aktör {tag} {n++}", Type = type, Country = country };
                db.Actors.Add(actor);
                await db.SaveChangesAsync();
                db.Memberships.Add(new Membership { ActorId = actor.Id, MissionId = mission.Id, Roles = [MissionRole.Partner], JoinedOn = new DateOnly(2024, 1, 1) });
                for (var c = 0; c < contacts; c++)
                {
                    var email = $"pulse-{tag}-{n}-{c}@masten.test";
                    db.ContactPeople.Add(new ContactPerson { ActorId = actor.Id, Name = $"Kontakt {c}", Email = email });
                    if (!emails.TryGetValue(type, out var list))
                        emails[type] = list = [];
                    list.Add(email);
                }
                db.ContactPeople.Add(new ContactPerson { ActorId = actor.Id, Name = "Utan adress" });
            }
            await db.SaveChangesAsync();
            return new World(mission.Id, indicator.Id, emails, tag);
        });
    }

    private static object Definition(int threshold = 5, int? indicatorId = null, string[]? types = null, int? version = null, string? startsOn = null, bool scheduled = false) => new
    {
        statements = PulseRules.DefaultStatements,
        openQuestion = PulseRules.DefaultOpenQuestion,
        actorTypes = types ?? ["Municipality", "CivilSociety", "Company"],
        roundsPerYear = 2,
        startsOn = startsOn ?? "2026-01-01",
        openDays = 21,
        threshold,
        scheduled,
        indicatorId,
        indicatorStatement = indicatorId is null ? null : "trust",
        version,
    };

    private async Task<HttpResponseMessage> DefineAsync(int missionId, object definition) =>
        await Factory.CreateClient().PutAsJsonAsync($"/api/v1/missions/{missionId}/pulse", definition);

    private async Task<int> OpenRoundAsync(int missionId)
    {
        var response = await Factory.CreateClient().PostAsync($"/api/v1/missions/{missionId}/pulse/rounds", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>The link secrets of a round, read from the outbox before sending (each e-mail holds its recipient's link).</summary>
    private Task<Dictionary<string, string>> LinksAsync(int roundId) =>
        Factory.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.CauseKey!.StartsWith($"pulse:{roundId}:")).ToListAsync())
            .ToDictionary(m => m.ToAddress, m => Link().Match(m.TextBody).Groups["secret"].Value));

    private static Dictionary<string, int?> Scores(int value) => PulseRules.DefaultStatements.ToDictionary(s => s.Key, s => (int?)value);

    private async Task<HttpStatusCode> AnswerAsync(string secret, int value, string? open = null)
    {
        using var response = await Factory.CreateAnonymousClient().PostAsJsonAsync($"/api/v1/pulse-answers/{secret}", new { scores = Scores(value), openAnswer = open });
        return response.StatusCode;
    }

    private async Task DeliverAsync()
    {
        var worker = Factory.Services.GetRequiredService<OutboxWorker>();
        while (await worker.SendBatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<string> GetTextAsync(string url)
    {
        using var response = await Factory.CreateClient().GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        return text;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private async Task<T> GetAsync<T>(string url) => JsonSerializer.Deserialize<T>(await GetTextAsync(url), Web)!;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    [SkippableFact]
    public async Task APulseIsVersionedAndAThresholdBelowThreeIsRefusedNamingTheFieldChangingNothing()
    {
        Factory.RequireDatabase();
        var world = await WorldAsync((ActorType.Municipality, 1, Country.Sweden));

        var low = await DefineAsync(world.MissionId, Definition(threshold: 2));
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        Assert.True((await ProblemAsync(low)).GetProperty("errors").TryGetProperty("threshold", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.CreateClient().GetAsync($"/api/v1/missions/{world.MissionId}/pulse")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition())).StatusCode);
        // A change names the version it started from; a stale one is a conflict.
        Assert.Equal(HttpStatusCode.BadRequest, (await DefineAsync(world.MissionId, Definition(threshold: 6))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition(threshold: 6, version: 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DefineAsync(world.MissionId, Definition(threshold: 7, version: 1))).StatusCode);
        var lowered = await DefineAsync(world.MissionId, Definition(threshold: 1, version: 2));
        Assert.Equal(HttpStatusCode.BadRequest, lowered.StatusCode);

        var pulse = await Factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/missions/{world.MissionId}/pulse");
        Assert.Equal(6, pulse.GetProperty("threshold").GetInt32());
        Assert.Equal(2, pulse.GetProperty("version").GetInt32());
        Assert.Equal("Jag litar på de andra aktörerna i missionen", pulse.GetProperty("statements")[0].GetProperty("sv").GetString());
        var id = pulse.GetProperty("id").GetInt32();
        Assert.Equal(2, await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityType == "Pulse" && c.EntityId == id)));

        // The history page names the record's type and fields in Swedish.
        var history = Parser.ParseDocument(await Factory.CreateClient().GetStringAsync($"/history/Pulse/{id}"));
        Assert.Contains("Puls", history.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Minsta grupp som visas", history.Body!.TextContent, StringComparison.Ordinal);

        // The history is read like the mission's other records, so its editors may (before, only system administrators).
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (_, editor) = await Factory.CreateUserAsync($"pulse-editor-{suffix}@masten.test", [new Masten.Core.Accounts.RoleAssignment { MissionId = world.MissionId, Role = Masten.Core.Accounts.AccessRole.Editor }]);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClientWithToken(editor).GetAsync($"/api/v1/history/Pulse/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClientWithToken(editor).GetAsync($"/history/Pulse/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task OpeningARoundMailsEveryContactPersonOneSingleUseLinkInTheirLanguage()
    {
        Factory.RequireDatabase();
        var world = await WorldAsync((ActorType.Municipality, 2, Country.Sweden), (ActorType.Company, 1, Country.Denmark));
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition())).StatusCode);

        var roundId = await OpenRoundAsync(world.MissionId);
        await DeliverAsync();

        var secrets = new HashSet<string>();
        foreach (var (type, emails) in world.Emails.Where(e => e.Key != ActorType.Funder))
            foreach (var email in emails)
            {
                var message = Assert.Single(mail.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => a.Address == email))
                    .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))));
                Assert.IsType<MultipartAlternative>(message.Body);
                var language = type == ActorType.Company ? "da" : "sv";
                Assert.Equal(language, Parser.ParseDocument(message.HtmlBody!).DocumentElement.GetAttribute("lang"));
                Assert.Equal(MailComposer.Text(language, "Mail.Pulse.Subject", $"Pulsuppdrag {world.Tag}"), message.Subject);
                var secret = Link().Match(message.TextBody!).Groups["secret"].Value;
                Assert.True(PulseRules.LooksLikeSecret(secret));
                Assert.Contains(Parser.ParseDocument(message.HtmlBody!).QuerySelectorAll("a"), a => a.GetAttribute("href") == $"{MailHostSettings.PublicUrl}/pulse/{secret}");
                Assert.True(secrets.Add(secret), "every recipient gets a link of their own");
            }
        Assert.Equal(3, secrets.Count);
        // Nobody of the type the pulse leaves out got one.
        Assert.DoesNotContain(mail.Smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == world.Emails[ActorType.Funder][0]));
        await Factory.WithDbAsync(async db =>
        {
            // The links are stored as hashes only, and the sent e-mails (which held them) are cleared.
            var hashes = await db.PulseLinks.Where(l => l.RoundId == roundId).Select(l => l.TokenHash).ToListAsync();
            Assert.Equal(secrets.Select(PulseRules.Hash).Order(), hashes.Order());
            Assert.All(await db.OutboxMessages.Where(m => m.CauseKey!.StartsWith($"pulse:{roundId}:")).ToListAsync(), m => Assert.Equal("", m.TextBody));
            return 0;
        });
        // A link names no person, and an answer holds nothing that leads to a link or a time.
        Assert.Equal(["ActorType", "RoundId", "TokenHash", "Used"], typeof(PulseLink).GetProperties().Select(p => p.Name).Order().ToArray());
        Assert.Equal(["ActorType", "Id", "OpenAnswer", "RoundId", "Scores"], typeof(PulseAnswer).GetProperties().Select(p => p.Name).Order().ToArray());

        // A second round cannot open while this one is open.
        var again = await Factory.CreateClient().PostAsync($"/api/v1/missions/{world.MissionId}/pulse/rounds", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await ProblemAsync(again)).GetProperty("errors").TryGetProperty("round", out _));
    }

    [SkippableFact]
    public void ThePulseMailPassesTheKlarsprakCheckInEveryLanguage()
    {
        Factory.RequireDatabase();
        var composer = Factory.Services.GetRequiredService<PulseMail>();
        var failures = new List<string>();
        foreach (var (language, textLanguage) in new[] { ("sv", TextLanguage.Swedish), ("en", TextLanguage.English), ("da", TextLanguage.Danish) })
        {
            var message = composer.Compose(new PulseRecipient(1, "A", "a@masten.test", ActorType.Municipality, language), "Missionen", PulseRules.NewSecret(), new DateOnly(2027, 3, 21), "pulse:1:1");
            Assert.Equal(language, message.Language);
            Assert.True(message.Sensitive);
            foreach (var problem in MailReadability.Problems(message.Subject + ".\n\n" + message.TextBody, textLanguage))
                failures.Add($"{language}: {problem}");
        }
        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task AnAnswerIsTakenOnceAndBadInputNamesTheFieldChangingNothing()
    {
        Factory.RequireDatabase();
        var world = await WorldAsync((ActorType.Municipality, 3, Country.Sweden));
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition())).StatusCode);
        var roundId = await OpenRoundAsync(world.MissionId);
        var links = (await LinksAsync(roundId)).Values.ToList();
        var anonymous = Factory.CreateAnonymousClient();

        // The page: five statements, each a group of five choices, and the open question.
        var page = Parser.ParseDocument(await anonymous.GetStringAsync($"/pulse/{links[0]}"));
        var groups = page.QuerySelectorAll("form fieldset");
        Assert.Equal(5, groups.Length);
        Assert.Equal("Jag litar på de andra aktörerna i missionen", groups[0].QuerySelector("legend")!.TextContent.Trim());
        Assert.All(groups, g => Assert.Equal(5, g.QuerySelectorAll("input[type=radio]").Length));
        Assert.NotNull(page.QuerySelector("textarea#openAnswer"));

        // An answer outside 1–5 names the statement and stores nothing; the link stays unused.
        var fields = Enumerable.Range(0, 5).ToDictionary(i => $"Scores[{i}]", i => i == 1 ? "6" : "4");
        var refused = await PageTests.PostFormAsync(anonymous, $"/pulse/{links[0]}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var summary = Parser.ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Påstående 2", summary, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PulseAnswers.CountAsync(a => a.RoundId == roundId)));

        fields["Scores[1]"] = "5";
        fields["OpenAnswer"] = "Mer tid för samtal.";
        var taken = await PageTests.PostFormAsync(anonymous, $"/pulse/{links[0]}", fields);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("Tack för ditt svar", Parser.ParseDocument(await taken.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var stored = await Factory.WithDbAsync(db => db.PulseAnswers.Include(a => a.Scores).SingleAsync(a => a.RoundId == roundId));
        Assert.Equal(ActorType.Municipality, stored.ActorType);
        Assert.Equal("Mer tid för samtal.", stored.OpenAnswer);
        Assert.Equal(5, stored.Scores.Single(s => s.StatementKey == "patience").Value);
        Assert.True(await Factory.WithDbAsync(db => db.PulseLinks.AnyAsync(l => l.TokenHash == PulseRules.Hash(links[0]) && l.Used)));
        // No change record ties the answer or the link to a moment.
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityType == "PulseAnswer" || c.EntityType == "PulseLink" || c.EntityType == "PulseScore")));

        // Used: the page says so (409) and the API names the field.
        var used = await anonymous.GetAsync($"/pulse/{links[0]}");
        Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
        Assert.Contains("redan använts", Parser.ParseDocument(await used.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var usedApi = await anonymous.PostAsJsonAsync($"/api/v1/pulse-answers/{links[0]}", new { scores = Scores(3) });
        Assert.Equal(HttpStatusCode.Conflict, usedApi.StatusCode);
        Assert.True((await ProblemAsync(usedApi)).GetProperty("errors").TryGetProperty("token", out _));

        // Out of range through the API.
        var high = await anonymous.PostAsJsonAsync($"/api/v1/pulse-answers/{links[1]}", new { scores = Scores(0) });
        Assert.Equal(HttpStatusCode.BadRequest, high.StatusCode);
        Assert.True((await ProblemAsync(high)).GetProperty("errors").TryGetProperty("scores[0].value", out _));

        // Unknown.
        var unknown = await anonymous.PostAsJsonAsync($"/api/v1/pulse-answers/{PulseRules.NewSecret()}", new { scores = Scores(3) });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await ProblemAsync(unknown)).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/pulse/not-a-real-token")).StatusCode);

        // Expired: the round is closed; an unused link takes no answer.
        Assert.Equal(HttpStatusCode.NoContent, (await Factory.CreateClient().PostAsync($"/api/v1/missions/{world.MissionId}/pulse/rounds/{roundId}/close", null)).StatusCode);
        var expired = await anonymous.PostAsJsonAsync($"/api/v1/pulse-answers/{links[2]}", new { scores = Scores(3) });
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("stängde", (await ProblemAsync(expired)).GetProperty("errors").GetProperty("token")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.PulseAnswers.CountAsync(a => a.RoundId == roundId)));
        Assert.False(await Factory.WithDbAsync(db => db.PulseLinks.AnyAsync(l => l.TokenHash == PulseRules.Hash(links[2]) && l.Used)));
    }

    [SkippableFact]
    public async Task SixSimultaneousPostsOfOneLinkStoreExactlyOneAnswer()
    {
        Factory.RequireDatabase();
        var world = await WorldAsync((ActorType.Municipality, 1, Country.Sweden));
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition())).StatusCode);
        var roundId = await OpenRoundAsync(world.MissionId);
        var secret = Assert.Single((await LinksAsync(roundId)).Values);

        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(1, 6).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await AnswerAsync(secret, 1 + i % 5);
        })).ToList();
        start.Release(6);
        var answers = await Task.WhenAll(posts);

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.NoContent));
        Assert.All(answers.Where(a => a != HttpStatusCode.NoContent), a => Assert.Equal(HttpStatusCode.Conflict, a));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.PulseAnswers.CountAsync(a => a.RoundId == roundId)));
        Assert.Equal(5, await Factory.WithDbAsync(db => db.PulseScores.CountAsync(s => s.RoundId == roundId)));
    }

    [SkippableFact]
    public async Task ResultsHideSmallGroupsAndWhatWouldRevealThemInThePageTheApiAndTheCsv()
    {
        Factory.RequireDatabase();
        // 6 municipalities, 5 civil-society organisations, 2 companies answer: the companies are too few, and the
        // civil society is hidden too, or "everyone" minus the municipalities and civil society would be the companies.
        var world = await WorldAsync((ActorType.Municipality, 6, Country.Sweden), (ActorType.CivilSociety, 5, Country.Sweden), (ActorType.Company, 2, Country.Sweden));
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition())).StatusCode);
        var roundId = await OpenRoundAsync(world.MissionId);
        var links = await LinksAsync(roundId);
        foreach (var (type, value) in new[] { (ActorType.Municipality, 4), (ActorType.CivilSociety, 2), (ActorType.Company, 1) })
            foreach (var email in world.Emails[type])
                Assert.Equal(HttpStatusCode.NoContent, await AnswerAsync(links[email], value, type == ActorType.Company ? $"Hemligt från {email}" : null));

        // The API.
        var results = await GetAsync<JsonElement>($"/api/v1/missions/{world.MissionId}/pulse/results");
        var cells = results.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("actorType").ValueKind == JsonValueKind.Null ? "All" : c.GetProperty("actorType").GetString()!);
        Assert.Equal(13, cells["All"].GetProperty("answers").GetInt32());
        Assert.Equal(4.0, cells["Municipality"].GetProperty("means").GetProperty("trust").GetDouble());
        foreach (var hidden in new[] { "Company", "CivilSociety" })
        {
            Assert.Equal(JsonValueKind.Null, cells[hidden].GetProperty("answers").ValueKind);
            Assert.Equal(JsonValueKind.Null, cells[hidden].GetProperty("means").ValueKind);
        }
        // "Everyone" minus every shown group is never a group under the threshold.
        var shown = cells.Where(c => c.Key != "All" && c.Value.GetProperty("answers").ValueKind == JsonValueKind.Number).Sum(c => c.Value.GetProperty("answers").GetInt32());
        Assert.True(13 - shown is 0 or >= 5);
        var json = results.GetRawText();
        Assert.DoesNotContain("Hemligt", json, StringComparison.Ordinal);

        // The CSV: the same cells without figures.
        var csv = await GetTextAsync($"/api/v1/missions/{world.MissionId}/pulse/results/csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(';')).ToList();
        Assert.All(rows.Where(r => r[1] is "Company" or "CivilSociety"), r => Assert.Equal(("", ""), (r[3], r[4])));
        Assert.Contains(rows, r => r[1] == "Municipality" && r[2] == "trust" && r[3] == "6" && r[4] == "4");
        Assert.DoesNotContain("Hemligt", csv, StringComparison.Ordinal);

        // The page: a table per statement whose Company and civil-society cells say why they are hidden.
        var page = Parser.ParseDocument(await GetTextAsync($"/missions/{world.MissionId}/pulse/results"));
        var table = page.QuerySelectorAll("table")[0];
        var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        var row = table.QuerySelectorAll("tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("4,0 (6 svar)", row[headers.IndexOf("Kommun") - 1]);
        Assert.StartsWith("dolt", row[headers.IndexOf("Företag") - 1], StringComparison.Ordinal);
        Assert.StartsWith("dolt", row[headers.IndexOf("Civilsamhällesorganisation") - 1], StringComparison.Ordinal);
        Assert.Contains("13 svar", row[0], StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("figure svg"));
        // Two open answers are fewer than the threshold: not shown anywhere.
        Assert.DoesNotContain("Hemligt", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AClosedRoundFeedsTheIndicatorWithItsMeanOnceAndTheIndicatorTakesNoTypedValues()
    {
        Factory.RequireDatabase();
        var world = await WorldAsync((ActorType.Municipality, 5, Country.Sweden));
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition(indicatorId: world.IndicatorId))).StatusCode);
        var roundId = await OpenRoundAsync(world.MissionId);
        var values = new[] { 5, 4, 4, 3, 3 };
        foreach (var (secret, value) in (await LinksAsync(roundId)).Values.Zip(values))
            Assert.Equal(HttpStatusCode.NoContent, await AnswerAsync(secret, value));
        // No value while the round is open: a value after each answer would give each answer away.
        Assert.False(await Factory.WithDbAsync(db => db.Observations.AnyAsync(o => o.IndicatorId == world.IndicatorId)));

        Assert.Equal(HttpStatusCode.NoContent, (await Factory.CreateClient().PostAsync($"/api/v1/missions/{world.MissionId}/pulse/rounds/{roundId}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Factory.CreateClient().PostAsync($"/api/v1/missions/{world.MissionId}/pulse/rounds/{roundId}/close", null)).StatusCode);

        var observation = Assert.Single(await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == world.IndicatorId).ToListAsync()));
        Assert.Equal(3.8, observation.Value);
        Assert.Equal(PulseStore.ComputedBy, observation.EnteredBy);
        var typed = await Factory.CreateClient().PostAsJsonAsync($"/api/v1/indicators/{world.IndicatorId}/observations", new { date = "2026-01-01", value = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.True((await ProblemAsync(typed)).GetProperty("errors").TryGetProperty("indicatorId", out _));

        // A round with fewer answers than the threshold records nothing.
        var second = await OpenRoundAsync(world.MissionId);
        Assert.Equal(HttpStatusCode.NoContent, await AnswerAsync((await LinksAsync(second)).Values.First(), 1));
        Assert.Equal(HttpStatusCode.NoContent, (await Factory.CreateClient().PostAsync($"/api/v1/missions/{world.MissionId}/pulse/rounds/{second}/close", null)).StatusCode);
        Assert.Single(await Factory.WithDbAsync(db => db.Observations.Where(o => o.IndicatorId == world.IndicatorId).ToListAsync()));
    }

    [SkippableFact]
    public async Task TwoSchedulePassesAtOnceOpenADueRoundOnce()
    {
        Factory.RequireDatabase();
        var world = await WorldAsync((ActorType.Municipality, 2, Country.Sweden));
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await DefineAsync(world.MissionId, Definition(startsOn: today, scheduled: true))).StatusCode);

        var worker = Factory.Services.GetRequiredService<PulseWorker>();
        await Task.WhenAll(worker.RunAsync(CancellationToken.None), worker.RunAsync(CancellationToken.None));
        await worker.RunAsync(CancellationToken.None);

        var rounds = await Factory.WithDbAsync(db => db.PulseRounds.Where(r => r.MissionId == world.MissionId).ToListAsync());
        var round = Assert.Single(rounds);
        Assert.Equal(DateOnly.Parse(today, CultureInfo.InvariantCulture), round.ScheduledFor);
        Assert.Equal(2, (await LinksAsync(round.Id)).Count);
    }

    [GeneratedRegex(@"https://masten\.test/pulse/(?<secret>[A-Za-z0-9_-]{43})")]
    private static partial Regex Link();
}

public sealed class SqlitePulsesTests(SqliteMailFactory factory) : PulsesTests(factory), IClassFixture<SqliteMailFactory>;

public sealed class PostgresPulsesTests(PostgresMailFactory factory) : PulsesTests(factory), IClassFixture<PostgresMailFactory>;
