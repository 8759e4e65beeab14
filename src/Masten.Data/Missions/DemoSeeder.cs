using Masten.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Missions;

/// <summary>
/// The example programme a newcomer sees on first start: one Swedish mission for 2035 with goals,
/// indicators in different units and directions, several years of observations and one correction.
/// The mission is built as a draft and then made active, which records roadmap version 1; after the
/// example review a raised target is revised with a reason citing that review (version 2).
/// Everything goes through <see cref="MissionStore"/>, so the example obeys the same rules as user data.
/// </summary>
public static class DemoSeeder
{
    public const string ProgrammeName = "Exempel: Hållbar mat 2035";
    public const string MissionTitle = "Ett fossilfritt och hälsosamt livsmedelssystem 2035";
    private const string Author = "exempeldata";

    /// <summary>True when the database holds no programme at all.</summary>
    public static async Task<bool> IsEmptyAsync(MastenDbContext db, CancellationToken ct = default) =>
        !await db.Programmes.AnyAsync(ct);

    /// <summary>True when the example programme is already in the database.</summary>
    public static Task<bool> ExistsAsync(MastenDbContext db, CancellationToken ct = default) =>
        db.Programmes.AnyAsync(p => p.Name == ProgrammeName, ct);

    /// <summary>Adds the example programme and returns its mission's id.</summary>
    public static async Task<int> SeedAsync(MastenDbContext db, CancellationToken ct = default)
    {
        // Seeding writes the example for Masten itself, drafts included.
        db.SeeAllMissions();
        var previousAuthor = db.Author;
        db.Author = Author;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var missionId = await SeedCoreAsync(new MissionStore(db), ct);
            await Actors.ActorDemo.SeedAsync(db, missionId, ct);
            await Portfolio.PortfolioDemo.SeedAsync(db, missionId, ct);
            await ReviseRoadmapAsync(new MissionStore(db), missionId, ct);
            await Journeys.JourneyDemo.SeedAsync(db, ct);
            await tx.CommitAsync(ct);
            return missionId;
        }
        finally
        {
            db.Author = previousAuthor;
        }
    }

    private static async Task<int> SeedCoreAsync(MissionStore store, CancellationToken ct)
    {
        var programme = await store.CreateProgrammeAsync(new ProgrammeInput(
            ProgrammeName,
            "Ett påhittat exempel som visar hur Masten fungerar. Ändra det, eller skapa ett eget program.",
            "Programkontoret (exempel)"), ct);

        var mission = await store.CreateMissionAsync(new MissionInput(
            programme.Id,
            MissionTitle,
            "År 2035 produceras maten i Sverige utan fossil energi. Fler äter hälsosamt, mindre mat slängs och skolor, vård och omsorg serverar mer lokal och ekologisk mat.",
            2019, 2035, MissionStatus.Draft, RollupRule.WeakestLink), ct);

        async Task<int> Goal(string title, string description, int? parent = null) =>
            (await store.CreateGoalAsync(new GoalInput(mission.Id, parent, title, description), ct)).Id;

        var fossilFree = await Goal("Fossilfri produktion", "Jordbruk, växthus och transporter av mat använder inte fossil energi.");
        var fuels = await Goal("Fossilfria drivmedel i lantbruket", "Traktorer och andra maskiner går på el, biogas eller biodrivmedel.", fossilFree);
        var health = await Goal("Hälsosamma matvanor", "Fler äter mer grönsaker och mindre rött kött.");
        var waste = await Goal("Mindre matsvinn", "Hushåll och storkök slänger hälften så mycket mat som 2019.");
        var publicFood = await Goal("Lokal och ekologisk mat i offentliga kök", "Skolor, vård och omsorg köper mer ekologisk och lokalt odlad mat.");

        var householdWaste = await SeedIndicatorsAsync(store, fossilFree, fuels, health, waste, publicFood, ct);

        // One value was entered wrong and corrected; the first record stays in the history.
        var wrong = await store.Db.Observations
            .Where(o => o.IndicatorId == householdWaste && o.Date == new DateOnly(2023, 12, 31))
            .Select(o => o.Id).FirstAsync(ct);
        await store.CorrectObservationAsync(wrong, new CorrectionInput(new DateOnly(2023, 12, 31), 76, "Naturvårdsverket (exempel)", null,
            "Fel siffra skrevs in. Rätt värde enligt rapporten är 76."), Author, ct);
        var glossary = new Readability.GlossaryStore(store.Db);
        await glossary.CreateAsync(new Core.Readability.GlossaryInput(mission.Id, "fossil energi", "Energi från kol, olja och fossilgas, som släpper ut koldioxid när den används."), ct);
        await glossary.CreateAsync(new Core.Readability.GlossaryInput(mission.Id, "matsvinn", "Mat som kastas fast den hade kunnat ätas."), ct);
        await glossary.CreateAsync(new Core.Readability.GlossaryInput(mission.Id, "ekologisk", "Odlad utan konstgödsel och kemiska bekämpningsmedel."), ct);

        // The roadmap agreed on when the mission started: version 1.
        // Published as Publicera does it (the same checks), its version 1 dated when the mission started.
        await store.PublishMissionAsync(mission.Id, validFrom: new DateOnly(2020, 1, 1), ct: ct);
        return mission.Id;
    }

    /// <summary>The example's indicators under its five goals, each with its targets and observations; answers the id of household food waste.</summary>
    private static async Task<int> SeedIndicatorsAsync(MissionStore store, int fossilFree, int fuels, int health, int waste, int publicFood, CancellationToken ct)
    {
        var y = (int year) => new DateOnly(year, 12, 31);
        async Task<int> Indicator(int goal, string name, string unit, Direction direction, ReportingFrequency frequency, PathwayShape shape,
            string source, double baseline, (int Year, double Value)[] targets, (DateOnly Date, double Value)[] observations)
        {
            var indicator = await store.CreateIndicatorAsync(new IndicatorInput(goal, name, null, unit, direction, frequency, source,
                y(2019), baseline, targets.Select(t => new TargetInput(y(t.Year), t.Value)).ToArray(), shape), ct);
            foreach (var (date, value) in observations)
                await store.AppendObservationAsync(indicator.Id, new ObservationInput(date, value, source, null), Author, ct);
            return indicator.Id;
        }

        static (DateOnly, double)[] Yearly(params (int Year, double Value)[] values) =>
            values.Select(v => (new DateOnly(v.Year, 12, 31), v.Value)).ToArray();

        await Indicator(fossilFree, "Utsläpp från arbetsmaskiner i jordbruket", "kt CO₂e", Direction.LowerIsBetter, ReportingFrequency.Yearly,
            PathwayShape.ConstantRate, "Naturvårdsverket (exempel)", 1050, [(2030, 500), (2035, 150)],
            Yearly((2020, 1032), (2021, 1010), (2022, 985), (2023, 960), (2024, 941), (2025, 918)));
        await Indicator(fossilFree, "Andel förnybar energi i växthusodling", "%", Direction.HigherIsBetter, ReportingFrequency.Yearly,
            PathwayShape.Linear, "Jordbruksverket (exempel)", 72, [(2030, 90), (2035, 100)],
            Yearly((2020, 74), (2021, 77), (2022, 79), (2023, 82), (2024, 84), (2025, 86)));
        await Indicator(fuels, "Andel fossilfria drivmedel i lantbruket", "%", Direction.HigherIsBetter, ReportingFrequency.Yearly,
            PathwayShape.SCurve, "Energimyndigheten (exempel)", 8, [(2030, 50), (2035, 100)],
            Yearly((2020, 9), (2021, 11), (2022, 12), (2023, 15), (2024, 17), (2025, 19)));
        await Indicator(health, "Vuxna som äter grönsaker varje dag", "% av vuxna", Direction.HigherIsBetter, ReportingFrequency.Yearly,
            PathwayShape.Linear, "Folkhälsomyndigheten (exempel)", 32, [(2030, 42), (2035, 50)],
            Yearly((2020, 33), (2021, 33), (2022, 34), (2023, 34), (2024, 35), (2025, 35)));
        await Indicator(health, "Konsumtion av rött kött och chark", "kg per person och år", Direction.LowerIsBetter, ReportingFrequency.Yearly,
            PathwayShape.Linear, "Jordbruksverket (exempel)", 82, [(2030, 65), (2035, 50)],
            Yearly((2020, 81), (2021, 79), (2022, 78), (2023, 76), (2024, 75), (2025, 74)));
        var householdWaste = await Indicator(waste, "Matsvinn i hushållen", "kg per person och år", Direction.LowerIsBetter, ReportingFrequency.Yearly,
            PathwayShape.ConstantRate, "Naturvårdsverket (exempel)", 81, [(2030, 40)],
            Yearly((2020, 80), (2021, 78), (2022, 77), (2023, 71), (2024, 73), (2025, 70)));
        await Indicator(waste, "Matsvinn i skolmåltider", "gram per portion", Direction.LowerIsBetter, ReportingFrequency.Quarterly,
            PathwayShape.Linear, "Livsmedelsverket (exempel)", 70, [(2030, 35)],
            Enumerable.Range(0, 20).Select(q =>
            {
                var quarterEnd = new DateOnly(2021, 3, 31).AddMonths(3 * q);
                quarterEnd = new DateOnly(quarterEnd.Year, quarterEnd.Month, DateTime.DaysInMonth(quarterEnd.Year, quarterEnd.Month));
                return (quarterEnd, Math.Round(66 - 0.55 * q + (q % 4 == 2 ? 2 : 0), 1));
            }).ToArray());
        await Indicator(publicFood, "Andel ekologiska livsmedel i offentliga kök", "% av inköpsvärdet", Direction.HigherIsBetter, ReportingFrequency.Yearly,
            PathwayShape.Linear, "Ekomatcentrum (exempel)", 38, [(2030, 60)],
            Yearly((2020, 38), (2021, 37), (2022, 36), (2023, 37), (2024, 38), (2025, 39)));
        await Indicator(publicFood, "Kommuner med en lokal livsmedelsstrategi", "antal kommuner", Direction.HigherIsBetter, ReportingFrequency.Yearly,
            PathwayShape.Linear, "Länsstyrelserna (exempel)", 120, [(2030, 220), (2035, 290)],
            Yearly((2020, 131), (2021, 142), (2022, 155), (2023, 168), (2024, 177), (2025, 190)));
        return householdWaste;
    }

    /// <summary>The example review found that biogas is growing; the 2030 target for fossil-free fuels is raised (version 2).</summary>
    private static async Task ReviseRoadmapAsync(MissionStore store, int missionId, CancellationToken ct)
    {
        var review = await store.Db.Reviews.AsNoTracking().Where(r => r.MissionId == missionId).OrderBy(r => r.Date).FirstAsync(ct);
        var fuels = await store.Db.Indicators.AsNoTracking().Include(i => i.Targets)
            .FirstAsync(i => i.Goal!.MissionId == missionId && i.Name == "Andel fossilfria drivmedel i lantbruket", ct);
        var targets = fuels.Targets.OrderBy(t => t.Date)
            .Select(t => new TargetInput(t.Date, t.Date.Year == 2030 ? 55 : t.Value)).ToArray();
        await store.UpdateIndicatorAsync(fuels.Id, new IndicatorInput(fuels.GoalId, fuels.Name, fuels.Description, fuels.Unit, fuels.Direction, fuels.Frequency,
            fuels.Source, fuels.BaselineDate, fuels.BaselineValue, targets, fuels.Shape, fuels.Weight, fuels.Version,
            "Biogasen i lantbruket växer snabbare än vi trodde. Vid avstämningen bestämde vi att höja målet för 2030 från 50 till 55 procent.",
            review.Id, review.Date), ct);
    }
}
