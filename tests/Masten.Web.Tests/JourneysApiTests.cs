using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Masten.Core.Accounts;
using Masten.Core.Journeys;
using Masten.Data;
using Masten.Data.Journeys;
using Microsoft.EntityFrameworkCore;
namespace Masten.Web.Tests;

/// <summary>Records of a journey for tests that need one: the access matrix names a participant and a pending event.</summary>
internal static class JourneyWorld
{
    public static readonly StepInput[] Steps =
    [
        new(null, "Första kontakt", "Företaget har träffat sin navigatör.", null, false, false),
        new(null, "Kartlagd värdekedja", "Företaget vet var resurserna går.", "kartlagd värdekedja", true, true),
        new(null, "Ny affärsmodell", null, "beslut i styrelsen", true, false),
    ];

    /// <summary>The mission's journey (defined if it has none), a participant for the actor, and a step the company reported, pending.</summary>
    public static async Task<(int Participant, int Event)> ParticipantWithEventAsync(MastenDbContext db, int missionId, int actorId)
    {
        var store = new JourneyStore(db);
        if (!await db.Journeys.AnyAsync(j => j.MissionId == missionId))
            await store.DefineAsync(missionId, new JourneyInput(Steps));
        var participant = await db.Participants.Where(p => p.MissionId == missionId && p.ActorId == actorId).Select(p => (int?)p.Id).FirstOrDefaultAsync()
            ?? (await store.AddParticipantAsync(missionId, new ParticipantInput(actorId, "2025", "0180", "01", "10.71", SizeClass.Small, null, new DateOnly(2025, 1, 15))))!.Id;
        var step = await db.JourneySteps.Where(s => s.RetiredAt == null && s.NeedsConfirmation && db.Journeys.Any(j => j.Id == s.JourneyId && j.MissionId == missionId)).OrderBy(s => s.Order).Select(s => s.Id).FirstAsync();
        var e = await store.RecordEventAsync(participant, new StepEventInput(step, new DateOnly(2025, 3, 1), "https://example.org/karta"), new Recorder("Företaget", null, AsCompany: true));
        return (participant, e!.Id);
    }
}

