using System.Text.Json;
using System.Text.Json.Nodes;
using Masten.Core.History;
using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masten.Data.History;

/// <summary>
/// One change as the history views and the API show it: who, when, what, and each field's value
/// before and after (<see cref="Changes"/>, only the changed fields for an update). <see cref="Before"/>
/// and <see cref="After"/> are the whole stored snapshots, enum values written as their names.
/// </summary>
public sealed record HistoryEntry(long Id, string EntityType, int EntityId, string? EntityTitle, ChangeAction Action, string ChangedBy, DateTime ChangedAt,
    IReadOnlyList<FieldChange> Changes, JsonObject? Before, JsonObject? After);

/// <summary>
/// The read side of the audit log. Change records are only ever read here: they are written by
/// <see cref="MastenDbContext"/> on save, and nothing in Masten updates or deletes them.
/// Each read is two queries (a count and one page of rows); diffs are computed from the page in memory.
/// </summary>
public static class HistoryReads
{
    public const int PageSize = 50;

    private sealed record Row(long Id, string EntityType, int EntityId, string Action, string? Before, string? After, string ChangedBy, DateTime ChangedAt);

    /// <summary>The names of the record types that get change records (<c>Actor</c>, <c>Mission</c>, ...), in ordinal order.</summary>
    public static IReadOnlyList<string> EntityTypes(this MastenDbContext db) =>
        [.. RecordedTypes(db.Model).Select(t => t.ClrType.Name).Order(StringComparer.Ordinal)];

    /// <summary>The known spelling of an entity type name given in any case, or null when Masten has no such records.</summary>
    public static string? EntityTypeNamed(this MastenDbContext db, string name) =>
        db.EntityTypes().FirstOrDefault(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entity types that have at least one change record, for the filter's choices.</summary>
    public static Task<List<string>> TypesInLogAsync(this MastenDbContext db, CancellationToken ct) =>
        db.ChangeRecords.AsNoTracking().Select(c => c.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    /// <summary>Every change of one record, newest first, one page of <see cref="PageSize"/>.</summary>
    public static Task<Page<HistoryEntry>> EntityHistoryAsync(this MastenDbContext db, string entityType, int entityId, int page, CancellationToken ct) =>
        ReadAsync(db, db.ChangeRecords.Where(c => c.EntityType == entityType && c.EntityId == entityId), page, ct);

    /// <summary>The changes that match <paramref name="filter"/>, newest first, one page of <see cref="PageSize"/>.</summary>
    public static Task<Page<HistoryEntry>> AuditAsync(this MastenDbContext db, AuditFilter filter, int page, CancellationToken ct) =>
        ReadAsync(db, db.ChangeRecords.Filter(filter), page, ct);

    public static IQueryable<ChangeRecord> Filter(this IQueryable<ChangeRecord> records, AuditFilter filter)
    {
        if (filter.Person is { } person)
        {
            // Contains, ignoring case, on both SQLite and PostgreSQL; \ escapes % and _.
            var pattern = "%" + person.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            records = records.Where(c => EF.Functions.Like(c.ChangedBy.ToLower(), pattern, "\\"));
        }
        if (filter.EntityType is { } type)
            records = records.Where(c => c.EntityType == type);
        if (filter.EntityId is { } id)
            records = records.Where(c => c.EntityId == id);
        // Dates are whole UTC days, both ends included: from 00:00 on From to before 00:00 the day after To.
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            records = records.Where(c => c.ChangedAt >= start);
        }
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            records = records.Where(c => c.ChangedAt < end);
        }
        if (filter.Action is { } action)
        {
            var name = action.ToString();
            records = records.Where(c => c.Action == name);
        }
        return records;
    }

    private static async Task<Page<HistoryEntry>> ReadAsync(MastenDbContext db, IQueryable<ChangeRecord> records, int page, CancellationToken ct)
    {
        var rows = await records.AsNoTracking()
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new Row(c.Id, c.EntityType, c.EntityId, c.Action, c.Before, c.After, c.ChangedBy, c.ChangedAt))
            .ToPageAsync(page, PageSize, ct);
        var types = RecordedTypes(db.Model).ToDictionary(t => t.ClrType.Name, StringComparer.Ordinal);
        var entries = rows.Items.Select(r =>
        {
            var type = types.GetValueOrDefault(r.EntityType);
            var before = Readable(r.Before, type);
            var after = Readable(r.After, type);
            var beforeJson = before?.ToJsonString();
            var afterJson = after?.ToJsonString();
            return new HistoryEntry(r.Id, r.EntityType, r.EntityId, SnapshotDiff.Title(afterJson ?? beforeJson),
                Enum.TryParse<ChangeAction>(r.Action, out var action) ? action : ChangeAction.Updated,
                r.ChangedBy, r.ChangedAt, SnapshotDiff.Compare(beforeJson, afterJson), before, after);
        }).ToList();
        return new Page<HistoryEntry>(entries, rows.PageNumber, rows.PageSize, rows.TotalCount);
    }

    private static IEnumerable<IEntityType> RecordedTypes(IModel model) =>
        model.GetEntityTypes().Where(t => !t.IsOwned() && !MastenDbContext.Unaudited.Contains(t.ClrType) && t.ClrType != typeof(Masten.Core.Missions.IndicatorTarget)
            && t.ClrType != typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey) && !t.ClrType.Name.StartsWith("IdentityUser", StringComparison.Ordinal)
            && t.FindProperty("Id") is not null && !t.HasSharedClrType);

    /// <summary>
    /// A stored snapshot with enum values as their names: snapshots hold the CLR values, which
    /// serialize enums as numbers (<c>"Type": 3</c>), and a number says nothing to a reader.
    /// </summary>
    private static JsonObject? Readable(string? snapshot, IEntityType? type)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
            return null;
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(snapshot) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }
        json ??= new JsonObject { ["Snapshot"] = snapshot };
        if (type is null)
            return json;
        foreach (var property in type.GetProperties())
        {
            var enumType = EnumOf(property.ClrType);
            if (enumType is null || json[property.Name] is not { } node)
                continue;
            json[property.Name] = node switch
            {
                JsonArray array => new JsonArray([.. array.Select(item => (JsonNode?)JsonValue.Create(Name(enumType, item)))]),
                _ => JsonValue.Create(Name(enumType, node)),
            };
        }
        return json;
    }

    private static string? Name(Type enumType, JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number)
            ? Enum.GetName(enumType, Enum.ToObject(enumType, number)) ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : node?.ToString();

    private static Type? EnumOf(Type clrType)
    {
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (type.IsEnum)
            return type;
        var element = type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments().FirstOrDefault() : null;
        element = element is null ? null : Nullable.GetUnderlyingType(element) ?? element;
        return element is { IsEnum: true } ? element : null;
    }
}
