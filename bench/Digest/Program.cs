// The driver of bench/digest.sh (see there and bench/README.md). One phase per run, so each phase's peak RSS is its own:
//   dotnet Digest.dll <Sqlite|Postgres> <connection> setup      accounts for every contact person (actor representatives),
//                                                               an office per programme, and notification settings
//   dotnet Digest.dll <Sqlite|Postgres> <connection> digest     one digest pass for everyone, then a second (finds nothing new)
//   dotnet Digest.dll <Sqlite|Postgres> <connection> pulses     defines each open mission's pulse and opens a round of it
//   dotnet Digest.dll <Sqlite|Postgres> <connection> answer     answers three links in five of each round (secrets from pulses)
//   dotnet Digest.dll <Sqlite|Postgres> <connection> results    reads each mission's pulse results by actor type
// Each phase prints one line per measured step: wall time, process CPU, database commands, rows written, peak RSS.
using System.Diagnostics;
using System.Globalization;
using Masten.Core.Accounts;
using Masten.Core.Messaging;
using Masten.Core.Missions;
using Masten.Core.Pulses;
using Masten.Data;
using Masten.Data.Accounts;
using Masten.Data.Pulses;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Masten.Web.Messaging;
using Masten.Web.Pulses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

if (args.Length < 3)
{
    Console.Error.WriteLine("Usage: Digest <Sqlite|Postgres> <connection> setup|digest|pulses|answer|results [secrets file]");
    return 2;
}
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = args[0],
    ["ConnectionStrings:Masten"] = args[1],
    ["Logging:LogLevel:Default"] = "Warning",
    ["Masten:PublicUrl"] = "https://masten.example",
});
builder.Services.AddMastenDatabase(builder.Configuration);
builder.Services.AddMastenStores();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMastenAccounts(builder.Configuration);
builder.Services.AddMastenMessaging(builder.Configuration);
builder.Services.AddMastenPulses();
builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
await using var app = builder.Build();
var secrets = args.Length > 3 ? args[3] : "pulse-secrets.txt";

using var commands = new CommandCounter();
DiagnosticListener.AllListeners.Subscribe(commands);
var phase = args[2];
switch (phase)
{
    case "setup":
        await SetupAsync();
        break;
    case "digest":
        await DigestAsync();
        break;
    case "pulses":
        await PulsesAsync();
        break;
    case "answer":
        await AnswerAsync();
        break;
    case "results":
        await ResultsAsync();
        break;
    default:
        Console.Error.WriteLine($"Unknown phase {phase}");
        return 2;
}
return 0;

MastenDbContext Db(IServiceScope scope)
{
    var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>().SeeAllMissions();
    db.Author = "bench";
    return db;
}

// The local time a pass runs at: 22:00 today in the mission time zone, when every daily digest hour has come.
DateTime PassTime()
{
    var zone = TimeZoneInfo.FindSystemTimeZoneById(NotificationRules.DefaultTimeZone);
    var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone).Date.AddHours(22);
    return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
}

async Task<long> CountAsync(Func<MastenDbContext, Task<int>> count)
{
    using var scope = app.Services.CreateScope();
    return await count(Db(scope));
}

async Task<T> MeasureAsync<T>(string step, Func<Task<T>> work, Func<Task<long>> rows)
{
    var before = await rows();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var queries = commands.Count;
    var clock = Stopwatch.StartNew();
    var result = await work();
    var wall = clock.Elapsed;
    var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var ran = commands.Count - queries;
    var written = await rows() - before;
    Process.GetCurrentProcess().Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{step,-28} wall {wall.TotalSeconds,7:0.00} s  cpu {spent.TotalSeconds,7:0.00} s  commands {ran,7}  rows written {written,8}  peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576,5} MB  ({result})"));
    return result;
}

