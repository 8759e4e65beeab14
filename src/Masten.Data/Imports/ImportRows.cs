using Masten.Core.Imports;

namespace Masten.Data.Imports;

/// <summary>What checking one row without errors gave: what it does, its line in the preview, and the change to write (null: none).</summary>
internal readonly record struct CheckedRow<TChange>(ImportRowAction Action, ImportItem Item, TChange? Change) where TChange : class;

/// <summary>
/// The row loop the record imports share (actors of a round, initiatives, the roadmap): the header row starts the kind's row
/// checker, every data row is checked and counted as created, updated, unchanged or rejected, its errors are kept by row and column
/// (the first <see cref="ImportStore.ShownErrors"/>), the first <see cref="ImportStore.ShownRows"/> rows are kept for the preview, and
/// the changes of good rows are collected for writing. An empty or header-only file is a file error.
/// </summary>
internal static class ImportRows
{
    /// <param name="reader">The file.</param>
    /// <param name="kind">The kind the preview says it read.</param>
    /// <param name="begin">Maps the header row to the kind's row checker and the headers it ignores.</param>
    /// <param name="check">Checks one data row: adds its problems to the list and returns null if there was any.</param>
    public static (ImportPreview Preview, List<TChange> Changes) Run<TRows, TChange>(TabularReader reader, ImportKind kind,
        Func<IReadOnlyList<string>, (TRows Rows, IReadOnlyList<string> Ignored)> begin,
        Func<TRows, long, IReadOnlyList<object?>, List<ImportError>, CheckedRow<TChange>?> check)
        where TChange : class
    {
        var started = false;
        TRows rows = default!;
        IReadOnlyList<string> ignored = [];
        var errors = new List<ImportError>();
        var items = new List<ImportItem>();
        var changes = new List<TChange>();
        long count = 0, create = 0, update = 0, unchanged = 0, rejected = 0, errorCount = 0;
        foreach (var (row, cells) in reader.Rows())
        {
            if (!started)
            {
                (rows, ignored) = begin([.. cells.Select(ImportValues.CellText)]);
                started = true;
                continue;
            }
            count++;
            var rowErrors = new List<ImportError>();
            var outcome = check(rows, row, cells, rowErrors);
            if (rowErrors.Count == 0 && outcome is { } done)
            {
                switch (done.Action)
                {
                    case ImportRowAction.Create: create++; break;
                    case ImportRowAction.Update: update++; break;
                    default: unchanged++; break;
                }
                if (items.Count < ImportStore.ShownRows)
                    items.Add(done.Item);
                if (done.Change is { } change)
                    changes.Add(change);
                continue;
            }
            rejected++;
            errorCount += rowErrors.Count;
            errors.AddRange(rowErrors.Take(Math.Max(0, ImportStore.ShownErrors - errors.Count)));
        }
        if (!started)
            throw new ImportFileException("EmptyFile", "The file has no rows.");
        if (count == 0)
            throw new ImportFileException("NoRows", "The file has a header row but no data rows.");
        var preview = new ImportPreview(null, reader.Description, count, create, update, unchanged, rejected, errorCount, errors, [], ignored,
            new Dictionary<DatePrecision, long>(), Applied: false) { Kind = kind, Items = items };
        return (preview, changes);
    }

    /// <summary>Runs an import's writes with the import as the author of every change record ("import #12 by …").</summary>
    public static async Task AsCauseAsync(MastenDbContext db, ImportApplying applying, Func<Task> write)
    {
        var author = db.Author;
        db.Author = applying.Cause;
        try
        {
            await write();
        }
        finally
        {
            db.Author = author;
        }
    }
}
