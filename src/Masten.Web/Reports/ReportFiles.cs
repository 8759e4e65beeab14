using System.Data;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Masten.Core.Reports;
using Masten.Data.Reports;
using Format = Masten.Web.Components.Common.Format;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Masten.Web.Reports;

/// <summary>
/// A frozen report as a Word document (DocumentFormat.OpenXml; agencies work in Word) and as a spreadsheet
/// (MiniExcel), made from the snapshot alone: the same figures every time. The document uses Word's own heading
/// styles, so its outline and a screen reader's heading list work; tables repeat their header row on each page.
/// </summary>
public static class ReportFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A file name like <c>report-2025-12-31-17.docx</c>: ASCII, so every browser keeps it.</summary>
    public static string FileName(ReportDto report, string extension) => $"report-{Format.Date(report.AsOf)}-{report.Id}.{extension}";

    public static byte[] Docx(ReportSnapshot s, IStringLocalizer t, string language)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(language);
            var body = new Body();
            body.Append(Heading(s.Title, 1));
            body.Append(Text(s.MissionTitle));
            body.Append(Text(t["Report.FrozenNotice", Format.Date(s.AsOf), Format.DateTime(s.CreatedAt), s.CreatedBy]));
            body.Append(Heading(t["Field.summary"], 2));
            foreach (var line in (s.Summary ?? "–").Split('\n'))
                body.Append(Text(line.TrimEnd('\r')));
            foreach (var table in ReportTables.Build(s, t).All)
            {
                body.Append(Heading(table.Title, 2));
                body.Append(table.Rows.Count == 0 ? Text(t["Report.None"]) : Table(table));
            }
            main.Document = new Document(body);
            document.PackageProperties.Title = s.Title;
            document.PackageProperties.Language = language;
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(ReportSnapshot s, IStringLocalizer t)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in ReportTables.Build(s, t).All)
        {
            var data = new DataTable(table.Title);
            foreach (var header in table.Headers)
                data.Columns.Add(header, typeof(object));
            foreach (var row in table.Rows)
                data.Rows.Add(row.Select(c => c.Number is { } n ? (object)n : c.Text).ToArray());
            // Sheet names: at most 31 characters, none of : \ / ? * [ ].
            var name = new string(table.Title.Where(c => !":\\/?*[]".Contains(c)).Take(31).ToArray());
            sheets[name] = data;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static Paragraph Heading(string text, int level) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }), new Run(new Text(text)));

    private static Paragraph Text(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table Table(ReportTable table)
    {
        var border = () => new BorderType[] { new TopBorder(), new BottomBorder(), new LeftBorder(), new RightBorder(), new InsideHorizontalBorder(), new InsideVerticalBorder() };
        var borders = new TableBorders(border().Select(b => { b.Val = BorderValues.Single; b.Size = 4; return (OpenXmlElement)b; }));
        var result = new Table(new TableProperties(borders, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var h in table.Headers)
            header.Append(new TableCell(new Paragraph(new Run(new RunProperties(new Bold()), new Text(h)))));
        result.Append(header);
        foreach (var row in table.Rows)
        {
            var r = new TableRow();
            foreach (var cell in row)
            {
                var paragraph = cell.Number is null ? new Paragraph(new Run(new Text(cell.Text) { Space = SpaceProcessingModeValues.Preserve }))
                    : new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(new Text(cell.Text)));
                r.Append(new TableCell(paragraph));
            }
            result.Append(r);
        }
        return result;
    }

    /// <summary>Word's built-in heading styles (so the document has an outline), and the text's language for spelling and speech.</summary>
    private static Styles Styles(string language)
    {
        static Style Heading(int level, string size) => new(
            new StyleName { Val = $"heading {level}" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };

        var tag = language switch { "en" => "en-GB", "da" => "da-DK", _ => "sv-SE" };
        return new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" }, new FontSize { Val = "22" }, new Languages { Val = tag }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading(1, "36"), Heading(2, "28"));
    }
}
