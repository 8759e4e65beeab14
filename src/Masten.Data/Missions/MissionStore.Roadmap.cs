using Masten.Core.Common;
using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masten.Data.Missions;

// Roadmap versions: the write side. Every change to a mission, goal or indicator runs through
// ReviseAsync, which decides in the same transaction whether it is a revision of the roadmap.
public sealed partial class MissionStore
{
    private static RevisionInput Revision(string? reason, int? reviewId, DateOnly? validFrom) => new(reason, reviewId, validFrom);

    /// <summary>
    /// Runs <paramref name="change"/> (which saves) and records roadmap versions in the same transaction:
    /// <list type="bullet">
    /// <item>while the mission is a draft, nothing is recorded and no reason is needed;</item>
    /// <item>when it stops being a draft for the first time, the roadmap after the change is version 1;</item>
    /// <item>otherwise, if the change alters the roadmap (<see cref="Roadmaps.Diff"/> against the latest
    /// version is not empty), it is a revision: it needs a reason and becomes the next version. A mission
    /// that was active before versions existed first gets its roadmap before the change as version 1,
    /// so the earlier state is never lost.</item>
    /// </list>
    /// A missing reason undoes the change: nothing is stored.
    /// </summary>
    private async Task<T> ReviseAsync<T>(int? missionId, RevisionInput revision, Func<Task<T>> change, Func<T, int> missionOf, CancellationToken ct)
    {
        var before = missionId is null ? null : await db.Missions.AsNoTracking().Where(m => m.Id == missionId)
            .Select(m => new MissionBefore(m.Status, m.CreatedAt)).FirstOrDefaultAsync(ct);
        var latest = missionId is null ? null : await db.RoadmapVersions.AsNoTracking().Where(v => v.MissionId == missionId)
            .OrderByDescending(v => v.Number).Select(v => new LatestVersion(v.Number, v.ValidFrom, v.Snapshot)).FirstOrDefaultAsync(ct);
        if (revision.ReviewId is { } reviewId && missionId is not null && !await db.Reviews.AnyAsync(r => r.Id == reviewId && r.MissionId == missionId, ct))
            throw Invalid("reviewId", "UnknownReview", "is not a review of this mission.");

        // A new mission has no reviews yet, so it cannot cite one.
        if (missionId is null)
            revision = revision with { ReviewId = null };

        return await AllOrNothingAsync(async () =>
        {
            // Writers of the mission's stored assessments go one at a time (see ProgressReadModel.LockAsync).
            if (missionId is not null)
                await Progress.ProgressReadModel.LockAsync(db, missionId, null, ct);
            // A mission already active without versions: its roadmap as it was is version 1.
            RoadmapSnapshot? legacy = before is not null && before.Status != MissionStatus.Draft && latest is null
                ? await SnapshotAsync(missionId!.Value, ct)
                : null;
            var result = await change();
            var id = missionOf(result);
            await RecordVersionsAsync(id, revision, before, latest, legacy, ct);
            // Targets, baselines and the version valid today decide the indicators' assessments: store them anew.
            await Progress.ProgressReadModel.RefreshAsync(db, id, null, ct);
            return result;
        }, ct);
    }

    private sealed record MissionBefore(MissionStatus Status, DateTime CreatedAt);

    private sealed record LatestVersion(int Number, DateOnly ValidFrom, string Snapshot);

