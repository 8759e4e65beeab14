using Masten.Core.Imports;
using Masten.Data.Imports;

namespace Masten.Web.Imports;

/// <summary>The upload form of <see cref="ImportPage"/>: a file (read from the request) or a pasted table, and how to read it.</summary>
public sealed class UploadForm
{
    /// <summary>What the file holds, by its name in <see cref="ImportCatalog"/>; empty or unknown means observations.</summary>
    public string? Kind { get; set; } = "observations";
    public string? Paste { get; set; }
    public string? Format { get; set; }
    public string? Delimiter { get; set; }
    public string? Encoding { get; set; }
    public string? Layout { get; set; }

    public ImportKind ImportKind => ImportCatalog.Parse(Kind) ?? ImportKind.Observations;

    /// <summary>How to read the file; a setting left at "detect" (or not one of the choices) is null. Pasted text is UTF-8.</summary>
    public ImportFileSettings Settings(bool pasted)
    {
        ImportFormat? format = Format switch { "csv" => ImportFormat.Csv, "xlsx" => ImportFormat.Xlsx, "text" => ImportFormat.Text, _ => null };
        char? delimiter = Delimiter switch { ";" => ';', "," => ',', "tab" => '\t', _ => null };
        var encoding = Encoding is "utf-8" or "windows-1252" ? Encoding : null;
        ImportLayout? layout = Layout switch { "long" => ImportLayout.Long, "wide" => ImportLayout.Wide, _ => null };
        // A table pasted from Excel is tab-separated text; a pasted CSV says its delimiter through the settings.
        return pasted
            ? new ImportFileSettings(format ?? ImportFormat.Text, delimiter, "utf-8", layout)
            : new ImportFileSettings(format, delimiter, encoding, layout);
    }
}

/// <summary>The apply form of <see cref="ImportPage"/>: the previewed import to apply, its kind, and for a roadmap the revision (reason, review, date).</summary>
public sealed class ApplyImportForm : Masten.Web.Missions.IRevisionForm
{
    public int? ImportId { get; set; }
    /// <summary>The kind of the previewed import, by its name in <see cref="ImportCatalog"/>.</summary>
    public string? Kind { get; set; }
    /// <summary>Why the roadmap changes: a roadmap import into a mission past draft is one revision.</summary>
    public string? Reason { get; set; }
    /// <summary>The review the revision rests on, as chosen (one of the mission's, or empty).</summary>
    public string? ReviewId { get; set; }
    /// <summary>The date the revision applies from, as typed (empty: today).</summary>
    public string? ValidFrom { get; set; }
}
