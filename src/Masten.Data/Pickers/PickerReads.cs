using Masten.Data.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Pickers;

/// <summary>
/// One thing a form can choose: an actor, a goal or an initiative, with a label and an optional detail
/// (an actor's organisation number, an initiative's lead). A class with init properties, not a
/// positional record, so that EF can filter and order on <see cref="Label"/> after the projection.
/// </summary>
public sealed class PickItem
{
    public int Id { get; init; }
    public string Label { get; init; } = "";
    public string? Detail { get; init; }
}

/// <summary>
/// The search contract of a picker: each source is a query of <see cref="PickItem"/> over one kind
/// (actors of the register, members of a mission or programme, goals or initiatives of a mission);
/// <see cref="SearchAsync"/> filters it by text and reads one page in SQL, never the whole register.
/// </summary>
public static class PickerReads
{
    /// <summary>Matches shown per page of a picker.</summary>
    public const int PageSize = 20;

    /// <summary>
    /// A <c>LIKE</c> pattern for text containing <paramref name="q"/>, lower-cased, with <c>\</c> escaping
    /// <c>%</c> and <c>_</c>. Compared with lower-cased columns it is case-insensitive on SQLite and PostgreSQL.
    /// </summary>
    public static string ContainsPattern(string q) => Escape(q.Trim().ToLowerInvariant());

    /// <summary>
    /// The same pattern with letters outside ASCII in upper case: SQLite's <c>lower()</c> (and PostgreSQL's
    /// under the C locale) lower-cases only ASCII, so "åstad" must also be tried as "Åstad" to find "Åstads kommun".
    /// </summary>
    public static string UpperNonAsciiPattern(string q) =>
        Escape(string.Concat(q.Trim().ToLowerInvariant().Select(c => c > 127 ? char.ToUpperInvariant(c) : c)));

    private static string Escape(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public static IQueryable<PickItem> ToPickItems(this IQueryable<Core.Actors.Actor> actors) =>
        actors.AsNoTracking().Select(a => new PickItem { Id = a.Id, Label = a.Name, Detail = a.OrganisationNumber });

    /// <summary>Every actor of the register.</summary>
    public static IQueryable<PickItem> ActorItems(this MastenDbContext db) => db.Actors.ToPickItems();

    /// <summary>The actors that are members of a mission, once each.</summary>
    public static IQueryable<PickItem> MemberItems(this MastenDbContext db, int missionId) =>
        db.Actors.Where(a => db.Memberships.Any(m => m.MissionId == missionId && m.ActorId == a.Id)).ToPickItems();

    /// <summary>The actors that are members of any mission of a programme, once each.</summary>
    public static IQueryable<PickItem> ProgrammeMemberItems(this MastenDbContext db, int programmeId) =>
        db.Actors.Where(a => db.Memberships.Any(m => m.ActorId == a.Id && db.Missions.Any(x => x.Id == m.MissionId && x.ProgrammeId == programmeId))).ToPickItems();

    /// <summary>The initiatives of a mission, with the name of their lead actor.</summary>
    public static IQueryable<PickItem> InitiativeItems(this MastenDbContext db, int missionId) =>
        db.Initiatives.AsNoTracking().Where(i => i.MissionId == missionId).Select(i => new PickItem { Id = i.Id, Label = i.Title, Detail = i.LeadActor!.Name });

    /// <summary>Goals whose title contains <paramref name="q"/> (all when blank): the API's search of a mission's goals.</summary>
    public static IQueryable<Core.Missions.Goal> TitleContains(this IQueryable<Core.Missions.Goal> goals, string? q) =>
        string.IsNullOrWhiteSpace(q) ? goals : goals.Where(g => EF.Functions.Like(g.Title.ToLower(), ContainsPattern(q), "\\") || EF.Functions.Like(g.Title.ToLower(), UpperNonAsciiPattern(q), "\\"));

    /// <summary>Initiatives whose title contains <paramref name="q"/> (all when blank): the API's search of a mission's portfolio.</summary>
    public static IQueryable<Core.Portfolio.Initiative> TitleContains(this IQueryable<Core.Portfolio.Initiative> initiatives, string? q) =>
        string.IsNullOrWhiteSpace(q) ? initiatives : initiatives.Where(i => EF.Functions.Like(i.Title.ToLower(), ContainsPattern(q), "\\") || EF.Functions.Like(i.Title.ToLower(), UpperNonAsciiPattern(q), "\\"));

    /// <summary>Items whose label or detail contains <paramref name="q"/> (all when blank), by label.</summary>
    public static IQueryable<PickItem> Matching(this IQueryable<PickItem> items, string? q)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = ContainsPattern(q);
            var upper = UpperNonAsciiPattern(q);
            items = items.Where(i => EF.Functions.Like(i.Label.ToLower(), pattern, "\\") || EF.Functions.Like(i.Label.ToLower(), upper, "\\")
                || (i.Detail != null && EF.Functions.Like(i.Detail.ToLower(), pattern, "\\")));
        }
        return items.OrderBy(i => i.Label).ThenBy(i => i.Id);
    }

    /// <summary>One page of the items matching <paramref name="q"/>, leaving out <paramref name="except"/> (those already chosen).</summary>
    public static Task<Page<PickItem>> SearchAsync(this IQueryable<PickItem> items, string? q, int page, IReadOnlyCollection<int> except, CancellationToken ct = default) =>
        (except.Count == 0 ? items : items.Where(i => !except.Contains(i.Id))).Matching(q).ToPageAsync(page, PageSize, ct);

    /// <summary>The items with these ids, by label: the labels of what a form has chosen.</summary>
    public static async Task<List<PickItem>> ByIdsAsync(this IQueryable<PickItem> items, IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        ids.Count == 0 ? [] : await items.Where(i => ids.Contains(i.Id)).OrderBy(i => i.Label).ThenBy(i => i.Id).ToListAsync(ct);
}
