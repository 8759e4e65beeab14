using Masten.Core.Actors;
using Masten.Core.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Portfolio;

/// <summary>
/// The example mission's portfolio: fifteen initiatives of every type and stage, led by the example
/// actors, with contributions, funding, hypotheses and check-ins, and one completed review whose
/// decisions moved two initiatives. Check-ins are dated back from today, so the example always shows
/// fresh, stale and off-track initiatives. Everything goes through <see cref="PortfolioStore"/>.
/// </summary>
public static class PortfolioDemo
{
    public static async Task SeedAsync(MastenDbContext db, int missionId, CancellationToken ct = default)
    {
        var goals = await db.Goals.Where(g => g.MissionId == missionId).ToDictionaryAsync(g => g.Title, g => g.Id, ct);
        var indicators = await db.Indicators.Where(i => i.Goal!.MissionId == missionId).ToDictionaryAsync(i => i.Name, i => i.Id, ct);
        var actors = await db.Memberships.Where(m => m.MissionId == missionId).Select(m => new { m.ActorId, m.Actor!.Name }).ToDictionaryAsync(a => a.Name, a => a.ActorId, ct);
        var seeding = new Seeding(new PortfolioStore(db), missionId, db.Clock.Today(), goals, indicators, actors, ct);
        await seeding.EnergyAndWasteInitiativesAsync();
        await seeding.FoodAndLaterInitiativesAsync();
        await seeding.CheckInsAndHypothesesAsync();
        await seeding.ReviewAsync();
    }

