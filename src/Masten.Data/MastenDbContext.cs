using System.Text.Json;
using Masten.Core.Accounts;
using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Data.Accounts;
using Masten.Data.History;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masten.Data;

/// <summary>
/// Masten's one database context. It stamps versions and times on every save and writes a
/// <see cref="ChangeRecord"/> for every created, updated or deleted record, in the same transaction.
/// Each provider has its own subclass only so that each keeps its own generated migrations.
/// </summary>
public abstract class MastenDbContext : IdentityUserContext<MastenUser, int>, IDataProtectionKeyContext
{
    // Never copied into change records: secrets and their hashes.
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        nameof(MastenUser.PasswordHash), nameof(MastenUser.SecurityStamp), nameof(MastenUser.ConcurrencyStamp), nameof(ApiToken.TokenHash),
        // A yearly report's frozen content is kept, unchanged, in its own row; its change record need not copy it.
        nameof(Masten.Core.Reports.MissionReport.Document),
    };

    /// <summary>
    /// Records no change record is written for: the log itself and the data stamp; the outbox, whose rows carry secret
    /// links and where every send would be a change; a person's own notifications and settings, which are about no shared
    /// record; data-protection keys and Identity's claims, logins, tokens and passkeys.
    /// </summary>
    public static readonly IReadOnlySet<Type> Unaudited = new HashSet<Type>
    {
        typeof(ChangeRecord), typeof(DataStamp), typeof(DataProtectionKey), typeof(Masten.Core.Messaging.OutboxMessage),
        typeof(Masten.Core.Messaging.Notification), typeof(Masten.Core.Messaging.NotificationSettings),
        // A pulse's links and answers: a change record's author and time would tie an answer to the moment its link was used.
        typeof(Masten.Core.Pulses.PulseLink), typeof(Masten.Core.Pulses.PulseAnswer), typeof(Masten.Core.Pulses.PulseScore),
        typeof(IdentityUserClaim<int>), typeof(IdentityUserLogin<int>), typeof(IdentityUserToken<int>), typeof(IdentityUserPasskey<int>),
    };

    // Readable UTF-8 in the stored snapshots; they are never embedded in HTML unencoded.
    private static readonly JsonSerializerOptions SnapshotJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected MastenDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Mission> Missions => Set<Mission>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<RoadmapVersion> RoadmapVersions => Set<RoadmapVersion>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<ContactPerson> ContactPeople => Set<ContactPerson>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<SigningRound> SigningRounds => Set<SigningRound>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Driver> Drivers => Set<Driver>();
    public DbSet<OperationalGoal> OperationalGoals => Set<OperationalGoal>();
    public DbSet<GoalRelation> GoalRelations => Set<GoalRelation>();
    public DbSet<CommitmentTierSet> CommitmentTierSets => Set<CommitmentTierSet>();
    public DbSet<Masten.Core.Portfolio.Initiative> Initiatives => Set<Masten.Core.Portfolio.Initiative>();
    public DbSet<Masten.Core.Portfolio.InitiativeContribution> InitiativeContributions => Set<Masten.Core.Portfolio.InitiativeContribution>();
    public DbSet<Masten.Core.Portfolio.FundingLine> FundingLines => Set<Masten.Core.Portfolio.FundingLine>();
    public DbSet<Masten.Core.Portfolio.StageChange> StageChanges => Set<Masten.Core.Portfolio.StageChange>();
    public DbSet<Masten.Core.Portfolio.Hypothesis> Hypotheses => Set<Masten.Core.Portfolio.Hypothesis>();
    public DbSet<Masten.Core.Portfolio.CheckIn> CheckIns => Set<Masten.Core.Portfolio.CheckIn>();
    public DbSet<Masten.Core.Portfolio.Review> Reviews => Set<Masten.Core.Portfolio.Review>();
    public DbSet<Masten.Core.Portfolio.ReviewDecision> ReviewDecisions => Set<Masten.Core.Portfolio.ReviewDecision>();
    public DbSet<Masten.Core.Journeys.Journey> Journeys => Set<Masten.Core.Journeys.Journey>();
    public DbSet<Masten.Core.Journeys.JourneyStep> JourneySteps => Set<Masten.Core.Journeys.JourneyStep>();
    public DbSet<Masten.Core.Journeys.JourneyVersion> JourneyVersions => Set<Masten.Core.Journeys.JourneyVersion>();
    public DbSet<Masten.Core.Journeys.Participant> Participants => Set<Masten.Core.Journeys.Participant>();
    public DbSet<Masten.Core.Journeys.NavigatorAssignment> NavigatorAssignments => Set<Masten.Core.Journeys.NavigatorAssignment>();
    public DbSet<Masten.Core.Journeys.StepEvent> StepEvents => Set<Masten.Core.Journeys.StepEvent>();
    public DbSet<Masten.Core.Journeys.JourneyActivity> JourneyActivities => Set<Masten.Core.Journeys.JourneyActivity>();
    public DbSet<Masten.Core.Journeys.ActivityAttendee> ActivityAttendees => Set<Masten.Core.Journeys.ActivityAttendee>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();
    /// <summary>The import history of each mission, with the original files (<see cref="Imports.ImportStore"/>).</summary>
    public DbSet<Masten.Core.Imports.ImportRecord> Imports => Set<Masten.Core.Imports.ImportRecord>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Masten.Core.Readability.GlossaryEntry> GlossaryEntries => Set<Masten.Core.Readability.GlossaryEntry>();
    /// <summary>The progress read model: one stored assessment per indicator (<see cref="Progress.ProgressReadModel"/>).</summary>
    public DbSet<Masten.Core.Reports.MissionReport> MissionReports => Set<Masten.Core.Reports.MissionReport>();
    public DbSet<Progress.IndicatorAssessment> IndicatorAssessments => Set<Progress.IndicatorAssessment>();
    /// <summary>E-mail waiting to be sent, and sent (<see cref="Messaging.OutboxStore"/>).</summary>
    public DbSet<Masten.Core.Messaging.OutboxMessage> OutboxMessages => Set<Masten.Core.Messaging.OutboxMessage>();
    public DbSet<Masten.Core.Messaging.EmailSuppression> EmailSuppressions => Set<Masten.Core.Messaging.EmailSuppression>();
    /// <summary>Each person's language and digest settings, and what they were told (<see cref="Messaging.NotificationStore"/>).</summary>
    public DbSet<Masten.Core.Messaging.NotificationSettings> NotificationSettings => Set<Masten.Core.Messaging.NotificationSettings>();
    public DbSet<Masten.Core.Messaging.Notification> Notifications => Set<Masten.Core.Messaging.Notification>();

    /// <summary>Trust pulses: definitions, rounds, single-use links and answers, kept apart (<see cref="Pulses.PulseStore"/>).</summary>
    public DbSet<Masten.Core.Pulses.Pulse> Pulses => Set<Masten.Core.Pulses.Pulse>();
    public DbSet<Masten.Core.Pulses.PulseRound> PulseRounds => Set<Masten.Core.Pulses.PulseRound>();
    public DbSet<Masten.Core.Pulses.PulseLink> PulseLinks => Set<Masten.Core.Pulses.PulseLink>();
    public DbSet<Masten.Core.Pulses.PulseAnswer> PulseAnswers => Set<Masten.Core.Pulses.PulseAnswer>();
    public DbSet<Masten.Core.Pulses.PulseScore> PulseScores => Set<Masten.Core.Pulses.PulseScore>();

    /// <summary>One row: a number that every write increments (<see cref="DataStamp"/>).</summary>
    public DbSet<DataStamp> DataStamps => Set<DataStamp>();

    /// <summary>Whether the current transaction wrote records, so its commit increments the <see cref="DataStamp"/>.</summary>
    internal bool StampPending { get; set; }

    /// <summary>For set-based writes that bypass the change tracker (imports): the current transaction's commit
    /// increments the <see cref="DataStamp"/>, so pages rendered before it are not served again.</summary>
    public void StampOnCommit() => StampPending = true;

    /// <summary>
    /// For a web request's context: the first <see cref="DataStamp.ReadAsync"/> is kept and answered again until this
    /// context commits a write or runs a set-based one, so the response cache, the visibility and every reused answer
    /// of one request cost one read of the stamp, not one each. What the request reads is then at least as new as the
    /// stamp it started with. A context that never calls this (the CLI, background work) reads the stamp every time.
    /// </summary>
    public MastenDbContext KeepStampUntilWrite()
    {
        KeepsStamp = true;
        return this;
    }

    internal bool KeepsStamp { get; private set; }

    /// <summary>The stamp read first while <see cref="KeepsStamp"/>; null before that read and after a write.</summary>
    internal long? KeptStamp { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(DataStamp.Interceptor.Instance, DataStamp.SetBasedWrites.Instance);

    /// <summary>Who is making the changes saved through this context; stored on change records.</summary>
    public string Author { get; set; } = "system";

    /// <summary>
    /// The answers reused while nothing is written (<see cref="StampedReads"/>): the process's instance from the
    /// application's services unless set; null (nothing reused) for a context made without them.
    /// </summary>
    public StampedReads? Reads
    {
        get => reads ??= StampedReads.Of(this);
        set => reads = value;
    }

    private StampedReads? reads;

    /// <summary>The clock, replaceable in tests.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether queries see every mission, drafts included. False unless code opts in with
    /// <see cref="SeeAllMissions"/> (the CLI, start-up tasks, demo seeding, background work, test helpers).
    /// A web request instead calls <see cref="SeeOnly"/> with the missions the person may see. A context
    /// nobody configured sees no mission at all (so never a draft): a forgotten switch hides, never shows.
    /// </summary>
    public bool SeesAllMissions { get; private set; }

    /// <summary>The missions this context may see unless it sees all: the published ones and the drafts the person has a role in.</summary>
    public IReadOnlyCollection<int> VisibleMissionIds { get; private set; } = [];

    /// <summary>The programmes this context may see unless it sees all.</summary>
    public IReadOnlyCollection<int> VisibleProgrammeIds { get; private set; } = [];

    /// <summary>Opts this context in to every mission, drafts included: for work done on behalf of Masten itself, never for a person's request.</summary>
    public MastenDbContext SeeAllMissions()
    {
        SeesAllMissions = true;
        return this;
    }

    /// <summary>Limits this context to the given missions and programmes (a person's request).</summary>
    public MastenDbContext SeeOnly(IReadOnlyCollection<int> missionIds, IReadOnlyCollection<int> programmeIds)
    {
        SeesAllMissions = false;
        VisibleMissionIds = missionIds;
        VisibleProgrammeIds = programmeIds;
        return this;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MastenDbContext).Assembly);
        builder.Entity<DataStamp>().Property(s => s.Id).ValueGeneratedNever();
        builder.Entity<DataStamp>().HasData(new DataStamp { Id = 1, Value = 0 });

        // Visibility, once for every table that belongs to a mission. Rows reached only through one of
        // these (targets, observations, check-ins) are looked up by a parent that is filtered here.
        builder.Entity<Programme>().HasQueryFilter(p => SeesAllMissions || VisibleProgrammeIds.Contains(p.Id));
        builder.Entity<Mission>().HasQueryFilter(m => SeesAllMissions || VisibleMissionIds.Contains(m.Id));
        builder.Entity<Goal>().HasQueryFilter(g => SeesAllMissions || VisibleMissionIds.Contains(g.MissionId));
        builder.Entity<Indicator>().HasQueryFilter(i => SeesAllMissions || VisibleMissionIds.Contains(i.Goal!.MissionId));
        builder.Entity<Membership>().HasQueryFilter(m => SeesAllMissions || VisibleMissionIds.Contains(m.MissionId));
        builder.Entity<SigningRound>().HasQueryFilter(r => SeesAllMissions || VisibleMissionIds.Contains(r.MissionId));
        builder.Entity<Commitment>().HasQueryFilter(c => SeesAllMissions || VisibleMissionIds.Contains(c.MissionId));
        builder.Entity<Driver>().HasQueryFilter(d => SeesAllMissions || VisibleMissionIds.Contains(d.MissionId));
        builder.Entity<CommitmentTierSet>().HasQueryFilter(t => SeesAllMissions || VisibleMissionIds.Contains(t.MissionId));
        builder.Entity<Masten.Core.Portfolio.Initiative>().HasQueryFilter(i => SeesAllMissions || VisibleMissionIds.Contains(i.MissionId));
        builder.Entity<Masten.Core.Portfolio.Review>().HasQueryFilter(r => SeesAllMissions || VisibleMissionIds.Contains(r.MissionId));
        builder.Entity<Masten.Core.Readability.GlossaryEntry>().HasQueryFilter(e => SeesAllMissions || VisibleMissionIds.Contains(e.MissionId));
        builder.Entity<RoadmapVersion>().HasQueryFilter(v => SeesAllMissions || VisibleMissionIds.Contains(v.MissionId));
        builder.Entity<Masten.Core.Journeys.Journey>().HasQueryFilter(j => SeesAllMissions || VisibleMissionIds.Contains(j.MissionId));
        builder.Entity<Masten.Core.Journeys.JourneyVersion>().HasQueryFilter(v => SeesAllMissions || VisibleMissionIds.Contains(v.MissionId));
        builder.Entity<Masten.Core.Journeys.Participant>().HasQueryFilter(p => SeesAllMissions || VisibleMissionIds.Contains(p.MissionId));
        builder.Entity<Masten.Core.Journeys.JourneyActivity>().HasQueryFilter(a => SeesAllMissions || VisibleMissionIds.Contains(a.MissionId));
        builder.Entity<Masten.Core.Reports.MissionReport>().HasQueryFilter(r => SeesAllMissions || VisibleMissionIds.Contains(r.MissionId));
        builder.Entity<Masten.Core.Pulses.Pulse>().HasQueryFilter(p => SeesAllMissions || VisibleMissionIds.Contains(p.MissionId));
        builder.Entity<Masten.Core.Pulses.PulseRound>().HasQueryFilter(r => SeesAllMissions || VisibleMissionIds.Contains(r.MissionId));
        builder.Entity<Masten.Core.Imports.ImportRecord>().HasQueryFilter(x => SeesAllMissions || VisibleMissionIds.Contains(x.MissionId));
        // An operational goal belongs to no mission, but its relation to a goal of a hidden draft is hidden
        // with the draft (and so is neither shown nor touched when the operational goal is saved).
        builder.Entity<GoalRelation>().HasQueryFilter(r => SeesAllMissions || Set<Goal>().Any(g => g.Id == r.GoalId));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back without a kind; every time Masten stores is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Enums as their names: readable in SQL and safe when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var pending = new List<(EntityEntry Entry, string Action, string? Before)>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (Unaudited.Contains(entry.Entity.GetType())
                || entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            if (entry.Entity is IndicatorTarget)
                continue; // recorded as part of its indicator's snapshot
            Stamp(entry, now);
            var action = entry.State switch
            {
                EntityState.Added => "Created",
                EntityState.Deleted => "Deleted",
                _ => "Updated",
            };
            pending.Add((entry, action, action == "Created" ? null : Snapshot(entry, original: true)));
        }
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // Ids of new records are known only after the first save; both saves commit together.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            StampPending = true;
            foreach (var (entry, action, before) in pending)
            {
                ChangeRecords.Add(new ChangeRecord
                {
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = Convert.ToInt32(entry.Property("Id").CurrentValue, System.Globalization.CultureInfo.InvariantCulture),
                    Action = action,
                    Before = before,
                    After = action == "Deleted" ? null : Snapshot(entry, original: false),
                    ChangedBy = Author,
                    ChangedAt = now,
                });
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    private static void Stamp(EntityEntry entry, DateTime now)
    {
        if (entry.Entity is IVersioned versioned)
        {
            if (entry.State == EntityState.Added)
                versioned.Version = 1;
            else if (entry.State == EntityState.Modified)
                versioned.Version = (int)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
        }
        if (entry.State == EntityState.Added && entry.Metadata.FindProperty("CreatedAt") is not null)
            entry.Property("CreatedAt").CurrentValue = now;
        if (entry.State is EntityState.Added or EntityState.Modified && entry.Metadata.FindProperty("UpdatedAt") is not null)
            entry.Property("UpdatedAt").CurrentValue = now;
    }

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties.Where(p => !Redacted.Contains(p.Metadata.Name)))
            values[property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
        if (entry.Entity is Indicator indicator)
        {
            // Targets are edited with their indicator, so they are versioned with it. The original
            // targets are the ones still in the database: deleted entries keep their values.
            var targets = entry.Context.ChangeTracker.Entries<IndicatorTarget>()
                .Where(t => t.Entity.IndicatorId == indicator.Id || indicator.Targets.Contains(t.Entity))
                .Where(t => original ? t.State is EntityState.Deleted or EntityState.Unchanged or EntityState.Modified : t.State != EntityState.Deleted)
                .Select(t => original ? new { Date = t.OriginalValues.GetValue<DateOnly>("Date"), Value = t.OriginalValues.GetValue<double>("Value") } : new { t.Entity.Date, t.Entity.Value })
                .OrderBy(t => t.Date)
                .ToList();
            values["Targets"] = targets;
        }
        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    /// <summary>
    /// The snapshot a save would write into the change record of <paramref name="entity"/>, a record that is not tracked
    /// (one written in bulk): every mapped property but the redacted ones, by name.
    /// </summary>
    internal string SnapshotOf(object entity)
    {
        var type = Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not mapped.");
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties().Where(p => !p.IsShadowProperty() && !Redacted.Contains(p.Name)))
            values[property.Name] = property.GetGetter().GetClrValue(entity);
        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The context on SQLite. Add a migration: <c>dotnet ef migrations add Name --project src/Masten.Data --context SqliteMastenDbContext --output-dir Migrations/Sqlite</c>.</summary>
public sealed class SqliteMastenDbContext(DbContextOptions<SqliteMastenDbContext> options) : MastenDbContext(options);

/// <summary>The context on PostgreSQL. Add a migration: <c>dotnet ef migrations add Name --project src/Masten.Data --context PostgresMastenDbContext --output-dir Migrations/Postgres</c>.</summary>
public sealed class PostgresMastenDbContext(DbContextOptions<PostgresMastenDbContext> options) : MastenDbContext(options);
