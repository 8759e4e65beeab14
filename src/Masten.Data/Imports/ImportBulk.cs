using Masten.Core.Actors;
using Masten.Core.Missions;
using Masten.Data.Generation;
using Masten.Data.History;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Imports;

/// <summary>
/// New records of an import written in bulk inside the import's transaction, each with the "Created" change record a save
/// would write (the same snapshot, the import as its author), and the data stamp raised on commit. Much faster than the
/// change tracker for thousands of rows: one prepared INSERT per table on SQLite, binary COPY on PostgreSQL (<see cref="BulkWriter"/>).
/// Ids: on SQLite those after the largest (the transaction holds the database's one write lock); on PostgreSQL taken from
/// the table's sequence, so writers beside the import never collide with them.
/// </summary>
internal static class ImportBulk
{
    /// <summary>
    /// Gives each row its id, its version 1 and its creation time as a save does, then writes the rows and their change
    /// records. Runs inside the caller's transaction (it must have one).
    /// </summary>
    public static async Task InsertAsync<T>(MastenDbContext db, IReadOnlyList<T> rows, DateTime now, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Bulk writes of an import run inside its transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var key = entity.FindPrimaryKey()!.Properties.Single().PropertyInfo!;
        var created = entity.FindProperty("CreatedAt")?.PropertyInfo;
        var updated = entity.FindProperty("UpdatedAt")?.PropertyInfo;
        var ids = await ReserveIdsAsync(db, entity.GetTableName()!, rows.Count, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            key.SetValue(row, Convert.ChangeType(ids[i], key.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            if (row is IVersioned versioned)
                versioned.Version = 1;
            created?.SetValue(row, now);
            updated?.SetValue(row, now);
        }
        var records = new List<ChangeRecord>(rows.Count);
        foreach (var (row, id) in rows.Zip(ids))
            records.Add(new ChangeRecord { EntityType = typeof(T).Name, EntityId = checked((int)id), Action = "Created", After = db.SnapshotOf(row), ChangedBy = db.Author, ChangedAt = now });
        var recordIds = await ReserveIdsAsync(db, "ChangeRecords", records.Count, ct);
        for (var i = 0; i < records.Count; i++)
            records[i].Id = recordIds[i];
        await using var writer = await BulkWriter.BeginAsync(db, exactValues: true, ct);
        await writer.WriteAsync(rows, ct);
        await writer.WriteAsync(records, ct);
        db.StampOnCommit();
    }

    /// <summary>
    /// Creates the actors the register lacks, found by organisation number (the first of each number counts), in bulk with
    /// their change records: the one way an import makes actors. Returns each new number's actor id.
    /// </summary>
    public static async Task<Dictionary<string, int>> CreateActorsAsync(MastenDbContext db, IEnumerable<(string OrganisationNumber, Country Country, ActorType Type, string Name)> missing,
        DateTime now, CancellationToken ct)
    {
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var (number, country, type, name) in missing)
            actors.TryAdd(number, new Actor { OrganisationNumber = number, Country = country, Type = type, Name = name.Trim() });
        await InsertAsync(db, actors.Values.ToList(), now, ct);
        return actors.ToDictionary(a => a.Key, a => a.Value.Id, StringComparer.Ordinal);
    }

    /// <summary><paramref name="count"/> ids for new rows of <paramref name="table"/>, in increasing order.</summary>
    internal static async Task<long[]> ReserveIdsAsync(MastenDbContext db, string table, int count, CancellationToken ct)
    {
        var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        if (db.Database.IsNpgsql())
        {
            // Each nextval is taken for this transaction alone, whether it commits or not.
            var next = $"SELECT nextval(pg_get_serial_sequence('{quoted}', 'Id')) AS \"Value\" FROM generate_series(1, {count})";
            var taken = await db.Database.SqlQueryRaw<long>(next).ToListAsync(ct);
            return taken.Order().ToArray();
        }
        var max = $"SELECT COALESCE(MAX(\"Id\"), 0) AS \"Value\" FROM {quoted}";
        var largest = await db.Database.SqlQueryRaw<long>(max).SingleAsync(ct);
        return Enumerable.Range(1, count).Select(i => largest + i).ToArray();
    }
}
