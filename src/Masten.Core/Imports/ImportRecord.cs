namespace Masten.Core.Imports;

/// <summary>Where an import stands: previewed and kept for applying later, or applied.</summary>
public enum ImportStatus
{
    Previewed,
    Applied,
}

/// <summary>
/// One import into a mission, kept in its history with the original file: who, when, what was read and what it did.
/// An applied import is the cause of every change it made: their change records say "import #Id by …".
/// </summary>
public class ImportRecord
{
    public int Id { get; set; }
    public int MissionId { get; set; }
    public ImportKind Kind { get; set; }
    public ImportStatus Status { get; set; }
    public string FileName { get; set; } = "";
    public ImportFormat Format { get; set; }
    /// <summary>The text encoding read (CSV and text), e.g. <c>utf-8</c> or <c>windows-1252</c>.</summary>
    public string? Encoding { get; set; }
    /// <summary>The delimiter read (CSV and text), as one character.</summary>
    public string? Delimiter { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the file, in hex.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>The original file. Never loaded with the history list; written apart from the change tracker.</summary>
    public byte[]? Content { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? AppliedAt { get; set; }
    public long Rows { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
}
