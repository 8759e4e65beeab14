using System.Globalization;
using Masten.Core.Imports;
using Masten.Data.Imports;
using Masten.Web.Localization;
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

    private static bool IsObservations(ImportKind kind) => kind is ImportKind.Observations or ImportKind.ObservationsWide;

    /// <summary>What a row does, in the words of its kind: observations are values and corrections, other kinds records created and changed.</summary>
    public static string ActionName(IStringLocalizer t, ImportKind kind, ImportRowAction action) =>
        t[IsObservations(kind) ? $"Import.Action.{action}" : $"Import.RowAction.{action}"];

    /// <summary>What an applied import did, in the words of its kind.</summary>
    public static string Counts(IStringLocalizer t, ImportKind kind, long created, long updated, long unchanged) =>
        IsObservations(kind)
            ? $"{t.Count("Import.Applied.New", created)}, {t.Count("Import.Applied.Corrected", updated)}, {t.Count("Import.Applied.Unchanged", unchanged)}."
            : $"{t.Count("Import.AppliedRows.Created", created)}, {t.Count("Import.AppliedRows.Changed", updated)}, {t.Count("Import.AppliedRows.Unchanged", unchanged)}.";

    public static string DelimiterName(IStringLocalizer t, char? delimiter) => delimiter switch
    {
        null => "–",
        ';' => t["Import.Delimiter.Semicolon"],
        ',' => t["Import.Delimiter.Comma"],
        '\t' => t["Import.Delimiter.Tab"],
        { } c => $"\"{c}\"",
    };
}
