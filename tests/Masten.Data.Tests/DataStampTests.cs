using Masten.Core.Missions;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Tests;

/// <summary>
/// The <see cref="DataStamp"/> grows with every committed write and only then: the key that keeps a reused
/// page from outliving a write. On SQLite and PostgreSQL.
/// </summary>
public abstract class DataStampTests(DataDatabase database)
{
    private async Task<long> StampAsync()
    {
        await using var db = database.NewContext();
        return await DataStamp.ReadAsync(db);
    }

    [SkippableFact]
    public async Task ASavedChangeRaisesTheStamp()
    {
        database.RequireDatabase();
        var before = await StampAsync();
        await using (var db = database.NewContext())
            await new MissionStore(db).CreateProgrammeAsync(new ProgrammeInput("Stämpelprogram", null, null));
        Assert.True(await StampAsync() > before);
    }

    [SkippableFact]
    public async Task SavesInsideOneTransactionRaiseTheStampWhenItCommits()
    {
        database.RequireDatabase();
        var before = await StampAsync();
        await using var db = database.NewContext();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Programmes.Add(new Programme { Name = "Först" });
            await db.SaveChangesAsync();
            db.Programmes.Add(new Programme { Name = "Sedan" });
            await db.SaveChangesAsync();
            // Not yet committed: another connection still reads the old stamp.
            Assert.Equal(before, await StampAsync());
            await tx.CommitAsync();
        }
        Assert.Equal(before + 1, await StampAsync());
    }

    [SkippableFact]
    public async Task ARolledBackWriteLeavesTheStampAsItWas()
    {
        database.RequireDatabase();
        var before = await StampAsync();
        await using var db = database.NewContext();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Programmes.Add(new Programme { Name = "Ångrat" });
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(before, await StampAsync());
        // The context's next write, in a transaction of its own, raises it again.
        db.ChangeTracker.Clear();
        db.Programmes.Add(new Programme { Name = "Nytt försök" });
        await db.SaveChangesAsync();
        Assert.Equal(before + 1, await StampAsync());
    }

    // Set-based writes bypass the change tracker; the stamp still rises, whether or not the code asked for it
    // (DataStamp.SetBasedWrites), so an answer reused under the stamp never outlives them.

    private async Task<int> NewProgrammeAsync(string name)
    {
        await using var db = database.NewContext();
        var programme = new Programme { Name = name };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return programme.Id;
    }

    [SkippableFact]
    public async Task AnExecuteUpdateOutsideATransactionRaisesTheStamp()
    {
        database.RequireDatabase();
        var id = await NewProgrammeAsync("Före massändring");
        var before = await StampAsync();
        await using (var db = database.NewContext())
            Assert.Equal(1, await db.Programmes.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, "Efter massändring")));
        Assert.Equal(before + 1, await StampAsync());
    }

    [SkippableFact]
    public async Task AnExecuteDeleteInsideATransactionRaisesTheStampWhenItCommits()
    {
        database.RequireDatabase();
        var id = await NewProgrammeAsync("Att ta bort");
        var before = await StampAsync();
        await using var db = database.NewContext();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await db.Programmes.Where(p => p.Id == id).ExecuteDeleteAsync());
            Assert.Equal(before, await StampAsync());
            await tx.CommitAsync();
        }
        Assert.Equal(before + 1, await StampAsync());
    }

    [SkippableFact]
    public async Task ARawSqlWriteRaisesTheStamp()
    {
        database.RequireDatabase();
        var id = await NewProgrammeAsync("Före SQL");
        var before = await StampAsync();
        await using (var db = database.NewContext())
            await db.Database.ExecuteSqlAsync($"""UPDATE "Programmes" SET "Name" = {"Efter SQL"} WHERE "Id" = {id}""");
        Assert.Equal(before + 1, await StampAsync());
    }

    [SkippableFact]
    public async Task ASetBasedWriteThatChangesNoRowsLeavesTheStamp()
    {
        database.RequireDatabase();
        var before = await StampAsync();
        await using (var db = database.NewContext())
            Assert.Equal(0, await db.Programmes.Where(p => p.Id == -1).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, "Ingen")));
        Assert.Equal(before, await StampAsync());
    }

    [Fact]
    public void OnlyWritesToTablesNoReusedAnswerReadsLeaveTheStamp()
    {
        Assert.False(DataStamp.SetBasedWrites.Stamps("""UPDATE "OutboxMessages" AS "o" SET "LockedBy" = @p WHERE "o"."Id" = 1"""));
        Assert.True(DataStamp.SetBasedWrites.Stamps("""UPDATE "Observations" AS o SET "IsCurrent" = FALSE WHERE o."Id" = 1"""));
        Assert.True(DataStamp.SetBasedWrites.Stamps("""DELETE FROM "ImportRecords" AS "i" WHERE "i"."Id" = 1"""));
        Assert.True(DataStamp.SetBasedWrites.Stamps("""UPDATE "Notifications" SET "ReadAt" = NULL; INSERT INTO "Goals" ("Title") VALUES ('x')"""));
        // A statement it cannot name a table of is taken as a write that matters.
        Assert.True(DataStamp.SetBasedWrites.Stamps("MERGE something"));
    }

    [SkippableFact]
    public async Task AReusedAssessmentEndsAfterASetBasedRenameThatDidNotAskForTheStamp()
    {
        database.RequireDatabase();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        int goalId;
        Masten.Data.Progress.MissionProgress first;
        await using (var db = database.NewContext())
        {
            first = (await Masten.Data.Progress.ProgressReads.MissionProgressAsync(db, database.ExampleMissionId, today, default))!;
            goalId = first.Goals[0].Goal.Id;
        }
        await using (var db = database.NewContext())
            Assert.Same(first.Goals, (await Masten.Data.Progress.ProgressReads.MissionProgressAsync(db, database.ExampleMissionId, today, default))!.Goals);
        await using (var db = database.NewContext())
            await db.Goals.Where(g => g.Id == goalId).ExecuteUpdateAsync(u => u.SetProperty(g => g.Title, "Massomdöpt mål"));
        await using (var db = database.NewContext())
            Assert.Equal("Massomdöpt mål", (await Masten.Data.Progress.ProgressReads.MissionProgressAsync(db, database.ExampleMissionId, today, default))!.Goals[0].Goal.Title);
    }

    [SkippableFact]
    public async Task ReadingChangesNothing()
    {
        database.RequireDatabase();
        var before = await StampAsync();
        await using (var db = database.NewContext())
            _ = await db.Missions.AsNoTracking().CountAsync();
        Assert.Equal(before, await StampAsync());
    }
}

public sealed class SqliteDataStampTests(SqliteDatabase database) : DataStampTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresDataStampTests(PostgresDatabase database) : DataStampTests(database), IClassFixture<PostgresDatabase>;
