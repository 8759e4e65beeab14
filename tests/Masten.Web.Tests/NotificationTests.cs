using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Masten.Core.Accounts;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Accounts;
using Masten.Data.Messaging;
using Masten.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masten.Web.Tests;

/// <summary>
/// Digests, notification settings, the in-app list and the request language, against a real SMTP server
/// (netDumbster) on SQLite and PostgreSQL. Passes run at a fixed time (10:00 UTC, the same day in Stockholm), so
/// every person with the default hour (07:00) is due.
/// </summary>
public abstract class NotificationTests(IMailFactory mail)
{
    private MastenAppFactory Factory => mail.App;
    private static readonly HtmlParser Parser = new();

    private static readonly DateTime Now = DateTime.UtcNow.Date.AddHours(10);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private static readonly string[] CommitmentsAndReviews = ["Commitments", "Reviews"];

    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}@masten.test";

    private async Task DeliverAsync()
    {
        var worker = Factory.Services.GetRequiredService<OutboxWorker>();
        while (await worker.SendBatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    private List<MimeMessage> ReceivedBy(string address) =>
        [.. mail.Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    private Task<List<OutboxMessage>> DigestsToAsync(string address) =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == MessageKind.Digest).OrderBy(m => m.Id).ToListAsync());

    private Task<List<Notification>> NotificationsOfAsync(int userId) =>
        Factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    /// <summary>An actor of the example mission with a commitment in the open round, made to need everything at once.</summary>
    private sealed record Setup(int ActorId, int CommitmentId, int IndicatorId, int InitiativeId, int ReviewId);

    private Task<Setup> EverythingDueAsync() => Factory.WithDbAsync(async db =>
    {
        var mission = Factory.ExampleMissionId;
        var round = await db.SigningRounds.Where(r => r.MissionId == mission).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
        var commitment = await db.Commitments.Where(c => c.MissionId == mission && c.RoundId == round).OrderBy(c => c.Id).FirstAsync();
        var actorId = commitment.ActorId;
        await db.Commitments.Where(c => c.Id == commitment.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.DueDate, Today.AddDays(10)).SetProperty(c => c.Status, Masten.Core.Actors.CommitmentStatus.InProgress).SetProperty(c => c.SignedOn, (DateOnly?)null));
        var indicatorId = await db.Indicators.Where(i => i.Goal!.MissionId == mission).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        await db.Indicators.Where(i => i.Id == indicatorId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReportingActorId, actorId));
        // No current value: the next one was due a reporting interval after the baseline, long ago.
        await db.Observations.Where(o => o.IndicatorId == indicatorId).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, false));
        var initiativeId = await db.Initiatives.Where(i => i.MissionId == mission).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        await db.CheckIns.Where(c => c.InitiativeId == initiativeId).ExecuteDeleteAsync();
        await db.Initiatives.Where(i => i.Id == initiativeId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.LeadActorId, actorId).SetProperty(i => i.Stage, Masten.Core.Portfolio.InitiativeStage.Testing).SetProperty(i => i.CreatedAt, Now.AddYears(-1)));
        var review = await db.Reviews.Where(r => r.MissionId == mission).OrderBy(r => r.Id).FirstAsync();
        review.Date = Today.AddDays(3);
        review.ParticipantActorIds = [actorId];
        await db.SaveChangesAsync();
        return new Setup(actorId, commitment.Id, indicatorId, initiativeId, review.Id);
    });

    private async Task<(MastenUser User, string Token)> RepresentativeAsync(string name, int actorId, NotificationSettingsInput? settings = null)
    {
        var (user, token) = await Factory.CreateUserAsync(Unique(name), [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.ActorRepresentative, ActorId = actorId }]);
        if (settings is not null)
            await Factory.WithDbAsync(async db => { await new NotificationStore(db).SaveAsync(user.Id, settings); return 0; });
        return (user, token);
    }

    /// <summary>Several passes at the same moment, on two instances where the database allows several writers (PostgreSQL).</summary>
    private async Task PassesAsync(IServiceProvider other, DateTime at)
    {
        var hosts = new[] { Factory.Services, other };
        if (mail is PostgresMailFactory)
            await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => hosts[i % 2].GetRequiredService<Reminders>().RunAsync(at, CancellationToken.None))));
        else
            for (var i = 0; i < 3; i++)
                await hosts[i % 2].GetRequiredService<Reminders>().RunAsync(at, CancellationToken.None);
    }

    [SkippableFact]
    public async Task EachPersonGetsOneDigestInTheirLanguageWithLinksToTheFormsAndNoCauseTwice()
    {
        Factory.RequireDatabase();
        var setup = await EverythingDueAsync();
        var english = await RepresentativeAsync("rep-en", setup.ActorId, new NotificationSettingsInput("en", DigestFrequency.Daily, 7, DayOfWeek.Monday, NotificationKinds.All));
        var onlyCommitments = await RepresentativeAsync("rep-sv", setup.ActorId, new NotificationSettingsInput(null, DigestFrequency.Daily, 7, DayOfWeek.Monday, NotificationKinds.Commitments));
        var weekday = Now.AddDays(1).DayOfWeek; // a weekly digest on another day is not due today
        var weekly = await RepresentativeAsync("rep-weekly", setup.ActorId, new NotificationSettingsInput(null, DigestFrequency.Weekly, 7, weekday, NotificationKinds.All));
        // 15:00 in the mission time zone: later than the first passes (11:00 or 12:00 there), so their digest waits for that hour.
        var late = await RepresentativeAsync("rep-late", setup.ActorId, new NotificationSettingsInput("da", DigestFrequency.Daily, 15, DayOfWeek.Monday, NotificationKinds.All));
        var outsider = (await Factory.CreateUserAsync(Unique("viewer"), [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Viewer }])).User;

        await using var other = Factory.WithWebHostBuilder(_ => { });
        await PassesAsync(other.Services, Now);

        var digest = Assert.Single(await DigestsToAsync(english.User.Email!));
        Assert.Equal(NotificationRules.DigestKey(english.User.Id, Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), digest.CauseKey);
        Assert.Single(await DigestsToAsync(onlyCommitments.User.Email!));
        Assert.Empty(await DigestsToAsync(weekly.User.Email!));
        Assert.Empty(await DigestsToAsync(outsider.Email!));
        var told = await NotificationsOfAsync(english.User.Id);
        Assert.Equal(told.Count, told.Select(n => n.CauseKey).Distinct().Count());
        foreach (var kind in new[] { NotificationKind.CommitmentDueSoon, NotificationKind.ReportLate, NotificationKind.CheckInDue, NotificationKind.SignatureWaiting, NotificationKind.ReviewComing })
            Assert.Contains(told, n => n.Kind == kind);
        Assert.All(await NotificationsOfAsync(onlyCommitments.User.Id), n => Assert.Equal(NotificationKind.CommitmentDueSoon, n.Kind));

        await DeliverAsync();
        var received = Assert.Single(ReceivedBy(english.User.Email!));
        Assert.EndsWith("things to do in Masten", received.Subject, StringComparison.Ordinal);
        Assert.Equal("en", (await DigestsToAsync(english.User.Email!))[0].Language);
        Assert.NotNull(received.Headers["List-Unsubscribe"]);
        var body = received.TextBody!;
        foreach (var link in new[] { $"/commitments/{setup.CommitmentId}/edit", $"/indicators/{setup.IndicatorId}/observations/new", $"/initiatives/{setup.InitiativeId}#checkin-form", $"/commitments/{setup.CommitmentId}/sign", $"/reviews/{setup.ReviewId}" })
            Assert.Contains(MailHostSettings.PublicUrl + link, body);
        var html = Parser.ParseDocument(received.HtmlBody!);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"{MailHostSettings.PublicUrl}/indicators/{setup.IndicatorId}/observations/new" && a.TextContent == "Enter the value");
        var swedish = Assert.Single(ReceivedBy(onlyCommitments.User.Email!));
        Assert.Equal("En sak att göra i Masten", swedish.Subject);

        // Later the same day, and the next day: nothing new, so nothing is sent again.
        await PassesAsync(other.Services, Now.AddHours(2));
        Assert.Empty(await DigestsToAsync(late.User.Email!));
        // Once their hour has come, the one who chose 15:00 gets theirs, in the language they chose.
        await PassesAsync(other.Services, Now.AddHours(5));
        Assert.Equal("da", Assert.Single(await DigestsToAsync(late.User.Email!)).Language);
        await PassesAsync(other.Services, Now.AddDays(1));
        Assert.Single(await DigestsToAsync(english.User.Email!));
        Assert.Equal(told.Count, (await NotificationsOfAsync(english.User.Id)).Count);

        // A new cause (the commitment is now late) comes in the next day's digest, alone.
        await Factory.WithDbAsync(db => db.Commitments.Where(c => c.Id == setup.CommitmentId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueDate, Today)));
        await PassesAsync(other.Services, Now.AddDays(2));
        var digests = await DigestsToAsync(onlyCommitments.User.Email!);
        Assert.Equal(2, digests.Count);
        Assert.Contains("Åtaganden som är sena", digests[1].TextBody);
        Assert.DoesNotContain("snart ska vara klara", digests[1].TextBody);
    }

    [SkippableFact]
    public async Task AnActorWithoutRepresentativesHasItsRemindersGoToTheProgrammeOffice()
    {
        Factory.RequireDatabase();
        var mission = Factory.ExampleMissionId;
        var (commitmentId, actorId) = await Factory.WithDbAsync(async db =>
        {
            var represented = db.RoleAssignments.Where(r => r.ActorId != null).Select(r => r.ActorId!.Value);
            var c = await db.Commitments.Where(c => c.MissionId == mission && !represented.Contains(c.ActorId)).OrderByDescending(c => c.Id).FirstAsync();
            await db.Commitments.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueDate, Today.AddDays(-3)).SetProperty(x => x.Status, Masten.Core.Actors.CommitmentStatus.Signed));
            return (c.Id, c.ActorId);
        });
        var owner = (await Factory.CreateUserAsync(Unique("office"), [new RoleAssignment { MissionId = mission, Role = AccessRole.Owner }])).User;
        await Factory.Services.GetRequiredService<Reminders>().RunAsync(Now.AddDays(5), CancellationToken.None);
        var told = await NotificationsOfAsync(owner.Id);
        Assert.Contains(told, n => n.Kind == NotificationKind.CommitmentOverdue && n.Link == $"/commitments/{commitmentId}/edit");
        Assert.Single(await DigestsToAsync(owner.Email!));
        Assert.True(actorId > 0);
    }

    [SkippableFact]
    public async Task AnInvitationNobodyTookUpInAWeekIsRemindedOfToWhoeverSentIt()
    {
        Factory.RequireDatabase();
        var (inviter, token) = await Factory.CreateUserAsync(Unique("inviter"), [new RoleAssignment { MissionId = Factory.ExampleMissionId, Role = AccessRole.Owner }]);
        var invited = Unique("invited");
        var response = await Factory.CreateClientWithToken(token).PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "Viewer", email = invited, days = 30 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = await Factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == invited).Select(i => i.Id).FirstAsync());

        await Factory.Services.GetRequiredService<Reminders>().RunAsync(Now.AddDays(10), CancellationToken.None);
        Assert.DoesNotContain(await NotificationsOfAsync(inviter.Id), n => n.Kind == NotificationKind.InvitationUnused);

        await Factory.WithDbAsync(db => db.Invitations.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, DateTime.UtcNow.AddDays(-8))));
        await Factory.Services.GetRequiredService<Reminders>().RunAsync(Now.AddDays(11), CancellationToken.None);
        var told = Assert.Single(await NotificationsOfAsync(inviter.Id), n => n.Kind == NotificationKind.InvitationUnused);
        Assert.Equal((invited, $"/missions/{Factory.ExampleMissionId}/members"), (told.Subject, told.Link));
    }

    [SkippableFact]
    public async Task APersonSeesTheirOwnNotificationsReadAndUnreadOnThePageAndInTheApi()
    {
        Factory.RequireDatabase();
        var setup = await EverythingDueAsync();
        var (me, token) = await RepresentativeAsync("reader", setup.ActorId);
        var (_, otherToken) = await RepresentativeAsync("other-reader", setup.ActorId);
        await Factory.Services.GetRequiredService<Reminders>().RunAsync(Now.AddDays(20), CancellationToken.None);
        var told = await NotificationsOfAsync(me.Id);
        Assert.NotEmpty(told);

        var client = Factory.CreateClientWithToken(token);
        var page = Parser.ParseDocument(await client.GetStringAsync("/notifications"));
        Assert.Equal("Mina notiser", page.QuerySelector("h1")!.TextContent);
        Assert.Contains($"{told.Count} olästa", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/indicators/{setup.IndicatorId}/observations/new");

        var list = JsonNode.Parse(await client.GetStringAsync("/api/v1/me/notifications?unread=true&pageSize=100"))!;
        Assert.Equal(told.Count, (int)list["totalCount"]!);
        var first = (long)list["items"]![0]!["id"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.CreateClientWithToken(otherToken).PostAsync($"/api/v1/me/notifications/{first}/read", null)).StatusCode);
        Assert.Null((await NotificationsOfAsync(me.Id)).Single(n => n.Id == first).ReadAt);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/me/notifications/{first}/read", null)).StatusCode);
        var after = JsonNode.Parse(await client.GetStringAsync("/api/v1/me/notifications?pageSize=100"))!;
        Assert.Equal(told.Count, (int)after["totalCount"]!);
        Assert.True((bool)after["items"]!.AsArray().Single(i => (long)i!["id"]! == first)!["read"]!);
        Assert.Equal(told.Count - 1, (int)JsonNode.Parse(await client.GetStringAsync("/api/v1/me/notifications?unread=true"))!["totalCount"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateAnonymousClient().GetAsync("/api/v1/me/notifications")).StatusCode);

        // The page's "mark all as read" button.
        using var marked = await PageTests.PostFormAsync(client, "/notifications", new Dictionary<string, string> { ["MarkId"] = "all" }, action: "/notifications");
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal("Inga olästa.", Parser.ParseDocument(await marked.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(0, (int)JsonNode.Parse(await client.GetStringAsync("/api/v1/me/notifications?unread=true"))!["totalCount"]!);
    }

    [SkippableFact]
    public async Task TheSettingsPageSavesLanguageAndScheduleAndRefusesAnHourOutsideTheDay()
    {
        Factory.RequireDatabase();
        var (me, token) = await Factory.CreateUserAsync(Unique("settings"), []);
        var client = Factory.CreateClientWithToken(token);
        var form = Parser.ParseDocument(await client.GetStringAsync("/account/notifications"));
        Assert.Equal("E-post och påminnelser", form.QuerySelector("h1")!.TextContent);
        Assert.Equal(24, form.QuerySelectorAll("select#hour option").Length);

        using var bad = await PageTests.PostFormAsync(client, "/account/notifications", new Dictionary<string, string> { ["Language"] = "da", ["Frequency"] = "Weekly", ["Hour"] = "24", ["Weekday"] = "Friday" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Klockslag", refused.QuerySelector("[role=alert], .error-summary")?.TextContent ?? refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.NotificationSettings.AnyAsync(s => s.UserId == me.Id && s.Language != null)));

        using var ok = await PageTests.PostFormAsync(client, "/account/notifications", new Dictionary<string, string>
            { ["Language"] = "da", ["Frequency"] = "Weekly", ["Hour"] = "9", ["Weekday"] = "Friday", ["Reports"] = "true" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stored = await Factory.WithDbAsync(db => db.NotificationSettings.AsNoTracking().FirstAsync(s => s.UserId == me.Id));
        Assert.Equal(("da", DigestFrequency.Weekly, 9, DayOfWeek.Friday, NotificationKinds.Reports), (stored.Language, stored.Frequency, stored.Hour, stored.Weekday, stored.Kinds));
        var api = JsonNode.Parse(await client.GetStringAsync("/api/v1/me/notification-settings"))!;
        Assert.Equal(("da", "Weekly", "Europe/Stockholm"), ((string)api["language"]!, (string)api["frequency"]!, (string)api["timeZone"]!));
        Assert.Equal(["Reports"], api["kinds"]!.AsArray().Select(k => (string)k!));
    }

    [SkippableFact]
    public async Task TheSettingsApiRefusesABadLanguageHourOrKindNamingTheFieldAndChangesNothing()
    {
        Factory.RequireDatabase();
        var (me, token) = await Factory.CreateUserAsync(Unique("settings-api"), []);
        var client = Factory.CreateClientWithToken(token);
        var saved = await client.PutAsJsonAsync("/api/v1/me/notification-settings", new { language = "en", frequency = "Daily", hour = 6, weekday = "Monday", kinds = CommitmentsAndReviews });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { language = "fi", frequency = "Daily", hour = 6, weekday = "Monday", kinds = new[] { "Reports" } }, "language"),
            (new { language = "en", frequency = "Daily", hour = 30, weekday = "Monday", kinds = new[] { "Reports" } }, "hour"),
            (new { language = "en", frequency = "Daily", hour = 6, weekday = "Monday", kinds = new[] { "Nope" } }, "kinds"),
        })
        {
            var response = await client.PutAsJsonAsync("/api/v1/me/notification-settings", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.NotNull(problem["errors"]![field]);
        }
        var stored = await Factory.WithDbAsync(db => db.NotificationSettings.AsNoTracking().FirstAsync(s => s.UserId == me.Id));
        Assert.Equal(("en", 6, NotificationKinds.Commitments | NotificationKinds.Reviews), (stored.Language, stored.Hour, stored.Kinds));
    }

    [SkippableFact]
    public async Task SigningInRemembersTheLanguageUsedAndAResetLinkComesInIt()
    {
        Factory.RequireDatabase();
        var email = Unique("dansk");
        var (me, _) = await Factory.CreateUserAsync(email, []);
        var client = Factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("da");
        using (var signedIn = await PageTests.PostFormAsync(client, "/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = MastenAppFactory.AdminPassword, ["ReturnUrl"] = "/account" }))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("da", await Factory.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == me.Id).Select(s => s.UsedLanguage).FirstAsync()));

        await Factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<AccountMail>().RequestResetAsync(email, "sv");
        var reset = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstAsync(m => m.ToAddress == email && m.Kind == MessageKind.PasswordReset));
        Assert.Equal("da", reset.Language);
    }

    [SkippableFact]
    public async Task ABatchWithOneDigestAnotherInstanceStoredFirstStoresNothingOfTheBatch()
    {
        Factory.RequireDatabase();
        var first = (await Factory.CreateUserAsync(Unique("batch-a"), [])).User;
        var second = (await Factory.CreateUserAsync(Unique("batch-b"), [])).User;
        var period = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cause = $"test-cause:{Guid.NewGuid():N}";
        ReminderItem Item(int userId) => new(userId, NotificationKind.CommitmentDueSoon, cause, Factory.ExampleMissionId, "Mission", "Pledge", null, Today, "/");
        DigestRecipient Person(MastenUser u) => new(u.Id, u.Email!, null, null, DigestFrequency.Daily, 7, DayOfWeek.Monday, NotificationKinds.All, null, false);
        OutboxMessage Mail(MastenUser u) => new() { Kind = MessageKind.Digest, ToAddress = u.Email!, ToUserId = u.Id, Subject = "Digest", TextBody = "-", HtmlBody = "-", CauseKey = NotificationRules.DigestKey(u.Id, period) };
        // Another instance told the second person of the cause already.
        Assert.True(await Factory.WithDbAsync(db => DigestStore.WriteAsync(db, [new DigestWrite(Person(second), period, [Item(second.Id)], null)])));

        var stored = await Factory.WithDbAsync(db => DigestStore.WriteAsync(db,
            [new DigestWrite(Person(first), period, [Item(first.Id)], Mail(first)), new DigestWrite(Person(second), period, [Item(second.Id)], Mail(second))]));

        Assert.False(stored);
        Assert.Empty(await NotificationsOfAsync(first.Id));
        Assert.Empty(await DigestsToAsync(first.Email!));
        Assert.Empty(await DigestsToAsync(second.Email!));
        Assert.Null(await Factory.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == first.Id).Select(s => s.LastDigestPeriod).FirstOrDefaultAsync()));
        // The same write without the taken person stores it all, with ids after the rows already there.
        Assert.True(await Factory.WithDbAsync(db => DigestStore.WriteAsync(db, [new DigestWrite(Person(first), period, [Item(first.Id)], Mail(first))])));
        Assert.Equal(cause, Assert.Single(await NotificationsOfAsync(first.Id)).CauseKey);
        Assert.Equal(OutboxState.Pending, Assert.Single(await DigestsToAsync(first.Email!)).State);
        Assert.Equal(period, await Factory.WithDbAsync(db => db.NotificationSettings.Where(s => s.UserId == first.Id).Select(s => s.LastDigestPeriod).FirstAsync()));
    }

    [SkippableTheory]
    [InlineData("en", "en")]
    [InlineData("da", "da")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("fi, da;q=0.5", "da")]
    [InlineData("da;q=0.2, en-AU;q=0.8", "en")]
    [InlineData("fi", "sv")]
    public async Task TheBrowsersLanguageCountsByItsLanguagePart(string header, string language)
    {
        Factory.RequireDatabase();
        var client = Factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("Accept-Language", header);
        var page = Parser.ParseDocument(await client.GetStringAsync("/"));
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
    }
}

public sealed class SqliteNotificationTests(SqliteMailFactory factory) : NotificationTests(factory), IClassFixture<SqliteMailFactory>;

public sealed class PostgresNotificationTests(PostgresMailFactory factory) : NotificationTests(factory), IClassFixture<PostgresMailFactory>;
