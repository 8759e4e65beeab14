using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Missions;
using Masten.Data.Missions;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>The mission form of <see cref="MissionEdit"/>, as typed.</summary>
public sealed class MissionForm : IRevisionForm
{
    public string? Title { get; set; }
    public string? Statement { get; set; }
    public string? BaselineYear { get; set; }
    public string? HorizonYear { get; set; }
    public string? Status { get; set; } = nameof(MissionStatus.Draft);
    public string? RollupRule { get; set; } = nameof(Masten.Core.Missions.RollupRule.WeakestLink);
    public string? Language { get; set; } = "sv";
    public string? LixTarget { get; set; } = "40";
    public string? StaleAfterDays { get; set; } = "90";
    public string? Version { get; set; }
    public string? Reason { get; set; }
    public string? ReviewId { get; set; }
    public string? ValidFrom { get; set; }

    public static MissionForm From(MissionDto mission) => new()
    {
        Title = mission.Title,
        Statement = mission.Statement,
        BaselineYear = mission.BaselineYear.ToString(CultureInfo.InvariantCulture),
        HorizonYear = mission.HorizonYear.ToString(CultureInfo.InvariantCulture),
        Status = mission.Status.ToString(),
        RollupRule = mission.RollupRule.ToString(),
        Language = mission.Language,
        LixTarget = Format.Input(mission.LixTarget),
        StaleAfterDays = mission.StaleAfterDays.ToString(CultureInfo.InvariantCulture),
        Version = mission.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The input for the store, with the reasons it cannot be saved in <paramref name="errors"/>: built even then, so the
    /// page can check the rest of the rules too. A draft's status changes only by publishing; a saved mission needs its version.
    /// </summary>
    public MissionInput ToInput(FormErrors errors, int programmeId, bool isNew, bool isDraft)
    {
        var baseline = errors.WholeNumber("baselineYear", BaselineYear);
        var horizon = errors.WholeNumber("horizonYear", HorizonYear);
        var status = errors.Enum<MissionStatus>("status", Status);
        if (isDraft && status is not null and not MissionStatus.Draft)
            errors.Add(new FieldError("status", "PublishWithPublicera", "changes from draft only with the Publish button (Publicera)."));
        var rule = errors.Enum<RollupRule>("rollupRule", RollupRule);
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var lixTarget = errors.Number("lixTarget", LixTarget, required: false) ?? Masten.Core.Readability.GlossaryRules.DefaultLixTarget;
        var staleAfterDays = errors.WholeNumber("staleAfterDays", StaleAfterDays, required: false) ?? 90;
        var revision = this.Parse(errors);
        return new MissionInput(programmeId, Title, Statement, baseline ?? 0, horizon ?? 0, status ?? default, rule ?? default, version, Language, lixTarget,
            staleAfterDays, revision.Reason, revision.ReviewId, revision.ValidFrom);
    }
}
