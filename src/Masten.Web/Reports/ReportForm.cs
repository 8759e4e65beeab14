using Masten.Core.Common;
using Masten.Core.Reports;
using Masten.Web.Components.Common;

namespace Masten.Web.Reports;

/// <summary>The posted strings of the form that freezes a report (<c>ReportNew</c>) and their parsing into a <see cref="ReportInput"/>.</summary>
public sealed class ReportForm
{
    public string? Title { get; set; }
    public string? AsOf { get; set; }
    public string? Summary { get; set; }

    /// <summary>The input, or null with field-named errors; the title's other rules are the store's to check.</summary>
    public ReportInput? ToInput(FormErrors errors)
    {
        var asOf = errors.Date("asOf", AsOf);
        if (asOf is null && Rules.IsBlank(Title))
            errors.Add(new FieldError("title", "Required", "is required."));
        return errors.Any ? null : new ReportInput(Title, asOf!.Value, Summary);
    }
}
