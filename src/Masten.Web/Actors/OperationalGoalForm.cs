using System.Globalization;
using Masten.Core.Actors;
using Masten.Data.Actors;
using Masten.Web.Components.Common;

namespace Masten.Web.Actors;

/// <summary>The posted strings of an actor's operational goal (<c>OperationalGoalEdit</c>) and their parsing into an <see cref="OperationalGoalInput"/>.</summary>
public sealed class OperationalGoalForm
{
    /// <summary>Empty relation rows offered beyond the ones filled in; rows without a goal are ignored.</summary>
    private const int SpareRows = 3;

    public string? Title { get; set; }
    public string? Owner { get; set; }
    public string? Version { get; set; }
    public List<RelationRow> Relations { get; set; } = [];

    public static OperationalGoalForm From(OperationalGoalDto dto) => new()
    {
        Title = dto.Title,
        Owner = dto.Owner,
        Version = dto.Version.ToString(CultureInfo.InvariantCulture),
        Relations = dto.Relations.Select(r => new RelationRow
        {
            GoalId = r.GoalId.ToString(CultureInfo.InvariantCulture),
            Kind = r.Kind.ToString(),
            Explanation = r.Explanation,
        }).ToList(),
    };

    /// <summary>Tops the relation rows up to <see cref="SpareRows"/> blank ones.</summary>
    public void AddSpareRows()
    {
        for (var i = Relations.Count(r => r.IsBlank); i < SpareRows; i++)
            Relations.Add(new RelationRow());
    }

    /// <summary>The input, or null with field-named errors; the version is required when <paramref name="isNew"/> is false.</summary>
    public OperationalGoalInput? ToInput(FormErrors errors, int actorId, bool isNew)
    {
        var version = errors.WholeNumber("version", Version, required: !isNew);
        var relations = RelationInputs(errors);
        return errors.Any ? null : new OperationalGoalInput(actorId, Title, Owner, relations, version);
    }

    /// <summary>The relations filled in; rows without a goal are skipped, and <see cref="FormErrors.Rows"/> remembers the row of each.</summary>
    private List<GoalRelationInput> RelationInputs(FormErrors errors)
    {
        var rows = errors.Rows("relations");
        var relations = new List<GoalRelationInput>();
        for (var row = 0; row < Relations.Count; row++)
        {
            var r = Relations[row];
            if (r.IsBlank)
                continue;
            var goalId = errors.WholeNumber(rows.Field(row, "goalId"), r.GoalId);
            var kind = errors.Enum<GoalRelationKind>(rows.Field(row, "kind"), r.Kind);
            if (goalId is not null && kind is not null)
            {
                relations.Add(new GoalRelationInput(goalId.Value, kind.Value, r.Explanation));
                rows.Keep(row);
            }
        }
        return relations;
    }
}

/// <summary>One row of the operational goal's relations: a mission goal, how the operational goal relates to it, and why.</summary>
public sealed class RelationRow
{
    public string? GoalId { get; set; }
    public string? Kind { get; set; } = nameof(GoalRelationKind.Supports);
    public string? Explanation { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(GoalId);
}
