using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;
using Masten.Web.Components.Common;

namespace Masten.Web.Missions;

/// <summary>How the roadmap pages show a changed field and its values.</summary>
public static class RoadmapText
{
    public static string Label(Microsoft.Extensions.Localization.IStringLocalizer t, RoadmapFieldChange change) =>
        change.Field == "target" && change.TargetDate is { } date ? t["Roadmap.TargetOn", Format.Date(date)] : t[$"Field.{change.Field}"];

    /// <summary>A value as the page shows it; goal ids become goal titles (<paramref name="goalTitles"/>), a missing parent reads "directly under the mission".</summary>
    public static string Value(Microsoft.Extensions.Localization.IStringLocalizer t, string field, object? value, IReadOnlyDictionary<int, string> goalTitles) => value switch
    {
        null when field == "parentId" => t["Goal.NoParent"],
        null => "–",
        int id when field is "parentId" or "goalId" => goalTitles.TryGetValue(id, out var title) ? title : $"#{id}",
        double d => Format.Number(d),
        DateOnly date => Format.Date(date),
        Direction direction => t[$"Enum.Direction.{direction}"],
        PathwayShape shape => t[$"Enum.PathwayShape.{shape}"],
        _ => Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture) ?? "",
    };
}
