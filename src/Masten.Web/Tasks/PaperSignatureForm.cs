using System.Globalization;
using Masten.Core.Tasks;
using Masten.Web.Components.Common;

namespace Masten.Web.Tasks;

/// <summary>The posted strings of the paper-signature form (<c>PaperSignature</c>) and their parsing into a <see cref="PaperSignatureInput"/>.</summary>
public sealed class PaperSignatureForm
{
    public string? Signatory { get; set; }
    public string? SignedOn { get; set; }
    public string? Version { get; set; }

    public static PaperSignatureForm New(int version) => new() { Version = version.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The input, or null with field-named errors (a date or version that does not parse).</summary>
    public PaperSignatureInput? ToInput(FormErrors errors)
    {
        var signedOn = errors.Date("signedOn", SignedOn, required: false);
        var version = errors.WholeNumber("version", Version, required: false);
        return errors.Any ? null : new PaperSignatureInput(Signatory, signedOn, version);
    }
}
