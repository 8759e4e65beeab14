using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Journeys;
using Masten.Data;
using Masten.Data.Journeys;
using Masten.Web.Components.Common;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Journeys;

/// <summary>The journey as posted: its rows in order, the kept ones first and the removed ones after.</summary>
public sealed class JourneyForm
{
    public List<StepRow> Steps { get; set; } = [];
    /// <summary>The <see cref="StepRow.Key"/> of the step that counts as started.</summary>
    public string? Started { get; set; }
    public string? StallAfterDays { get; set; } = "90";
    public string? StartedIndicatorId { get; set; }
    public string? Reason { get; set; }
    public string? Version { get; set; }
    /// <summary>Which button was pressed: save, add, order, up:i, down:i, remove:i or restore:i.</summary>
    public string? Action { get; set; }

    public static async Task<JourneyForm> FromAsync(MastenDbContext db, int missionId, JourneyDto? journey)
    {
        if (journey is null)
            return new JourneyForm { Steps = [new StepRow { Key = "n1" }], Started = "n1" };
        var indicator = await db.Journeys.Where(j => j.MissionId == missionId).Select(j => j.StartedIndicatorId).FirstOrDefaultAsync();
        return new JourneyForm
        {
            Steps = journey.Steps.Select(s => new StepRow
            {
                Key = $"s{s.Id}",
                Id = s.Id.ToString(CultureInfo.InvariantCulture),
                Name = s.Name,
                Description = s.Description,
                Evidence = s.Evidence,
                NeedsConfirmation = s.NeedsConfirmation,
            }).ToList(),
            Started = journey.Steps.FirstOrDefault(s => s.IsStarted) is { } started ? $"s{started.Id}" : null,
            StallAfterDays = journey.StallAfterDays.ToString(CultureInfo.InvariantCulture),
            StartedIndicatorId = indicator?.ToString(CultureInfo.InvariantCulture),
            Version = journey.Version.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>For each move of the last <see cref="ToInput"/>, the removed row it came from.</summary>
    private readonly List<int> moveRows = [];

    private List<StepRow> Kept => Steps.Where(s => !s.Removed).ToList();
    private List<StepRow> Removed => Steps.Where(s => s.Removed).ToList();

    /// <summary>
    /// The journey to store, or null with the reasons in <paramref name="errors"/>: the rows in the order of their
    /// position numbers, and for each removed step the step its events move to.
    /// </summary>
    public JourneyInput? ToInput(FormErrors errors)
    {
        SortByPosition(errors);
        if (!errors.Any)
            Normalise();
        var stall = errors.WholeNumber("stallAfterDays", StallAfterDays);
        var indicator = errors.WholeNumber("startedIndicatorId", StartedIndicatorId, required: false);
        var version = errors.WholeNumber("version", Version, required: false);
        if (errors.Any)
            return null;
        var removed = Removed;
        var moves = new List<StepMove>();
        moveRows.Clear();
        for (var r = 0; r < removed.Count; r++)
        {
            if (int.TryParse(removed[r].Id, CultureInfo.InvariantCulture, out var from) && int.TryParse(removed[r].MoveTo, CultureInfo.InvariantCulture, out var to))
            {
                moves.Add(new StepMove(from, to));
                moveRows.Add(r);
            }
        }
        return new JourneyInput(
            Kept.Select(s => new StepInput(int.TryParse(s.Id, CultureInfo.InvariantCulture, out var id) ? id : null, s.Name, s.Description, s.Evidence, s.NeedsConfirmation, s.Key == Started)).ToList(),
            stall!.Value, Reason, moves, version, indicator);
    }

    /// <summary>An error of the save on the field of the form it belongs to: a move is shown with the removed step it belongs to.</summary>
    public FieldError ToFormField(FieldError error) => error.Field switch
    {
        var m when m.StartsWith("moves[", StringComparison.Ordinal) && int.TryParse(m[6..m.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture, out var j) && j < moveRows.Count
            => error with { Field = $"removed[{moveRows[j]}].moveTo" },
        "moves" when error.Args.Count > 0 && error.Args[0] is { } arg && Removed.FindIndex(r => r.Id == Convert.ToString(arg, CultureInfo.InvariantCulture)) is var r and >= 0
            => error with { Field = $"removed[{r}].moveTo" },
        _ => error,
    };

    /// <summary>Kept rows first, removed after; every row has a key, and positions read 1, 2, 3 … in order.</summary>
    public void Normalise()
    {
        Steps = [.. Steps.Where(s => !s.Removed), .. Steps.Where(s => s.Removed && s.Id is not null)];
        var next = 1 + Steps.Select(s => s.Key is ['n', .. var n] && int.TryParse(n, CultureInfo.InvariantCulture, out var k) ? k : 0).DefaultIfEmpty(0).Max();
        var position = 1;
        foreach (var s in Steps)
        {
            s.Key ??= s.Id is not null ? $"s{s.Id}" : $"n{next++}";
            if (!s.Removed)
                s.Position = (position++).ToString(CultureInfo.InvariantCulture);
        }
        Action = null;
    }

    public void Apply(string action, FormErrors errors)
    {
        var kept = Steps.Where(s => !s.Removed).ToList();
        var parts = action.Split(':');
        var at = parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var i) && i >= 0 && i < Steps.Count ? i : -1;
        switch (parts[0])
        {
            case "add" when kept.Count < JourneyRules.MaxSteps:
                Steps.Insert(kept.Count, new StepRow());
                break;
            case "order":
                SortByPosition(errors);
                break;
            case "up" when at > 0 && at < kept.Count:
                (Steps[at - 1], Steps[at]) = (Steps[at], Steps[at - 1]);
                break;
            case "down" when at >= 0 && at + 1 < kept.Count:
                (Steps[at + 1], Steps[at]) = (Steps[at], Steps[at + 1]);
                break;
            case "remove" when at >= 0 && at < kept.Count:
                var row = Steps[at];
                Steps.RemoveAt(at);
                if (row.Id is not null)
                {
                    row.Removed = true;
                    Steps.Add(row);
                }
                if (row.Key == Started)
                    Started = null;
                break;
            case "restore" when at >= kept.Count:
                var back = Steps[at];
                Steps.RemoveAt(at);
                back.Removed = false;
                back.MoveTo = null;
                Steps.Insert(kept.Count, back);
                break;
        }
        if (!errors.Any)
            Normalise();
    }

    /// <summary>Orders the kept rows by their position numbers; a tie keeps the earlier row first.</summary>
    public void SortByPosition(FormErrors errors)
    {
        var kept = Steps.Where(s => !s.Removed).ToList();
        var positions = new int[kept.Count];
        for (var k = 0; k < kept.Count; k++)
            positions[k] = errors.WholeNumber($"steps[{k}].position", kept[k].Position) ?? k + 1;
        if (errors.Any)
            return;
        var ordered = kept.Select((row, k) => (row, k)).OrderBy(x => positions[x.k]).ThenBy(x => x.k).Select(x => x.row);
        Steps = [.. ordered, .. Steps.Where(s => s.Removed)];
    }
}

public sealed class StepRow
{
    /// <summary>Names the row across posts: <c>s12</c> for step 12, <c>n3</c> for a new one.</summary>
    public string? Key { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Evidence { get; set; }
    public bool NeedsConfirmation { get; set; }
    public string? Position { get; set; }
    public bool Removed { get; set; }
    /// <summary>For a removed step: the id of the step its events go to.</summary>
    public string? MoveTo { get; set; }
}