async Task SetupAsync()
{
    using var scope = app.Services.CreateScope();
    var db = Db(scope);
    if (await db.Users.AnyAsync(u => u.Email!.EndsWith(".example") && u.Email.StartsWith("office")))
    {
        Console.WriteLine("setup: done before");
        return;
    }
    var now = DateTime.UtcNow;
    var weekday = TimeZoneInfo.ConvertTimeFromUtc(PassTime(), TimeZoneInfo.FindSystemTimeZoneById(NotificationRules.DefaultTimeZone)).DayOfWeek;
    var contacts = await db.ContactPeople.AsNoTracking().Where(c => c.Email != null).OrderBy(c => c.Id)
        .Select(c => new { c.ActorId, c.Email, c.Name }).ToListAsync();
    var memberships = (await db.Memberships.AsNoTracking().Select(m => new { m.ActorId, m.MissionId }).ToListAsync()).ToLookup(m => m.ActorId, m => m.MissionId);
    var programmes = await db.Programmes.AsNoTracking().Select(p => p.Id).ToListAsync();
    var nextUser = (await db.Users.MaxAsync(u => (int?)u.Id) ?? 0) + 1;
    var users = new List<MastenUser>();
    var roles = new List<RoleAssignment>();
    var settings = new List<NotificationSettings>();
    MastenUser NewUser(string email, string name)
    {
        var user = new MastenUser
        {
            Id = nextUser++, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
        };
        users.Add(user);
        return user;
    }
    foreach (var programme in programmes)
    {
        var office = NewUser(string.Create(CultureInfo.InvariantCulture, $"office{programme}@programme{programme}.example"), "Programme office");
        roles.Add(new RoleAssignment { UserId = office.Id, ProgrammeId = programme, Role = AccessRole.Owner, Version = 1, CreatedAt = now, UpdatedAt = now });
    }
    var languages = new[] { "sv", "sv", "sv", "en", "da" };
    foreach (var group in contacts.GroupBy(c => c.Email!.Trim().ToUpperInvariant()))
    {
        var first = group.First();
        var user = NewUser(first.Email!.Trim(), first.Name);
        foreach (var actor in group.Select(c => c.ActorId).Distinct())
            foreach (var mission in memberships[actor].Distinct())
                roles.Add(new RoleAssignment { UserId = user.Id, MissionId = mission, ActorId = actor, Role = AccessRole.ActorRepresentative, Version = 1, CreatedAt = now, UpdatedAt = now });
        // Hours from 6 to 20, one in five weekly (on the pass's weekday), one in twenty with no settings stored (the defaults).
        var n = user.Id;
        if (n % 20 != 0)
            settings.Add(new NotificationSettings
            {
                UserId = user.Id, Language = languages[n % languages.Length], Frequency = n % 5 == 0 ? DigestFrequency.Weekly : DigestFrequency.Daily,
                Hour = 6 + n % 15, Weekday = weekday, Kinds = NotificationKinds.All, UpdatedAt = now,
            });
    }
    db.Users.AddRange(users);
    db.RoleAssignments.AddRange(roles);
    db.NotificationSettings.AddRange(settings);
    await db.SaveChangesAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"setup: {users.Count} accounts, {roles.Count} roles, {settings.Count} settings"));
}

async Task DigestAsync()
{
    var reminders = app.Services.GetRequiredService<Reminders>();
    var at = PassTime();
    Task<long> Rows() => CountAsync(async db => await db.Notifications.CountAsync() + await db.OutboxMessages.CountAsync()
        + await db.NotificationSettings.CountAsync(s => s.LastDigestPeriod != null));
    var recipients = await CountAsync(db => db.Users.CountAsync(u => u.Email != null && u.DisabledAt == null));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digest pass at {at:yyyy-MM-dd HH:mm} UTC for {recipients} accounts with an address"));
    await MeasureAsync("digest pass", async () => $"{await reminders.RunAsync(at, CancellationToken.None)} digests stored", Rows);
    await MeasureAsync("digest pass again", async () => $"{await reminders.RunAsync(at, CancellationToken.None)} digests stored", Rows);
    await using var scope = app.Services.CreateAsyncScope();
    var db = Db(scope);
    var mails = await db.OutboxMessages.CountAsync(m => m.Kind == MessageKind.Digest);
    var byLanguage = await db.OutboxMessages.Where(m => m.Kind == MessageKind.Digest).GroupBy(m => m.Language).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    Console.WriteLine($"digest e-mails in the outbox: {mails} ({string.Join(", ", byLanguage.OrderBy(l => l.Key).Select(l => $"{l.Key} {l.Count}"))})");
}

