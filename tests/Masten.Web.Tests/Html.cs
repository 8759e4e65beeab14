using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masten.Web.Tests;

/// <summary>Reading a page as a user sees it: parsed with AngleSharp, asserted on text, links, labels and roles.</summary>
internal static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Every hidden field of the page by name (the antiforgery token, a form's handler and ids), as a browser would post them.</summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        Parse(html).QuerySelectorAll("input[type=hidden][name]").GroupBy(i => i.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.Last().GetAttribute("value") ?? "");

    /// <summary>The element's text with white space folded, as it reads.</summary>
    public static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The error summary at the top of a form: the alert labelled by its heading. Fails when the page has none.</summary>
    public static IElement ErrorSummary(IDocument page)
    {
        var summary = page.QuerySelectorAll("[role=alert]").FirstOrDefault(a =>
            a.GetAttribute("aria-labelledby") is { } heading && page.GetElementById(heading) is not null && a.QuerySelector("a[href*='#']") is not null);
        Assert.True(summary is not null, "the page shows an error summary that links to the fields");
        return summary!;
    }

    /// <summary>
    /// The error summary links to the field <paramref name="fieldId"/> with <paramref name="message"/>, and the field
    /// itself is marked invalid and described by its own error text.
    /// </summary>
    public static void AssertErrorOnField(IDocument page, string fieldId, string? message = null)
    {
        AssertSummaryLinksTo(page, fieldId, message);
        var field = page.GetElementById(fieldId);
        Assert.True(field is not null, $"the page has the field '{fieldId}'");
        Assert.Equal("true", field!.GetAttribute("aria-invalid"));
        var described = (field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(described, id => page.GetElementById(id) is { } error && Text(error).Length > 0 && id == fieldId + "-error");
    }

    /// <summary>The text of the fact (<c>dd</c>) after the term (<c>dt</c>) <paramref name="term"/> in a list of facts.</summary>
    public static string Fact(IDocument page, string term)
    {
        var dt = page.QuerySelectorAll("dl dt").Single(e => Text(e) == term);
        var dd = dt.NextElementSibling;
        Assert.True(dd is not null && dd.LocalName == "dd", $"the term '{term}' has no fact after it");
        return Text(dd!);
    }

    /// <summary>The table whose caption reads <paramref name="caption"/>. Fails when the page has none.</summary>
    public static IElement Table(IDocument page, string caption)
    {
        var table = page.QuerySelectorAll("table").FirstOrDefault(t => t.QuerySelector("caption") is { } c && Text(c) == caption);
        Assert.True(table is not null, $"the page has a table captioned '{caption}'");
        return table!;
    }

    /// <summary>The text of the cell in the row headed <paramref name="row"/> and the column headed <paramref name="column"/>.</summary>
    public static string Cell(IElement table, string row, string column)
    {
        var line = Rows(table).FirstOrDefault(r => r.Values.FirstOrDefault() == row);
        Assert.True(line is not null, $"the table has a row '{row}'");
        Assert.True(line!.ContainsKey(column), $"the table has a column '{column}'");
        return line[column];
    }

    /// <summary>The body rows of a table, each as column heading → the cell's text, in column order.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(IElement table)
    {
        var headings = table.QuerySelectorAll("thead th").Select(Text).ToList();
        return table.QuerySelectorAll("tbody tr")
            .Select(tr => (IReadOnlyDictionary<string, string>)tr.Children.Select(Text).Zip(headings, (cell, heading) => (heading, cell))
                .GroupBy(x => x.heading).ToDictionary(g => g.Key, g => g.First().cell))
            .ToList();
    }

    /// <summary>The error summary links to the field <paramref name="fieldId"/>, with <paramref name="message"/> when given.</summary>
    public static void AssertSummaryLinksTo(IDocument page, string fieldId, string? message = null)
    {
        var link = ErrorSummary(page).QuerySelectorAll("a").FirstOrDefault(a => a.GetAttribute("href")?.EndsWith("#" + fieldId, StringComparison.Ordinal) == true);
        Assert.True(link is not null, $"the error summary links to the field '{fieldId}'");
        if (message is not null)
            Assert.Contains(message, Text(link!), StringComparison.Ordinal);
    }
}