    /// <summary>
    /// After a change of mission <paramref name="id"/>: nothing while it is a draft; version 1 when it leaves draft; else the legacy
    /// version 1 (<paramref name="legacy"/>, if any) and, when the roadmap differs from the latest version, the next version.
    /// </summary>
    private async Task RecordVersionsAsync(int id, RevisionInput revision, MissionBefore? before, LatestVersion? latest, RoadmapSnapshot? legacy, CancellationToken ct)
    {
        var status = await db.Missions.AsNoTracking().Where(m => m.Id == id).Select(m => m.Status).FirstAsync(ct);
        if (status == MissionStatus.Draft)
            return;
        var after = await SnapshotAsync(id, ct);
        var today = db.Clock.Today();
        if (latest is null && legacy is null)
        {
            // Leaving draft: the roadmap now agreed on is the first version.
            AddVersion(id, 1, revision.ValidFrom ?? today, Trim(revision.Reason), revision.ReviewId, after);
        }
        else
        {
            var number = latest?.Number ?? 1;
            var previousFrom = latest?.ValidFrom ?? DateOnly.FromDateTime(before!.CreatedAt);
            if (legacy is not null)
                AddVersion(id, 1, previousFrom, null, null, legacy);
            var previous = legacy ?? RoadmapSnapshot.FromJson(latest!.Snapshot);
            if (!Roadmaps.Diff(previous, after).IsEmpty)
            {
                var validFrom = revision.ValidFrom ?? (today < previousFrom ? previousFrom : today);
                Roadmaps.ValidateRevision(revision.Reason, validFrom, previousFrom);
                AddVersion(id, number + 1, validFrom, Trim(revision.Reason), revision.ReviewId, after);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own, or in a savepoint of the caller's transaction. A failure
    /// undoes all of it, in the database and in this context; a unique index refusing a write is a stale version (409).
    /// </summary>
    private async Task<T> AllOrNothingAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var outer = db.Database.CurrentTransaction;
        var own = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        const string savepoint = "roadmap_revision";
        if (outer is not null)
            await outer.CreateSavepointAsync(savepoint, ct);
        try
        {
            var result = await work();
            if (own is not null)
                await own.CommitAsync(ct);
            else
                await outer!.ReleaseSavepointAsync(savepoint, ct);
            return result;
        }
        catch (Exception ex)
        {
            // Nothing of a refused change stays: neither in the database nor in this context.
            if (own is not null)
                await own.RollbackAsync(CancellationToken.None);
            else
                await outer!.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            db.ChangeTracker.Clear();
            // Two revisions saved at the same moment: the unique (mission, number) index refuses the second.
            if (ex is DbUpdateException && ex is not DbUpdateConcurrencyException)
                throw Versioning.StaleVersion();
            throw;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Writes a roadmap import (<see cref="Masten.Core.Imports.RoadmapRows"/>) as one change of the mission (<see cref="ReviseAsync{T}"/>), so a
    /// mission past draft gets one revision with <paramref name="revision"/>'s reason: the goals first (created in order, so a new goal's
    /// parent exists before it; a stored goal moved under its new parent, last among its siblings), then the indicators with their
    /// targets. The rows were checked against <see cref="MissionRules"/> already; the caller's transaction makes it all or nothing.
    /// </summary>
    internal Task ImportRoadmapAsync(int missionId, RevisionInput revision, IReadOnlyList<Masten.Core.Imports.ImportedGoalWrite> goals,
        IReadOnlyList<Masten.Core.Imports.ImportedIndicatorWrite> indicators, CancellationToken ct) =>
        ReviseAsync(missionId, revision, async () =>
        {
            var stored = await db.Goals.Where(g => g.MissionId == missionId).ToDictionaryAsync(g => g.Id, ct);
            var made = new Dictionary<int, Goal>();
            Goal Resolve(int key) => key > 0 ? stored[key] : made[key];
            // The next free position under each parent (0: the top level), by parent key.
            var next = stored.Values.GroupBy(g => g.ParentId ?? 0).ToDictionary(g => g.Key, g => g.Max(x => x.Order) + 1);
            int Place(int? parentKey)
            {
                var key = parentKey ?? 0;
                var order = next.GetValueOrDefault(key);
                next[key] = order + 1;
                return order;
            }
            foreach (var change in goals)
            {
                var parent = change.ParentKey is { } p ? Resolve(p) : null;
                var goal = change.Key < 0 ? new Goal { MissionId = missionId, Title = change.Title.Trim() } : stored[change.Key];
                goal.Parent = parent;
                goal.ParentId = parent?.Id is > 0 ? parent.Id : null;
                goal.Order = Place(change.ParentKey);
                if (change.Key < 0)
                {
                    db.Goals.Add(goal);
                    made[change.Key] = goal;
                }
            }
            await db.SaveVersionedAsync(ct);

            var ids = indicators.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToList();
            var tracked = await db.Indicators.Include(i => i.Targets).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            foreach (var change in indicators)
            {
                var input = change.Input with { GoalId = Resolve(change.GoalKey).Id };
                if (change.Id is { } id)
                {
                    var indicator = tracked[id];
                    Apply(indicator, input);
                    // Saving an indicator is one version even when only its targets changed.
                    db.Entry(indicator).Property(i => i.UpdatedAt).IsModified = true;
                }
                else
                {
                    var indicator = new Indicator { GoalId = input.GoalId };
                    Apply(indicator, input);
                    db.Indicators.Add(indicator);
                }
            }
            await db.SaveVersionedAsync(ct);
            return missionId;
        }, id => id, ct);

    private void AddVersion(int missionId, int number, DateOnly validFrom, string? reason, int? reviewId, RoadmapSnapshot snapshot) =>
        db.RoadmapVersions.Add(new RoadmapVersion
        {
            MissionId = missionId,
            Number = number,
            ValidFrom = validFrom,
            Reason = reason,
            ReviewId = reviewId,
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            CreatedBy = db.Author,
            Snapshot = snapshot.ToJson(),
        });

    /// <summary>The mission's roadmap as it is in the database now (changes saved in the current transaction included).</summary>
    public async Task<RoadmapSnapshot> SnapshotAsync(int missionId, CancellationToken ct)
    {
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == missionId)
            .Select(m => new { m.Title, m.Statement, m.BaselineYear, m.HorizonYear }).FirstAsync(ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.MissionId == missionId).OrderBy(g => g.Id)
            .Select(g => new RoadmapGoal(g.Id, g.ParentId, g.Title, g.Description, g.Weight, g.Order)).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Goal!.MissionId == missionId).OrderBy(i => i.Id)
            .Select(i => new RoadmapIndicator(i.Id, i.GoalId, i.Name, i.Unit, i.Direction, i.Shape, i.BaselineDate, i.BaselineValue, i.Weight,
                i.Targets.OrderBy(t => t.Date).Select(t => new RoadmapTarget(t.Date, t.Value)).ToList()))
            .ToListAsync(ct);
        return new RoadmapSnapshot(mission.Title, mission.Statement, mission.BaselineYear, mission.HorizonYear, goals, indicators);
    }
}
