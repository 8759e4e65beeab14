using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Missions;

namespace Masten.Core.Reports;

/// <summary>What a yearly report may be frozen from: a published mission, a title, a date from the baseline year up to today.</summary>
public static class ReportRules
{
    /// <summary>Throws a <see cref="DomainException"/> naming every broken rule; nothing is stored then.</summary>
    public static void Validate(ReportInput input, MissionStatus missionStatus, int baselineYear, DateOnly today)
    {
        var rules = new Rules()
            .RequiredText("title", input.Title)
            .OptionalText("summary", input.Summary)
            .Date("asOf", input.AsOf);
        if (missionStatus == MissionStatus.Draft)
            rules.Add("missionId", "ReportOfDraft", "is a draft: publish the mission before freezing a report of it.");
        var baseline = new DateOnly(Math.Clamp(baselineYear, 1, 9999), 1, 1);
        if (!rules.HasErrorFor("asOf") && input.AsOf < baseline)
            rules.Add("asOf", "ReportBeforeBaseline", $"must be on or after the start of the mission's baseline year ({baselineYear}).", baselineYear);
        if (!rules.HasErrorFor("asOf") && input.AsOf > today)
            rules.Add("asOf", "ReportInFuture", $"must be today ({today:yyyy-MM-dd}) or earlier: a report freezes what is known.", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        rules.ThrowIfAny();
    }
}
