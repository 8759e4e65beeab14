using System.Globalization;
using Masten.Core.Portfolio;
using Masten.Data.Portfolio;
using Masten.Web.Components.Common;

namespace Masten.Web.Portfolio;

/// <summary>The hypothesis form of <see cref="HypothesisEdit"/>, as typed.</summary>
public sealed class HypothesisForm
{
    public string? Belief { get; set; }
    public string? Test { get; set; }
    public string? Result { get; set; }
    public string? Learning { get; set; }
    public string? OpenedOn { get; set; }
    public string? Version { get; set; }

    public static HypothesisForm From(HypothesisDto hypothesis) => new()
    {
        Belief = hypothesis.Belief,
        Test = hypothesis.Test,
        Result = hypothesis.Result.ToString(),
        Learning = hypothesis.Learning,
        OpenedOn = Format.Date(hypothesis.OpenedOn),
        Version = hypothesis.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The input for the store, with the reasons it cannot be saved in <paramref name="errors"/>: built even then, so the page can check the rest of the rules.</summary>
    public HypothesisInput ToInput(FormErrors errors, bool isNew)
    {
        var result = errors.Enum<HypothesisResult>("result", Result);
        var opened = errors.Date("openedOn", OpenedOn, required: false);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        return new HypothesisInput(Belief, Test, result ?? default, Learning, opened, version);
    }
}
