using System.Collections;
using System.Globalization;
using Masten.Core.Exports;
using Masten.Core.Missions;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Exports;

/// <summary>
/// The mission as an XLSX workbook with one sheet per section of the <see cref="MissionDocument"/>, the same
/// fields as columns. Cells are typed: numbers as numbers, dates and times as dates; lists are written as
/// comma-separated text, and text that a spreadsheet could take for a formula is neutralised
/// (<see cref="CellText"/>). Rows are read from the database as the sheet is written.
/// </summary>
public static class MissionWorkbook
{
    /// <summary>Writes the workbook to <paramref name="output"/> (a writable stream; it need not seek); false when the mission is not found.</summary>
    public static async Task<bool> WriteAsync(MastenDbContext db, int missionId, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == missionId, ct);
        if (mission is null)
            return false;
        var programme = await db.Programmes.AsNoTracking().IgnoreQueryFilters().FirstAsync(p => p.Id == mission.ProgrammeId, ct);
        var actorIds = await MissionExport.ActorIdsAsync(db, missionId, ct);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["programme"] = Sheet(One(programme)),
            ["mission"] = Sheet(One(mission)),
        };
        foreach (var section in MissionExport.Sections(db, missionId, actorIds))
            sheets[section.Name] = Sheet(section.Columns, section.Rows());
        await MiniExcel.SaveAsAsync(output, sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        return true;
    }

    private static (IReadOnlyList<(string Name, Type Type)>, IEnumerable<object?[]>) One<T>(T record) where T : class
    {
        var fields = MissionDocument.Fields<T>();
        return (fields.Select(f => (f.Name, f.Type)).ToList(), [fields.Select(f => f.Get(record)).ToArray()]);
    }

    private static IEnumerable<Dictionary<string, object?>> Sheet((IReadOnlyList<(string Name, Type Type)> Columns, IEnumerable<object?[]> Rows) table) =>
        Sheet(table.Columns, table.Rows);

    /// <summary>Rows as MiniExcel takes them: one dictionary per row, keys in column order.</summary>
    public static IEnumerable<Dictionary<string, object?>> Sheet(IReadOnlyList<(string Name, Type Type)> columns, IEnumerable<object?[]> rows)
    {
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            var cells = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
                cells[columns[i].Name] = Cell(row[i]);
            yield return cells;
        }
        if (!any)
        {
            // An empty section still shows its header row.
            var header = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            foreach (var (name, _) in columns)
                header[name] = null;
            yield return header;
        }
    }

    /// <summary>One value as a typed cell: numbers and dates as they are, enums by name, lists joined, text neutralised.</summary>
    public static object? Cell(object? value) => value switch
    {
        null => null,
        string s => CellText.Neutralise(s),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime t => t,
        bool b => b,
        Enum e => e.ToString(),
        int or long or double or float or decimal or short => value,
        // An imported file (the import history): the JSON document carries it; a cell says how big it is.
        byte[] bytes => string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes"),
        IEnumerable list => CellText.Neutralise(string.Join(",", list.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))),
        _ => CellText.Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
