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