    /// <summary>The example's steps in the order they run; the later steps use the initiative ids the first two made.</summary>
    private sealed class Seeding(PortfolioStore store, int missionId, DateOnly today, Dictionary<string, int> goals, Dictionary<string, int> indicators,
        Dictionary<string, int> actors, CancellationToken ct)
    {
        private const string agency = "Jordbruksverket (exempel)", energy = "Energimyndigheten (exempel)", region = "Region Exempelland", town = "Exempelby kommun",
            village = "Åstads kommun", council = "Matrådet i Norr", farmers = "Lantbrukarnas exempelförening", greenField = "Grönt Fält AB",
            biogas = "Biogas Väst AB", university = "Exempeluniversitetet", institute = "Institutet för livsmedelsforskning (exempel)", fund = "Stiftelsen Framtidsmat";

        private readonly int fossilFree = goals["Fossilfri produktion"];
        private readonly int fuels = goals["Fossilfria drivmedel i lantbruket"];
        private readonly int health = goals["Hälsosamma matvanor"];
        private readonly int waste = goals["Mindre matsvinn"];
        private readonly int publicFood = goals["Lokal och ekologisk mat i offentliga kök"];
        private int tractors, biogasTrucks, schoolWaste, households, legumes, foodHub;

        private int A(string name) => actors[name];

        private static ContributionInput Rough(int goal, Level size, Level confidence) => new(goal, null, ContributionDirection.Improves, null, size, confidence);

        private ContributionInput Sized(int goal, string indicator, double perYear, Level confidence) => new(goal, indicators[indicator], ContributionDirection.Improves, perYear, null, confidence);

        private async Task<int> Initiative(string title, string description, InitiativeType type, string lead, string[] partners, InitiativeStage stage,
            double budget, int startYear, int endYear, SystemLever[] levers, ContributionInput[] contributions, (string Funder, double Amount)[] funding) =>
            (await store.CreateInitiativeAsync(new InitiativeInput(missionId, title, description, type, A(lead), partners.Select(A).ToList(), stage,
                budget, Currency.SEK, new DateOnly(startYear, 1, 1), new DateOnly(endYear, 12, 31), levers, contributions,
                funding.Select(f => new FundingInput(A(f.Funder), f.Amount, Currency.SEK)).ToList()), ct)).Id;

        public async Task EnergyAndWasteInitiativesAsync()
        {
            tractors = await Initiative("Eltraktorer på tio gårdar", "Tio gårdar provar eldrivna traktorer i ett år och mäter energi och arbetstid.", InitiativeType.Demonstration,
                farmers, [energy, institute], InitiativeStage.Testing, 6_000_000, 2025, 2027, [SystemLever.Technology, SystemLever.Financing],
                [Sized(fuels, "Andel fossilfria drivmedel i lantbruket", 1.5, Level.Medium), Sized(fossilFree, "Utsläpp från arbetsmaskiner i jordbruket", 12, Level.Low)],
                [(energy, 4_000_000), (farmers, 2_000_000)]);
            biogasTrucks = await Initiative("Biogas från gödsel till gårdarnas maskiner", "Gödsel blir biogas som tankas på gården.", InitiativeType.Investment,
                biogas, [farmers], InitiativeStage.Scaling, 14_000_000, 2024, 2029, [SystemLever.Infrastructure, SystemLever.BusinessModels],
                [Sized(fuels, "Andel fossilfria drivmedel i lantbruket", 2.5, Level.Medium), Sized(fossilFree, "Utsläpp från arbetsmaskiner i jordbruket", 25, Level.Medium)],
                [(energy, 8_000_000), (biogas, 6_000_000)]);
            await Initiative("Spillvärme till växthus", "Växthus värms med spillvärme från biogasanläggningen.", InitiativeType.Experiment,
                greenField, [biogas], InitiativeStage.Exploring, 2_500_000, 2025, 2026, [SystemLever.Technology],
                [Sized(fossilFree, "Andel förnybar energi i växthusodling", 0.8, Level.Low)], [(greenField, 2_500_000)]);
            schoolWaste = await Initiative("Mindre svinn i skolköken", "Skolköken väger svinnet varje dag och anpassar portionerna.", InitiativeType.Experiment,
                town, [council], InitiativeStage.Testing, 800_000, 2024, 2026, [SystemLever.BehaviourAndCulture, SystemLever.KnowledgeAndSkills],
                [Sized(waste, "Matsvinn i skolmåltider", 2, Level.High)], [(fund, 800_000)]);
            households = await Initiative("Svinnsmart hemma", "En kampanj och en app som hjälper hushåll att planera inköp.", InitiativeType.CapacityBuilding,
                council, [town, village], InitiativeStage.Testing, 1_200_000, 2025, 2026, [SystemLever.BehaviourAndCulture],
                [Sized(waste, "Matsvinn i hushållen", 1, Level.Low)], [(fund, 1_200_000)]);
        }

        public async Task FoodAndLaterInitiativesAsync()
        {
            await Initiative("Upphandling av ekologisk mat i regionen", "Regionen ställer nya krav i livsmedelsupphandlingen.", InitiativeType.PolicyChange,
                region, [agency], InitiativeStage.Scaling, 500_000, 2024, 2027, [SystemLever.PolicyAndRegulation, SystemLever.OrganisationAndGovernance],
                [Sized(publicFood, "Andel ekologiska livsmedel i offentliga kök", 2, Level.Medium)], [(region, 500_000)]);
            await Initiative("Lokala livsmedelsstrategier i små kommuner", "Stöd till små kommuner som tar fram en livsmedelsstrategi.", InitiativeType.CapacityBuilding,
                agency, [village, council], InitiativeStage.Testing, 1_500_000, 2025, 2027, [SystemLever.OrganisationAndGovernance, SystemLever.KnowledgeAndSkills],
                [Sized(publicFood, "Kommuner med en lokal livsmedelsstrategi", 8, Level.High)], [(agency, 1_500_000)]);
            legumes = await Initiative("Baljväxter i skolmaten", "Nya recept med svenska baljväxter i skolor och äldreboenden.", InitiativeType.Lab,
                greenField, [town, university], InitiativeStage.Exploring, 900_000, 2025, 2026, [SystemLever.BehaviourAndCulture, SystemLever.BusinessModels],
                [Sized(health, "Konsumtion av rött kött och chark", 0.3, Level.Low), Rough(publicFood, Level.Low, Level.Medium)], [(fund, 900_000)]);
            await Initiative("Forskning om matvanor och klimat", "Hur förändras matvanor när maten i skolan förändras?", InitiativeType.Research,
                university, [institute], InitiativeStage.Testing, 3_000_000, 2024, 2028, [SystemLever.KnowledgeAndSkills],
                [Rough(health, Level.Low, Level.Low)], [(university, 3_000_000)]);
            await Initiative("Grönsaksrecept i vården", "Vårdens kök serverar fler grönsaker.", InitiativeType.Experiment,
                region, [council], InitiativeStage.Testing, 400_000, 2025, 2026, [SystemLever.BehaviourAndCulture],
                [Sized(health, "Vuxna som äter grönsaker varje dag", 0.2, Level.Low)], [(region, 400_000)]);
            await Initiative("Delad mjölkbil för små gårdar", "Små gårdar delar på fossilfria transporter till mejeriet.", InitiativeType.Experiment,
                farmers, [], InitiativeStage.Idea, 300_000, 2026, 2027, [SystemLever.BusinessModels],
                [Rough(fossilFree, Level.Low, Level.Low)], []);
            await Initiative("Testbädd för fossilfria redskap", "Leverantörer testar nya redskap i en gemensam testbädd.", InitiativeType.Demonstration,
                institute, [farmers, energy], InitiativeStage.Exploring, 5_000_000, 2025, 2028, [SystemLever.Technology, SystemLever.Infrastructure],
                [Sized(fossilFree, "Utsläpp från arbetsmaskiner i jordbruket", 6, Level.Low)], [(energy, 5_000_000)]);
            await Initiative("Matsvinnsdata från handeln", "Butiker delar data om svinn så att kommunerna kan följa det.", InitiativeType.Experiment,
                council, [], InitiativeStage.Ended, 200_000, 2024, 2025, [SystemLever.KnowledgeAndSkills],
                [Rough(waste, Level.Low, Level.Low)], [(fund, 200_000)]);
            foodHub = await Initiative("Matnav för lokala odlare", "Ett gemensamt lager där lokala odlare säljer till offentliga kök.", InitiativeType.Investment,
                village, [farmers, greenField], InitiativeStage.Testing, 2_000_000, 2025, 2027, [SystemLever.Infrastructure, SystemLever.BusinessModels],
                [Sized(publicFood, "Andel ekologiska livsmedel i offentliga kök", 0.5, Level.Low)], [(fund, 1_000_000), (village, 1_000_000)]);
            await Initiative("Kockar som ambassadörer", "Kockar i offentliga kök utbildar varandra i växtbaserad mat.", InitiativeType.CapacityBuilding,
                council, [region, town], InitiativeStage.Exploring, 350_000, 2025, 2026, [SystemLever.KnowledgeAndSkills, SystemLever.BehaviourAndCulture],
                [Rough(health, Level.Medium, Level.Medium)], [(fund, 350_000)]);
        }

        public async Task CheckInsAndHypothesesAsync()
        {
            async Task CheckIn(int initiative, int daysAgo, CheckInStatus status, int confidence, string happened, string? next = null, string? blockers = null) =>
                await store.AddCheckInAsync(initiative, new CheckInInput(today.AddDays(-daysAgo), status, confidence, happened, next, blockers), ct);
            await CheckIn(tractors, 120, CheckInStatus.OnTrack, 7, "Tio traktorer levererade.", "Mäta energiförbrukningen under skörden.");
            await CheckIn(tractors, 30, CheckInStatus.AtRisk, 5, "Laddningen räcker inte under skörden.", "Prova snabbladdare.", "Elnätet på två gårdar är för svagt.");
            await CheckIn(biogasTrucks, 20, CheckInStatus.OnTrack, 8, "Tre nya tankstationer öppnade.");
            await CheckIn(schoolWaste, 100, CheckInStatus.OffTrack, 4, "Vågarna användes inte.", "Ny rutin med kökspersonalen.");
            await CheckIn(schoolWaste, 10, CheckInStatus.OffTrack, 3, "Fortfarande få vägningar.", null, "Personalen hinner inte.");
            await CheckIn(households, 200, CheckInStatus.OnTrack, 6, "Appen lanserad.");
            await CheckIn(legumes, 15, CheckInStatus.OnTrack, 8, "Eleverna gillar linsbollarna.");
            await CheckIn(foodHub, 45, CheckInStatus.AtRisk, 5, "Lagret är klart men få odlare har anslutit sig.");

            await store.CreateHypothesisAsync(tractors, new HypothesisInput("Eltraktorer klarar vårbruket utan extra laddning.", "Logga laddning och arbetstimmar under våren.",
                HypothesisResult.Supported, "Vårbruket gick bra; skörden är svårare.", today.AddDays(-300)), ct);
            await store.CreateHypothesisAsync(schoolWaste, new HypothesisInput("När köken ser svinnet minskar de portionerna.", "Jämför svinnet före och efter vägningen.",
                HypothesisResult.Open, null, today.AddDays(-250)), ct);
            await store.CreateHypothesisAsync(legumes, new HypothesisInput("Barn äter baljväxter om de känner igen rätten.", "Servera kända rätter med baljväxter och väg tallrikssvinnet.",
                HypothesisResult.Open, null, today.AddDays(-40)), ct);
            await store.CreateHypothesisAsync(households, new HypothesisInput("Hushåll använder en app för att planera inköp.", "Räkna aktiva användare efter tre månader.",
                HypothesisResult.Refuted, "Få använder appen efter första veckan.", today.AddDays(-220)), ct);
        }

        public async Task ReviewAsync()
        {
            var review = await store.CreateReviewAsync(new ReviewInput(missionId, today.AddDays(-60), ReviewKind.Sensemaking,
                "Karin Berg, Johan Ström, Ingrid Sjö, Elin Frisk", [A(agency), A(region), A(council), A(university)],
                "Insatserna för hälsosamma matvanor är små och osäkra. Biogasen går bra och kan växa. Hushållsappen når inte fram."), ct);
            await store.DecideAsync(review.Id, new DecisionInput(biogasTrucks, DecisionKind.Continue, "Går enligt plan; följ upp vid nästa avstämning."), ct);
            await store.DecideAsync(review.Id, new DecisionInput(households, DecisionKind.Pivot, "Appen används inte; prova i stället att arbeta genom skolorna."), ct);
            await store.DecideAsync(review.Id, new DecisionInput(legumes, DecisionKind.Scale, "Eleverna tycker om maten och fler kommuner vill vara med."), ct);
        }
    }
}
