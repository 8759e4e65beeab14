using System.Globalization;
using Masten.Core.Imports;
using Masten.Data.Imports;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Imports;

/// <summary>How the import pages word a problem and a delimiter.</summary>
public static class ImportText
{
    /// <summary>The problem in the reader's language: the English message is the most exact; the others say it by its rule.</summary>
    public static string Message(IStringLocalizer t, ImportError e)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en")
            return e.Message;
        var text = t[$"Import.Error.{e.Code}"];
        return text.ResourceNotFound ? e.Message : text.Value;
    }

    public static string DelimiterName(IStringLocalizer t, char? delimiter) => delimiter switch
    {
        null => "–",
        ';' => t["Import.Delimiter.Semicolon"],
        ',' => t["Import.Delimiter.Comma"],
        '\t' => t["Import.Delimiter.Tab"],
        { } c => $"\"{c}\"",
    };
}
