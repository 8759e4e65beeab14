using Masten.Data.Exports;
using MiniExcelLibs;

namespace Masten.Data.Tests.Exports;

public class TableFilesTests
{
    private static async IAsyncEnumerable<object?[]> Numbered(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return [i, $"rad {i}"];
        }
    }

    private static async Task<(IReadOnlyList<string> Cut, List<IDictionary<string, object>> Rows)> WriteAsync(int rows, int maxRows)
    {
        using var file = new MemoryStream();
        var cut = await TableFiles.WriteXlsxAsync([new TableFile("tabell", ["Nr", "Text"], Numbered(rows))], file, CancellationToken.None,
            kept => $"Bara de första {kept} raderna.", maxRows);
        file.Position = 0;
        return (cut, [.. MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>()]);
    }

    [Fact]
    public async Task ATableThatFitsASheetIsWrittenWholeAndNotCalledCut()
    {
        var (cut, rows) = await WriteAsync(5, 5);
        Assert.Empty(cut);
        Assert.Equal(5, rows.Count);
        Assert.Equal("rad 5", rows[^1]["Text"]);
    }

    [Fact]
    public async Task ATableLongerThanASheetEndsWithARowSayingItWasCutAndIsNamed()
    {
        var (cut, rows) = await WriteAsync(6, 5);
        Assert.Equal(["tabell"], cut);
        Assert.Equal(5, rows.Count);
        Assert.Equal("rad 4", rows[^2]["Text"]);
        Assert.Equal("Bara de första 4 raderna.", rows[^1]["Nr"]);
    }
}
