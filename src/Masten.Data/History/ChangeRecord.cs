namespace Masten.Data.History;

/// <summary>
/// One stored change: which record, what it looked like before and after (JSON of its scalar
/// properties), who made it and when. Written by <see cref="MastenDbContext"/> on every save;
/// there is no code path that updates or deletes a change record.
/// </summary>
public class ChangeRecord
{
    public long Id { get; set; }
    /// <summary>The entity's type name, e.g. <c>Mission</c>.</summary>
    public string EntityType { get; set; } = "";
    public int EntityId { get; set; }
    /// <summary>Created, Updated or Deleted.</summary>
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
}