/// <summary>The journeys API on SQLite and on PostgreSQL: definitions and versions, participants, step events, the funnel.</summary>
public abstract class JourneysApiTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static async Task<JsonObject> Problem(Task<HttpResponseMessage> request, string field)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), body);
        return errors;
    }

    private sealed record Setup(HttpClient Admin, int Mission, int Actor, int Company, (int Id, HttpClient Client) Navigator, (int Id, HttpClient Client) OtherNavigator, HttpClient Representative, int[] Steps);

    /// <summary>A fresh published mission with a three-step journey, two navigators, a company and its representative.</summary>
    private async Task<Setup> SetupAsync()
    {
        Factory.RequireDatabase();
        var admin = Factory.CreateClient();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var programmeId = await Factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var mission = await PublishedMission.CreateAsync(admin, programmeId, "Omställning " + tag, "Fler företag ställer om.", 2024, 2030);
        var journey = await ApiJson.Read(await admin.PutAsJsonAsync($"/api/v1/missions/{mission}/journey", new { steps = JourneyWorld.Steps, stallAfterDays = 60 }), HttpStatusCode.OK);
        var steps = journey["steps"]!.AsArray().Select(s => (int)s!["id"]!).ToArray();
        var company = (int)(await ApiJson.Read(await admin.PostAsJsonAsync("/api/v1/actors", new { name = "Bageri " + tag, type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() }), HttpStatusCode.Created))["id"]!;
        async Task<(int, HttpClient)> Person(string name, RoleAssignment role)
        {
            var (user, token) = await Factory.CreateUserAsync($"{name}-{tag}@masten.test", [role]);
            return (user.Id, Factory.CreateClientWithToken(token));
        }
        var navigator = await Person("nav1", new RoleAssignment { MissionId = mission, Role = AccessRole.Navigator });
        var other = await Person("nav2", new RoleAssignment { MissionId = mission, Role = AccessRole.Navigator });
        var rep = await Person("rep", new RoleAssignment { MissionId = mission, Role = AccessRole.ActorRepresentative, ActorId = company });
        var participant = (int)(await ApiJson.Read(await admin.PostAsJsonAsync($"/api/v1/missions/{mission}/participants", Participant(company, navigator.Item1)), HttpStatusCode.Created))["id"]!;
        return new Setup(admin, mission, participant, company, navigator, other, rep.Item2, steps);
    }

    private static object Participant(int actorId, int? navigatorId, string joinedOn = "2025-01-15") =>
        new { actorId, cohort = "2025", municipalityCode = "0180", regionCode = "01", sector = "10.71", sizeClass = "Small", navigatorId, joinedOn };

    private async Task<JsonNode> FunnelAsync(Setup s, string query = "") =>
        await ApiJson.Read(await Factory.CreateAnonymousClient().GetAsync($"/api/v1/missions/{s.Mission}/journey/funnel{query}"), HttpStatusCode.OK);

    [SkippableFact]
    public async Task ChangingTheJourneyNeedsAReasonAndKeepsEarlierVersionsReadable()
    {
        var s = await SetupAsync();
        var renamed = s.Steps.Select((id, i) => JourneyWorld.Steps[i] with { Id = id, Name = i == 0 ? "Första mötet" : JourneyWorld.Steps[i].Name }).ToArray();
        await Problem(s.Admin.PutAsJsonAsync($"/api/v1/missions/{s.Mission}/journey", new { steps = renamed, stallAfterDays = 60, version = 1 }), "reason");
        await ApiJson.Read(await s.Admin.PutAsJsonAsync($"/api/v1/missions/{s.Mission}/journey", new { steps = renamed, stallAfterDays = 60, version = 1, reason = "Tydligare namn" }), HttpStatusCode.OK);
        var versions = (await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/missions/{s.Mission}/journey/versions"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, versions.Count);
        Assert.Equal("Första kontakt", (string)versions[0]!["snapshot"]!["steps"]![0]!["name"]!);
        Assert.Equal("Första mötet", (string)versions[1]!["snapshot"]!["steps"]![0]!["name"]!);
        Assert.Equal("Tydligare namn", (string)versions[1]!["reason"]!);
    }

    [SkippableFact]
    public async Task RemovingAStepWithEventsIsRefusedUntilTheChangeSaysWhereTheEventsGo()
    {
        var s = await SetupAsync();
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[2], date = "2025-06-01" }), HttpStatusCode.Created);
        var kept = s.Steps[..2].Select((id, i) => JourneyWorld.Steps[i] with { Id = id }).ToArray();
        var errors = await Problem(s.Admin.PutAsJsonAsync($"/api/v1/missions/{s.Mission}/journey", new { steps = kept, stallAfterDays = 60, version = 1, reason = "Färre steg" }), "moves");
        Assert.Contains(s.Steps[2].ToString(System.Globalization.CultureInfo.InvariantCulture), errors["moves"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, (await FunnelAsync(s))["funnel"]!.AsArray().Count);
        Assert.Equal(1, (int)(await FunnelAsync(s))["funnel"]![2]!["at"]!);

        await ApiJson.Read(await s.Admin.PutAsJsonAsync($"/api/v1/missions/{s.Mission}/journey", new { steps = kept, stallAfterDays = 60, version = 1, reason = "Färre steg", moves = new[] { new { fromStepId = s.Steps[2], toStepId = s.Steps[1] } } }), HttpStatusCode.OK);
        var funnel = (await FunnelAsync(s))["funnel"]!.AsArray();
        Assert.Equal(2, funnel.Count);
        Assert.Equal(1, (int)funnel[1]!["at"]!); // the event now counts for the step it moved to
        var timeline = (await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/participants/{s.Actor}"), HttpStatusCode.OK))["timeline"]!.AsArray();
        Assert.Equal("Ny affärsmodell", (string)timeline[0]!["stepName"]!); // and the event itself is unchanged
    }

    [SkippableFact]
    public async Task AParticipantAddedTwiceOrWithAnUnknownNavigatorIsRefusedAndNothingChanges()
    {
        var s = await SetupAsync();
        await Problem(s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/participants", Participant(s.Company, null)), "actorId");
        var other = (int)(await ApiJson.Read(await s.Admin.PostAsJsonAsync("/api/v1/actors", new { name = "Snickeri", type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() }), HttpStatusCode.Created))["id"]!;
        await Problem(s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/participants", Participant(other, 999_999)), "navigatorId");
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.MissionId == s.Mission)));
    }

    [SkippableFact]
    public async Task ReassigningANavigatorKeepsTheHistoryAndMovesTheRightToEdit()
    {
        var s = await SetupAsync();
        var detail = await ApiJson.Read(await s.Navigator.Client.GetAsync($"/api/v1/participants/{s.Actor}"), HttpStatusCode.OK);
        var body = new { cohort = "2025", municipalityCode = "0180", regionCode = "01", sector = "10.71", sizeClass = "Small", navigatorId = s.OtherNavigator.Id, joinedOn = "2025-01-15", version = (int)detail["version"]! };
        await ApiJson.Read(await s.Navigator.Client.PutAsJsonAsync($"/api/v1/participants/{s.Actor}", body), HttpStatusCode.OK);
        var after = await ApiJson.Read(await s.OtherNavigator.Client.GetAsync($"/api/v1/participants/{s.Actor}"), HttpStatusCode.OK);
        Assert.Equal([s.OtherNavigator.Id, s.Navigator.Id], after["navigators"]!.AsArray().Select(n => (int)n!["navigatorId"]!));
        // The earlier navigator no longer records steps for it; the new one does.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[0], date = "2025-02-01" })).StatusCode);
        await ApiJson.Read(await s.OtherNavigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[0], date = "2025-02-01" }), HttpStatusCode.Created);
        var mine = await ApiJson.Read(await s.OtherNavigator.Client.GetAsync($"/api/v1/missions/{s.Mission}/caseload/mine"), HttpStatusCode.OK);
        Assert.Equal(s.Actor, (int)mine["items"]![0]!["id"]!);
    }

    [SkippableFact]
    public async Task AStepEventForAStepNotInTheJourneyOrBeforeJoiningIsRefused()
    {
        var s = await SetupAsync();
        await Problem(s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = 999_999, date = "2025-02-01" }), "stepId");
        await Problem(s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[0], date = "2025-01-14" }), "date");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.StepEvents.CountAsync(e => e.ParticipantId == s.Actor)));
    }

    [SkippableFact]
    public async Task ACompanysReportWaitsForItsNavigatorAndTheCompanyCannotConfirmItself()
    {
        var s = await SetupAsync();
        var reported = await ApiJson.Read(await s.Representative.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[1], date = "2025-03-01", evidence = "https://example.org/karta" }), HttpStatusCode.Created);
        Assert.Equal("Pending", (string)reported["status"]!);
        Assert.Equal(0, (int)(await FunnelAsync(s))["startedOrPast"]!);
        var id = (int)reported["id"]!;
        await Problem(s.Representative.PostAsync($"/api/v1/step-events/{id}/confirm", null), "eventId");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.OtherNavigator.Client.PostAsync($"/api/v1/step-events/{id}/confirm", null)).StatusCode);
        Assert.Equal(0, (int)(await FunnelAsync(s))["startedOrPast"]!);

        var confirmed = await ApiJson.Read(await s.Navigator.Client.PostAsync($"/api/v1/step-events/{id}/confirm", null), HttpStatusCode.OK);
        Assert.Equal(id, (int)confirmed["supersedesId"]!);
        var funnel = await FunnelAsync(s);
        Assert.Equal(1, (int)funnel["startedOrPast"]!);
        Assert.Equal(1, (int)funnel["funnel"]![1]!["at"]!);
        // Confirming twice is a conflict, and both events stay readable.
        Assert.Equal(HttpStatusCode.Conflict, (await s.Navigator.Client.PostAsync($"/api/v1/step-events/{id}/confirm", null)).StatusCode);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.StepEvents.CountAsync(e => e.ParticipantId == s.Actor)));
    }

    [SkippableFact]
    public async Task ACorrectionSupersedesTheEventWithAReason()
    {
        var s = await SetupAsync();
        var e = await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[2], date = "2025-04-01" }), HttpStatusCode.Created);
        await Problem(s.Navigator.Client.PostAsJsonAsync($"/api/v1/step-events/{(int)e["id"]!}/corrections", new { stepId = s.Steps[1], date = "2025-04-01" }), "reason");
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/step-events/{(int)e["id"]!}/corrections", new { stepId = s.Steps[1], date = "2025-04-01", reason = "Fel steg valt" }), HttpStatusCode.Created);
        var funnel = (await FunnelAsync(s))["funnel"]!.AsArray();
        Assert.Equal([0, 1, 0], funnel.Select(r => (int)r!["at"]!));
    }

    [SkippableFact]
    public async Task TheFunnelFiltersCombineAndThePublicSeesCountsButNotWhoStandsWhere()
    {
        var s = await SetupAsync();
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[0], date = "2025-02-01" }), HttpStatusCode.Created);
        Assert.Equal(1, (int)(await FunnelAsync(s, $"?cohort=2025&region=01&sector=10&size=Small&navigator={s.Navigator.Id}"))["participants"]!);
        Assert.Equal(0, (int)(await FunnelAsync(s, "?sector=10.72"))["participants"]!);
        Assert.Equal(0, (int)(await FunnelAsync(s, "?size=Medium"))["participants"]!);
        Assert.Equal(0, (int)(await FunnelAsync(s, $"?navigator={s.OtherNavigator.Id}"))["participants"]!);
        var anonymous = Factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/missions/{s.Mission}/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/missions/{s.Mission}/journey/stalled")).StatusCode);
        Assert.DoesNotContain("Bageri", (await anonymous.GetStringAsync($"/api/v1/missions/{s.Mission}/journey/funnel")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ABulkAddCreatesMissingActorsAndIsAllOrNothing()
    {
        var s = await SetupAsync();
        var known = await Factory.WithDbAsync(db => db.Actors.Where(a => a.Id == s.Company).Select(a => a.OrganisationNumber).FirstAsync());
        object Row(string? number, string? name, int? navigatorId = null) => new { organisationNumber = number, name, country = "Sweden", cohort = "2026", sizeClass = "Micro", navigatorId, joinedOn = "2026-01-10" };
        var fresh = ActorsApiTests.NewSwedishNumber();
        var errors = await Problem(s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/participants/bulk", new[] { Row(fresh, "Nytt AB"), Row(known, null), Row("123", "Fel AB"), Row(ActorsApiTests.NewSwedishNumber(), "X", 999_999) }), "rows[1].organisationNumber");
        Assert.True(errors.ContainsKey("rows[2].organisationNumber"));
        Assert.True(errors.ContainsKey("rows[3].navigatorId"));
        Assert.False(await Factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.OrganisationNumber == fresh)));

        var ok = await ApiJson.Read(await s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/participants/bulk", new[] { Row(fresh, "Nytt AB", s.Navigator.Id), Row(ActorsApiTests.NewSwedishNumber(), "Annat AB") }), HttpStatusCode.OK);
        Assert.Equal(2, (int)ok["added"]!);
        Assert.Equal(3, (int)(await FunnelAsync(s))["participants"]!);
        var caseloads = await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/missions/{s.Mission}/caseloads"), HttpStatusCode.OK);
        Assert.Equal(2, (int)caseloads["navigators"]!.AsArray().First(n => (int)n!["navigatorId"]! == s.Navigator.Id)!["participants"]!);
    }

    [SkippableFact]
    public async Task TheTimingGivesTheDaysBetweenStepsAndTheCohortCurvesToAnyoneWhoMayReadTheMission()
    {
        var s = await SetupAsync();
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[0], date = "2025-02-01" }), HttpStatusCode.Created);
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[1], date = "2025-03-01" }), HttpStatusCode.Created);
        var timing = await ApiJson.Read(await Factory.CreateAnonymousClient().GetAsync($"/api/v1/missions/{s.Mission}/journey/timing"), HttpStatusCode.OK);
        var durations = timing["durations"]!.AsArray();
        Assert.Equal(s.Steps.Length - 1, durations.Count);
        Assert.Equal(1, (int)durations[0]!["participants"]!);
        Assert.Equal(28.0, (double)durations[0]!["medianDays"]!);
        Assert.Equal(0, (int)durations[1]!["participants"]!);
        Assert.Null(durations[1]!["medianDays"]);
        var cohort = timing["cohorts"]!.AsArray().Single()!;
        Assert.Equal("2025", (string)cohort["cohort"]!);
        Assert.Equal(25, cohort["points"]!.AsArray().Count);
        var none = await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/missions/{s.Mission}/journey/timing?cohort=1999"), HttpStatusCode.OK);
        Assert.Equal(0, (int)none["durations"]![0]!["participants"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Admin.GetAsync("/api/v1/missions/987654/journey/timing")).StatusCode);
    }

    [SkippableFact]
    public async Task AParticipantWithoutAMoveForTheSetDaysIsStalled()
    {
        var s = await SetupAsync();
        var stalled = await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/missions/{s.Mission}/journey/stalled"), HttpStatusCode.OK);
        Assert.Equal(s.Actor, (int)stalled["items"]![0]!["id"]!); // joined in January 2025, nothing since: over 60 days
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/activities", new { date = today, kind = "Lab", title = "Cirkulär design-labb" }), HttpStatusCode.Created);
        Assert.Empty((await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/missions/{s.Mission}/journey/stalled"), HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Equal(0, (int)(await FunnelAsync(s))["stalled"]!);
    }

    [SkippableFact]
    public async Task AnActivityHasEveryAttendeeAndEachOfThemSeesIt()
    {
        var s = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var second = (int)(await ApiJson.Read(await s.Admin.PostAsJsonAsync("/api/v1/actors", new { name = "Snickeri " + tag, type = "Company", country = "Sweden", organisationNumber = ActorsApiTests.NewSwedishNumber() }), HttpStatusCode.Created))["id"]!;
        var other = (int)(await ApiJson.Read(await s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/participants", Participant(second, s.OtherNavigator.Id, "2025-02-01")), HttpStatusCode.Created))["id"]!;

        var lab = await ApiJson.Read(await s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/activities",
            new { date = "2025-03-10", kind = "Lab", title = "Cirkulär design-labb", host = "Navigatör Ett", participantIds = new[] { s.Actor, other } }), HttpStatusCode.Created);
        Assert.Equal([s.Actor, other], lab["participantIds"]!.AsArray().Select(x => (int)x!));
        foreach (var id in new[] { s.Actor, other })
        {
            var timeline = (await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/participants/{id}"), HttpStatusCode.OK))["timeline"]!.AsArray();
            var entry = timeline.Single(t => (string)t!["kind"]! == "Lab")!;
            Assert.Equal("Cirkulär design-labb", (string)entry["title"]!);
            Assert.Equal(2, (int)entry["attendees"]!);
        }

        // Bad attendees are named by their place in the list, and nothing is stored.
        var errors = await Problem(s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/activities",
            new { date = "2025-01-20", kind = "Course", title = "Kurs", participantIds = new[] { s.Actor, other, s.Actor, 987654 } }), "participantIds[1]");
        Assert.True(errors.ContainsKey("participantIds[2]") && errors.ContainsKey("participantIds[3]"), errors.ToJsonString()); // before joining; twice; unknown
        await Problem(s.Admin.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/activities", new { date = "2025-03-10", kind = "Course", title = "Kurs", participantIds = Array.Empty<int>() }), "participantIds");
        Assert.Equal(1, await Factory.WithDbAsync(db => db.JourneyActivities.CountAsync(a => a.MissionId == s.Mission)));

        // A navigator records for its own participant, and names another navigator's only if it may record for it.
        var refused = await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/activities", new { date = "2025-03-12", kind = "Event", title = "Träff", participantIds = new[] { other } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await ApiJson.Read(await s.Navigator.Client.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/activities", new { date = "2025-03-12", kind = "Advice", title = "Rådgivning" }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Navigator.Client.PostAsJsonAsync($"/api/v1/missions/{s.Mission}/activities", new { date = "2025-03-12", kind = "Lab", title = "Labb", participantIds = new[] { s.Actor } })).StatusCode);
        Assert.Equal(new DateOnly(2025, 3, 12), await Factory.WithDbAsync(db => db.Participants.Where(p => p.Id == s.Actor).Select(p => p.LastActivityOn).FirstAsync()));
        Assert.Equal(new DateOnly(2025, 3, 10), await Factory.WithDbAsync(db => db.Participants.Where(p => p.Id == other).Select(p => p.LastActivityOn).FirstAsync()));
    }

    [SkippableFact]
    public async Task TheStartedIndicatorMovesWhenANavigatorConfirmsAndTakesNoTypedValues()
    {
        var s = await SetupAsync();
        var goal = (int)(await ApiJson.Read(await s.Admin.PostAsJsonAsync("/api/v1/goals", new { missionId = s.Mission, title = "Företag i gång", reason = "Nytt mål" }), HttpStatusCode.Created))["id"]!;
        var indicator = (int)(await ApiJson.Read(await s.Admin.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, name = "Företag i gång", unit = "st", direction = "HigherIsBetter", frequency = "Monthly", source = "Masten",
            baselineDate = "2024-12-31", baselineValue = 0, targets = new[] { new { date = "2030-12-31", value = 4250 } }, shape = "Linear", reason = "Nytt mål",
        }), HttpStatusCode.Created))["id"]!;
        var steps = s.Steps.Select((id, i) => JourneyWorld.Steps[i] with { Id = id }).ToArray();
        await ApiJson.Read(await s.Admin.PutAsJsonAsync($"/api/v1/missions/{s.Mission}/journey", new { steps, stallAfterDays = 60, version = 1, startedIndicatorId = indicator, reason = "Räknar målet" }), HttpStatusCode.OK);
        var reported = await ApiJson.Read(await s.Representative.PostAsJsonAsync($"/api/v1/participants/{s.Actor}/events", new { stepId = s.Steps[1], date = "2025-03-01" }), HttpStatusCode.Created);
        await ApiJson.Read(await s.Navigator.Client.PostAsync($"/api/v1/step-events/{(int)reported["id"]!}/confirm", null), HttpStatusCode.OK);
        var observations = (await ApiJson.Read(await s.Admin.GetAsync($"/api/v1/indicators/{indicator}/observations"), HttpStatusCode.OK)).ToJsonString();
        Assert.Contains("\"value\":1", observations, StringComparison.Ordinal);
        await Problem(s.Admin.PostAsJsonAsync($"/api/v1/indicators/{indicator}/observations", new { date = "2025-06-01", value = 99 }), "indicatorId");
    }
}

public sealed class SqliteJourneysApiTests(SqliteAppFactory factory) : JourneysApiTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresJourneysApiTests(PostgresAppFactory factory) : JourneysApiTests(factory), IClassFixture<PostgresAppFactory>;
