using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Core.Portfolio;
using Masten.Data;
using Masten.Data.Generation;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The commands write to Console, which the tests redirect: one test at a time in this project.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Masten.Cli.Tests;

/// <summary>
/// <c>masten generate</c> on SQLite and PostgreSQL. PostgreSQL needs <c>MASTEN_TEST_POSTGRES</c> (a user with
/// CREATEDB; each test makes and drops its own databases); without it those tests skip, and fail in CI.
/// </summary>
public sealed class GenerateTests : IAsyncLifetime
{
    private static readonly string? PgServer = Environment.GetEnvironmentVariable("MASTEN_TEST_POSTGRES");
    private readonly List<(DatabaseProvider Provider, string Connection, string Name)> created = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (provider, _, name) in created)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(name + suffix);
                continue;
            }
            await DropPostgresAsync(PgServer!, name);
        }
    }

    /// <summary>Drops a test's PostgreSQL database, waiting out a backend that FORCE cannot end.</summary>
    internal static async Task DropPostgresAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        // FORCE cannot end a backend of another role, such as an autovacuum worker on the freshly generated
        // database: wait for it and try again rather than fail the test in its clean-up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>A new, empty database; the caller migrates it.</summary>
    private async Task<(DatabaseProvider Provider, string Connection)> NewDatabaseAsync(string provider)
    {
        if (provider == "Sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"masten-generate-{Guid.NewGuid():N}.db");
            created.Add((DatabaseProvider.Sqlite, $"Data Source={path}", path));
            return (DatabaseProvider.Sqlite, $"Data Source={path}");
        }
        if (string.IsNullOrWhiteSpace(PgServer))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("CI needs PostgreSQL: MASTEN_TEST_POSTGRES is not set.");
            Skip.If(true, "MASTEN_TEST_POSTGRES is not set.");
        }
        var name = $"masten_generate_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PgServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(PgServer) { Database = name }.ConnectionString;
        created.Add((DatabaseProvider.Postgres, connection, name));
        return (DatabaseProvider.Postgres, connection);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync((DatabaseProvider Provider, string Connection) database, params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CliApp.Create().Parse([.. args, "--provider", database.Provider.ToString(), "--connection", database.Connection]).InvokeAsync();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private static async Task<(DatabaseProvider Provider, string Connection)> GeneratedAsync((DatabaseProvider Provider, string Connection) database, params string[] args)
    {
        Assert.Equal(0, (await RunAsync(database, "migrate")).Code);
        var result = await RunAsync(database, ["generate", "--scale", "small", .. args]);
        Assert.True(result.Code == 0, result.Error);
        return database;
    }

    /// <summary>A SHA-256 over every row of every table of the model, in key order, values written invariantly.</summary>
    private static async Task<string> HashAsync((DatabaseProvider Provider, string Connection) database)
    {
        await using var db = MastenDatabase.Create(database.Provider, database.Connection).SeeAllMissions();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        await db.Database.OpenConnectionAsync();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            sha.AppendData(Encoding.UTF8.GetBytes(table + "\n"));
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    row.Append(value switch
                    {
                        DBNull => "∅",
                        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    }).Append('|');
                }
                sha.AppendData(Encoding.UTF8.GetBytes(row.Append('\n').ToString()));
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheSameSeedGivesTheSameDataAndAnotherSeedOtherData(string provider)
    {
        var first = await GeneratedAsync(await NewDatabaseAsync(provider), "--seed", "7");
        var second = await GeneratedAsync(await NewDatabaseAsync(provider), "--seed", "7");
        var other = await GeneratedAsync(await NewDatabaseAsync(provider), "--seed", "8");

        var hash = await HashAsync(first);
        Assert.Equal(hash, await HashAsync(second));
        Assert.NotEqual(hash, await HashAsync(other));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ADatabaseWithDataIsRefusedNamingWhatItHoldsAndNothingChanges(string provider)
    {
        var database = await NewDatabaseAsync(provider);
        Assert.Equal(0, (await RunAsync(database, "migrate")).Code);
        Assert.Equal(0, (await RunAsync(database, "seed", "--demo")).Code);
        var before = await HashAsync(database);

        var result = await RunAsync(database, "generate", "--scale", "small");

        Assert.Equal(2, result.Code);
        Assert.Contains("the database already holds 2 programmes, 2 missions, 10 indicators", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(database));
    }

    [Fact]
    public async Task AnUnmigratedDatabaseIsRefusedWithHowToMigrate()
    {
        var database = await NewDatabaseAsync("Sqlite");

        var result = await RunAsync(database, "generate", "--scale", "small");

        Assert.Equal(1, result.Code);
        Assert.Contains("masten migrate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSmallScaleHoldsTheCountsItPromisesAndReportsEachStage()
    {
        var database = await NewDatabaseAsync("Sqlite");
        Assert.Equal(0, (await RunAsync(database, "migrate")).Code);
        var result = await RunAsync(database, "generate", "--scale", "small");
        Assert.Equal(0, result.Code);
        Assert.Matches(@"observations\s+2,000 rows", result.Out);
        Assert.Matches(@"change records\s+[\d,]+ rows", result.Out);

        var size = DatasetSize.Of(DatasetScale.Small);
        await using var db = MastenDatabase.Create(database.Provider, database.Connection).SeeAllMissions();
        Assert.Equal(size.Programmes, await db.Programmes.CountAsync());
        Assert.Equal(size.Missions, await db.Missions.CountAsync());
        Assert.Equal(size.DraftMissions, await db.Missions.CountAsync(m => m.Status == MissionStatus.Draft));
        Assert.Equal(size.Missions * size.GoalsPerMission, await db.Goals.CountAsync());
        Assert.True(await db.Goals.AnyAsync(g => g.ParentId != null), "some goals are nested");
        Assert.Equal(size.Missions * size.GoalsPerMission * size.IndicatorsPerGoal, await db.Indicators.CountAsync());
        Assert.Equal(size.Observations, await db.Observations.CountAsync());
        var corrections = await db.Observations.CountAsync(o => o.SupersedesId != null);
        Assert.InRange(corrections, size.Observations / 200, size.Observations / 50);
        Assert.Equal(3, await db.Indicators.Where(i => db.Observations.Any(o => o.IndicatorId == i.Id)).Select(i => i.Frequency).Distinct().CountAsync());
        Assert.Equal(size.Actors + size.Participants, await db.Actors.CountAsync()); // each participant is a company of its own
        Assert.Equal(size.Participants, await db.Participants.CountAsync());
        Assert.InRange(await db.StepEvents.CountAsync(), size.StepEvents * 7 / 10, size.StepEvents * 13 / 10); // about ten a participant
        Assert.True(await db.StepEvents.AnyAsync(e => e.SupersedesId != null && e.Reason != null), "some step events are corrected");
        Assert.True(await db.StepEvents.AnyAsync(e => e.Status == Masten.Core.Journeys.StepEventStatus.Pending && e.IsCurrent), "some reports wait for confirmation");
        Assert.True(await db.Participants.AnyAsync(p => p.StartedOn != null && p.CurrentStepOrder >= 1), "positions are derived from the events");
        Assert.True(await db.Actors.AnyAsync(a => a.Country == Country.Denmark), "a few actors are Danish");
        Assert.True(await db.ContactPeople.CountAsync() >= size.Actors);
        Assert.Equal(size.Commitments, await db.Commitments.CountAsync());
        Assert.True(await db.Commitments.AnyAsync(c => c.CarriedFromId != null), "open commitments are carried into later rounds");
        var nonDraft = await db.Missions.CountAsync(m => m.Status != MissionStatus.Draft);
        Assert.Equal(3 * nonDraft, await db.SigningRounds.CountAsync());
        Assert.Equal(size.Drivers, await db.Drivers.CountAsync());
        Assert.Equal(size.OperationalGoals, await db.OperationalGoals.CountAsync());
        Assert.True(await db.GoalRelations.AnyAsync(r => r.Kind == GoalRelationKind.Conflicts), "some operational goals conflict");
        Assert.Equal(size.Initiatives, await db.Initiatives.CountAsync());
        Assert.True(await db.InitiativeContributions.CountAsync() >= size.Initiatives);
        Assert.True(await db.StageChanges.CountAsync() >= size.Initiatives);
        Assert.True(await db.FundingLines.AnyAsync());
        Assert.Equal(size.CheckIns, await db.CheckIns.CountAsync());
        Assert.Equal(size.Hypotheses, await db.Hypotheses.CountAsync());
        Assert.Equal(size.Reviews, await db.Reviews.CountAsync());
        Assert.True(await db.ReviewDecisions.CountAsync() >= size.Reviews);
        Assert.Equal(nonDraft, await db.RoadmapVersions.CountAsync(v => v.Number == 1));
        Assert.True(await db.RoadmapVersions.AnyAsync(v => v.Number == 2 && v.Reason != null && v.ReviewId != null), "a revision cites a review");

        // One "Created" change record per record, observations and targets aside, plus the revised indicators' updates.
        var records = await db.ChangeRecords.CountAsync(c => c.Action == "Created" && c.ChangedBy == DatasetGenerator.Author);
        var expected = await db.Programmes.CountAsync() + await db.Missions.CountAsync() + await db.Goals.CountAsync() + await db.Indicators.CountAsync()
            + await db.Actors.CountAsync() + await db.ContactPeople.CountAsync() + await db.Memberships.CountAsync() + await db.SigningRounds.CountAsync()
            + await db.Commitments.CountAsync() + await db.Drivers.CountAsync() + await db.OperationalGoals.CountAsync() + await db.GoalRelations.CountAsync()
            + await db.Initiatives.CountAsync() + await db.InitiativeContributions.CountAsync() + await db.FundingLines.CountAsync() + await db.StageChanges.CountAsync()
            + await db.Hypotheses.CountAsync() + await db.CheckIns.CountAsync() + await db.Reviews.CountAsync() + await db.ReviewDecisions.CountAsync()
            + await db.RoadmapVersions.CountAsync();
        Assert.Equal(expected, records);
        Assert.Equal(await db.Indicators.CountAsync(i => i.Version == 2), await db.ChangeRecords.CountAsync(c => c.Action == "Updated" && c.EntityType == "Indicator"));
        Assert.False(await db.ChangeRecords.AnyAsync(c => c.EntityType == nameof(Observation)));
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task GeneratedDataKeepsEveryDomainRule()
    {
        var database = await GeneratedAsync(await NewDatabaseAsync("Sqlite"));
        await using var db = MastenDatabase.Create(database.Provider, database.Connection).SeeAllMissions();
        var today = DatasetGenerator.DefaultReferenceDate;

        var missions = await db.Missions.AsNoTracking().ToListAsync();
        var goals = await db.Goals.AsNoTracking().ToListAsync();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).ToListAsync();
        var members = await db.Memberships.AsNoTracking().ToListAsync();
        var actors = await db.Actors.AsNoTracking().ToListAsync();
        var goalMission = goals.ToDictionary(g => g.Id, g => g.MissionId);
        var goalIdsOf = goals.GroupBy(g => g.MissionId).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToHashSet());
        var membersOf = members.GroupBy(m => m.MissionId).ToDictionary(g => g.Key, g => g.Select(x => x.ActorId).ToHashSet());
        var indicatorGoals = indicators.ToDictionary(i => i.Id, i => i.GoalId);

        foreach (var m in missions)
            MissionRules.Validate(new MissionInput(m.ProgrammeId, m.Title, m.Statement, m.BaselineYear, m.HorizonYear, m.Status, m.RollupRule, null, m.Language, m.LixTarget, m.StaleAfterDays));
        foreach (var g in goals)
            MissionRules.Validate(new GoalInput(g.MissionId, g.ParentId, g.Title, g.Description, g.Order, g.Weight), g.ParentId is { } p ? goalMission[p] : null);
        foreach (var i in indicators)
        {
            var mission = missions.Single(m => m.Id == goalMission[i.GoalId]);
            MissionRules.Validate(new IndicatorInput(i.GoalId, i.Name, i.Description, i.Unit, i.Direction, i.Frequency, i.Source, i.BaselineDate, i.BaselineValue,
                i.Targets.Select(t => new TargetInput(t.Date, t.Value)).ToList(), i.Shape, i.Weight), mission.BaselineYear, mission.HorizonYear);
            if (i.ReportingActorId is { } reporter)
                Assert.Contains(reporter, membersOf[mission.Id]);
            if (i.Shape == PathwayShape.ConstantRate)
                Assert.True(i.BaselineValue > 0 && i.Targets.All(t => t.Value > 0), "constant-rate paths need positive values");
        }

        // Observations: each belongs to an indicator, is dated no later than the data's last day, and a correction
        // supersedes an observation of the same indicator and date, with a reason.
        var observations = await db.Observations.AsNoTracking().ToListAsync();
        var byId = observations.ToDictionary(o => o.Id);
        foreach (var o in observations)
        {
            Assert.Contains(o.IndicatorId, indicatorGoals.Keys);
            if (o.SupersedesId is { } old)
            {
                Assert.Equal(byId[old].IndicatorId, o.IndicatorId);
                Assert.Equal(byId[old].Date, o.Date);
                MissionRules.Validate(new CorrectionInput(o.Date, o.Value, o.Source, o.Note, o.CorrectionReason), today);
            }
            else
            {
                MissionRules.Validate(new ObservationInput(o.Date, o.Value, o.Source, o.Note), today);
            }
        }
        foreach (var series in observations.GroupBy(o => o.IndicatorId))
            Assert.Equal(series.Count(o => o.SupersedesId is null), ObservationSeries.Current(series.ToList()).Count);

        // Actors: valid, normalised, unique organisation numbers.
        foreach (var a in actors)
        {
            Assert.Equal(a.OrganisationNumber, ActorRules.Validate(new ActorInput(a.Name, a.Type, a.Country, a.OrganisationNumber, a.Website, a.Description)));
            Assert.True(OrganisationNumber.Check(a.Country, a.OrganisationNumber!).IsValid);
        }
        Assert.Equal(actors.Count, actors.Select(a => a.OrganisationNumber).Distinct().Count());
        foreach (var c in await db.ContactPeople.AsNoTracking().ToListAsync())
            ActorRules.Validate(new ContactInput(c.Name, c.Role, c.Email, c.Level));
        foreach (var m in members)
            ActorRules.Validate(new MembershipInput(m.ActorId, m.MissionId, m.Roles, m.JoinedOn, m.LeftOn));
        Assert.All(missions, m => Assert.Contains(members, x => x.MissionId == m.Id && x.Roles.Contains(MissionRole.ProgrammeOffice)));

        var rounds = await db.SigningRounds.AsNoTracking().ToListAsync();
        foreach (var mission in rounds.GroupBy(r => r.MissionId))
        {
            Assert.Equal(mission.Count(), mission.Select(r => r.Name).Distinct().Count());
            Assert.True(mission.OrderBy(r => r.Id).Select(r => r.Date).SequenceEqual(mission.Select(r => r.Date).Order()), "rounds follow each other");
        }
        var commitments = await db.Commitments.AsNoTracking().ToDictionaryAsync(c => c.Id);
        foreach (var c in commitments.Values)
        {
            ActorRules.Validate(new CommitmentInput(c.ActorId, c.MissionId, c.RoundId, c.Text, c.Tier, c.GoalIds, c.PledgedMoney, c.Currency, c.PersonYears, c.DueDate,
                c.Status, c.EvidenceNotes, c.EvidenceLinks, c.Signatory, c.SignedOn), goalIdsOf[c.MissionId], ActorRules.DefaultTiers);
            Assert.Contains(c.ActorId, membersOf[c.MissionId]);
            Assert.Equal(c.MissionId, rounds.Single(r => r.Id == c.RoundId).MissionId);
            if (c.CarriedFromId is { } from)
            {
                var earlier = commitments[from];
                Assert.Equal((earlier.ActorId, earlier.MissionId, earlier.Text), (c.ActorId, c.MissionId, c.Text));
                Assert.True(earlier.RoundId < c.RoundId);
                Assert.Contains(earlier.Status, new[] { CommitmentStatus.Proposed, CommitmentStatus.Signed, CommitmentStatus.InProgress });
            }
        }
        foreach (var d in await db.Drivers.AsNoTracking().ToListAsync())
        {
            ActorRules.Validate(new DriverInput(d.ActorId, d.MissionId, d.Categories, d.Text, d.GoalIds), goalIdsOf[d.MissionId]);
            Assert.Contains(d.ActorId, membersOf[d.MissionId]);
        }
        var allGoalIds = goals.Select(g => g.Id).ToHashSet();
        foreach (var g in await db.OperationalGoals.AsNoTracking().Include(g => g.Relations).ToListAsync())
            ActorRules.Validate(new OperationalGoalInput(g.ActorId, g.Title, g.Owner, g.Relations.Select(r => new GoalRelationInput(r.GoalId, r.Kind, r.Explanation)).ToList()), allGoalIds);

        // Portfolio.
        var actorIds = actors.Select(a => a.Id).ToHashSet();
        var initiatives = await db.Initiatives.AsNoTracking().Include(i => i.Contributions).Include(i => i.Funding).ToListAsync();
        var stages = (await db.StageChanges.AsNoTracking().ToListAsync()).GroupBy(s => s.InitiativeId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Id).ToList());
        foreach (var i in initiatives)
        {
            PortfolioRules.Validate(new InitiativeInput(i.MissionId, i.Title, i.Description, i.Type, i.LeadActorId, i.PartnerActorIds, i.Stage, i.Budget, i.Currency,
                i.StartDate, i.EndDate, i.Levers,
                i.Contributions.Select(c => new ContributionInput(c.GoalId, c.IndicatorId, c.Direction, c.SizePerYear, c.Size, c.Confidence)).ToList(),
                i.Funding.Select(f => new FundingInput(f.FunderActorId, f.Amount, f.Currency)).ToList()),
                goalIdsOf[i.MissionId], indicatorGoals, membersOf[i.MissionId], actorIds);
            var history = stages[i.Id];
            Assert.Equal(InitiativeStage.Idea, history[0].Stage);
            Assert.Equal(i.Stage, history[^1].Stage);
            Assert.True(history.Select(s => s.Date).SequenceEqual(history.Select(s => s.Date).Order()), "the stage history is in date order");
            Assert.All(history, s => Assert.True(s.Date <= today));
        }
        foreach (var c in await db.CheckIns.AsNoTracking().ToListAsync())
        {
            PortfolioRules.Validate(new CheckInInput(c.Date, c.Status, c.Confidence, c.WhatHappened, c.Next, c.Blockers));
            Assert.True(c.Date <= today);
        }
        foreach (var h in await db.Hypotheses.AsNoTracking().ToListAsync())
            PortfolioRules.Validate(new HypothesisInput(h.Belief, h.Test, h.Result, h.Learning, h.OpenedOn));
        var reviews = await db.Reviews.AsNoTracking().ToDictionaryAsync(r => r.Id);
        foreach (var r in reviews.Values)
            PortfolioRules.Validate(new ReviewInput(r.MissionId, r.Date, r.Kind, r.Participants, r.ParticipantActorIds, r.Insights), membersOf[r.MissionId]);
        var initiativesOf = initiatives.GroupBy(i => i.MissionId).ToDictionary(g => g.Key, g => g.Select(i => i.Id).ToHashSet());
        foreach (var d in await db.ReviewDecisions.AsNoTracking().ToListAsync())
            PortfolioRules.Validate(new DecisionInput(d.InitiativeId, d.Kind, d.Rationale), initiativesOf[reviews[d.ReviewId].MissionId]);
        // A stage change caused by a review is on the review's date and matches a decision of that review.
        var decisions = await db.ReviewDecisions.AsNoTracking().ToListAsync();
        foreach (var s in stages.Values.SelectMany(h => h).Where(s => s.ReviewId is not null))
        {
            Assert.Equal(reviews[s.ReviewId!.Value].Date, s.Date);
            Assert.Contains(decisions, d => d.ReviewId == s.ReviewId && d.InitiativeId == s.InitiativeId);
        }

        // Roadmap: each mission that left draft has version 1, and its latest version is its roadmap now.
        var store = new MissionStore(db);
        foreach (var m in missions)
        {
            var versions = await db.RoadmapVersions.AsNoTracking().Where(v => v.MissionId == m.Id).OrderBy(v => v.Number).ToListAsync();
            if (m.Status == MissionStatus.Draft)
            {
                Assert.Empty(versions);
                continue;
            }
            Assert.Equal(Enumerable.Range(1, versions.Count), versions.Select(v => v.Number));
            Assert.Null(versions[0].Reason);
            foreach (var (previous, next) in versions.Zip(versions.Skip(1)))
            {
                Roadmaps.ValidateRevision(next.Reason, next.ValidFrom, previous.ValidFrom);
                Assert.False(Roadmaps.Diff(RoadmapSnapshot.FromJson(previous.Snapshot), RoadmapSnapshot.FromJson(next.Snapshot)).IsEmpty);
            }
            Assert.True(Roadmaps.Diff(RoadmapSnapshot.FromJson(versions[^1].Snapshot), await store.SnapshotAsync(m.Id, CancellationToken.None)).IsEmpty);
        }
    }

    [Fact]
    public async Task TheTokenFileOptionMakesOneLoadTestAdministratorWithAPrivateWriteToken()
    {
        var database = await NewDatabaseAsync("Sqlite");
        var file = Path.Combine(Path.GetTempPath(), $"masten-token-{Guid.NewGuid():N}");
        try
        {
            await GeneratedAsync(database, "--api-token-file", file);

            var secret = (await File.ReadAllTextAsync(file)).Trim();
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await using var db = MastenDatabase.Create(database.Provider, database.Connection).SeeAllMissions();
            var user = await db.Users.SingleAsync();
            Assert.Equal("generator@masten.invalid", user.Email);
            Assert.True(user.IsSystemAdmin);
            var token = await db.ApiTokens.SingleAsync();
            Assert.Equal(TokenScope.Write, token.Scope);
            Assert.Equal(Secrets.Hash(secret), token.TokenHash);
            Assert.NotNull(await new Masten.Data.Accounts.AccountStore(db).FindTokenAsync(secret));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void GenerateHelpSaysWhatItDoesAndWhatTheTokenIsFor()
    {
        var help = new StringWriter();
        var (stdout, _) = (Console.Out, Console.Error);
        Console.SetOut(help);
        try
        {
            CliApp.Create().Parse(["generate", "--help"]).Invoke();
        }
        finally
        {
            Console.SetOut(stdout);
        }
        Assert.Contains("--scale", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("empty", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("load tests only", help.ToString(), StringComparison.Ordinal);
    }
}
