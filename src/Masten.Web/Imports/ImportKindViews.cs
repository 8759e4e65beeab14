using Masten.Core.Imports;

namespace Masten.Web.Imports;

/// <summary>
/// How the Importera page shows one <see cref="ImportKind"/>: its help (how to write the file, a component without
/// parameters) and its rows in the preview (a component with the parameter <c>Preview</c>; <see cref="ImportItemRows"/>
/// shows <see cref="Masten.Data.Imports.ImportPreview.Items"/>). Its name in the kind list is the text <c>Import.Kind.{Kind}</c>.
/// </summary>
public sealed record ImportKindView(ImportKind Kind, Type Help, Type Rows);

/// <summary>The kinds the Importera page offers, in the order it lists them: one line per kind.</summary>
public static class ImportKindViews
{
    public static IReadOnlyList<ImportKindView> All { get; } =
    [
        new(ImportKind.Observations, typeof(ObservationImportHelp), typeof(ObservationPreviewRows)),
        new(ImportKind.Actors, typeof(ActorImportHelp), typeof(ImportItemRows)),
        new(ImportKind.Initiatives, typeof(InitiativeImportHelp), typeof(ImportItemRows)),
        new(ImportKind.Participants, typeof(Journeys.ParticipantImportHelp), typeof(ImportItemRows)),
        new(ImportKind.Commitments, typeof(CommitmentImportHelp), typeof(ImportItemRows)),
        new(ImportKind.Roadmap, typeof(RoadmapImportHelp), typeof(ImportItemRows)),
    ];

    /// <summary>The view of a kind; the wide observation layout is shown as observations.</summary>
    public static ImportKindView For(ImportKind kind) =>
        All.FirstOrDefault(v => v.Kind == (kind == ImportKind.ObservationsWide ? ImportKind.Observations : kind))
        ?? new ImportKindView(kind, typeof(ObservationImportHelp), typeof(ImportItemRows));
}