async Task PulsesAsync()
{
    List<(int Id, string Title)> missions;
    using (var scope = app.Services.CreateScope())
    {
        var db = Db(scope);
        missions = [.. (await db.Missions.AsNoTracking().Where(m => m.Status != MissionStatus.Closed && !db.Pulses.Any(p => p.MissionId == m.Id))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Title }).ToListAsync()).Select(m => (m.Id, m.Title))];
        var store = new PulseStore(db);
        foreach (var m in missions)
            await store.DefineAsync(m.Id, new PulseInput(PulseRules.DefaultStatements, PulseRules.DefaultOpenQuestion, Enum.GetValues<Masten.Core.Actors.ActorType>(), Scheduled: false));
    }
    var mail = new CapturingMail(app.Services.GetRequiredService<IPulseMail>());
    Task<long> Rows() => CountAsync(async db => await db.PulseRounds.CountAsync() + await db.PulseLinks.CountAsync() + await db.OutboxMessages.CountAsync());
    await MeasureAsync("open a pulse round in each", async () =>
    {
        var links = 0;
        foreach (var m in missions)
        {
            using var scope = app.Services.CreateScope();
            var round = await new PulseStore(Db(scope)).OpenRoundAsync(m.Id, mail);
            links += round?.Recipients ?? 0;
        }
        return $"{missions.Count} missions, {links} links e-mailed";
    }, Rows);
    await File.WriteAllLinesAsync(secrets, mail.Secrets);
}

async Task AnswerAsync()
{
    var all = await File.ReadAllLinesAsync(secrets);
    var chosen = all.Where((_, i) => i % 5 < 3).ToList();
    var random = new Random(1);
    Task<long> Rows() => CountAsync(async db => await db.PulseAnswers.CountAsync() + await db.PulseScores.CountAsync());
    await MeasureAsync("answer 3 links in 5", async () =>
    {
        foreach (var secret in chosen)
        {
            using var scope = app.Services.CreateScope();
            var scores = PulseRules.DefaultStatements.ToDictionary(s => s.Key, _ => (int?)random.Next(1, 6));
            await new PulseStore(Db(scope)).AnswerAsync(secret, new PulseAnswerInput(scores, random.Next(4) == 0 ? "Fler gemensamma möten." : null));
        }
        return $"{chosen.Count} answers";
    }, Rows);
}

async Task ResultsAsync()
{
    List<int> missions;
    using (var scope = app.Services.CreateScope())
        missions = await Db(scope).Pulses.AsNoTracking().OrderBy(p => p.MissionId).Select(p => p.MissionId).ToListAsync();
    var slowest = 0.0;
    await MeasureAsync("results by actor type", async () =>
    {
        var cells = 0;
        foreach (var id in missions)
        {
            using var scope = app.Services.CreateScope();
            var clock = Stopwatch.StartNew();
            var results = await Db(scope).PulseResultsAsync(id);
            slowest = Math.Max(slowest, clock.Elapsed.TotalMilliseconds);
            cells += results?.Cells.Count(c => c.Shown) ?? 0;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{missions.Count} missions, {cells} cells shown, slowest {slowest:0} ms");
    }, () => Task.FromResult(0L));
}

/// <summary>Counts the database commands EF Core runs (its diagnostic events), in every context of the process.</summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            lock (subscriptions)
                subscriptions.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Name)
            Interlocked.Increment(ref count);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (subscriptions)
            foreach (var s in subscriptions)
                s.Dispose();
    }
}

/// <summary>The pulse e-mail as Masten writes it, keeping each link's secret so the answer phase can use the links.</summary>
internal sealed class CapturingMail(IPulseMail inner) : IPulseMail
{
    public List<string> Secrets { get; } = [];

    public OutboxMessage Compose(PulseRecipient recipient, string missionTitle, string secret, DateOnly closesOn, string causeKey)
    {
        Secrets.Add(secret);
        return inner.Compose(recipient, missionTitle, secret, closesOn, causeKey);
    }
}
