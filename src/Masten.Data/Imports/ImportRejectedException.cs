namespace Masten.Data.Imports;

/// <summary>Thrown when an apply finds errors: nothing was stored, the preview lists them.</summary>
public sealed class ImportRejectedException(ImportPreview preview) : Exception($"The import has {preview.ErrorCount} errors; nothing was stored.")
{
    public ImportPreview Preview { get; } = preview;
}
