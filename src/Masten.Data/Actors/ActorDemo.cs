using Masten.Core.Actors;
using Masten.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Masten.Data.Actors;

/// <summary>
/// The actors of the example mission: agencies, a region, municipalities, civil society, companies,
/// a university, a research institute, a funder and one Danish company; their contacts, roles,
/// commitments in the rounds "2025" and "2026" (opening 2026 carries the open ones forward), drivers,
/// and operational goals with two tensions. Organisation numbers are made up but pass the checks.
/// Everything goes through <see cref="ActorStore"/>, so the example obeys the same rules as user data.
/// </summary>
public static class ActorDemo
{
    /// <summary>Who entered the example's signatures on paper.</summary>
    public const string OfficeName = "Programkontoret (exempel)";

    public static async Task SeedAsync(MastenDbContext db, int missionId, CancellationToken ct = default)
    {
        var goals = await db.Goals.Where(g => g.MissionId == missionId).ToDictionaryAsync(g => g.Title, g => g.Id, ct);
        var seeding = new Seeding(new ActorStore(db), missionId, goals, ct);
        await seeding.ActorsAsync();
        await seeding.ContactsAsync();
        await seeding.MembershipsAsync();
        await seeding.CommitmentsAsync();
        await seeding.DriversAsync();
        await seeding.OperationalGoalsAsync();
    }

    /// <summary>The example's steps in the order they run; each step uses the actor ids the first one made.</summary>
    private sealed class Seeding(ActorStore store, int missionId, Dictionary<string, int> goals, CancellationToken ct)
    {
        private readonly int fossilFree = goals["Fossilfri produktion"];
        private readonly int fuels = goals["Fossilfria drivmedel i lantbruket"];
        private readonly int health = goals["Hälsosamma matvanor"];
        private readonly int waste = goals["Mindre matsvinn"];
        private readonly int publicFood = goals["Lokal och ekologisk mat i offentliga kök"];
        private int agency, energy, region, town, village, foodCouncil, farmers, greenField, biogas, university, institute, fund, danish;

        public async Task ActorsAsync()
        {
            async Task<int> Actor(string name, ActorType type, string? number, string description, Country country = Country.Sweden) =>
                (await store.CreateActorAsync(new ActorInput(name, type, country, number, null, description), ct)).Id;

            agency = await Actor("Jordbruksverket (exempel)", ActorType.NationalAgency, "202100-1116", "Myndigheten för jordbruk och livsmedel. Driver programkontoret i exemplet.");
            energy = await Actor("Energimyndigheten (exempel)", ActorType.NationalAgency, "202100-2221", "Finansierar omställningen till fossilfria drivmedel.");
            region = await Actor("Region Exempelland", ActorType.Region, "232100-3333", "Regionen ansvarar för vårdens måltider och regional utveckling.");
            town = await Actor("Exempelby kommun", ActorType.Municipality, "212000-4441", "En mellanstor kommun med 40 skolor och 12 äldreboenden.");
            village = await Actor("Åstads kommun", ActorType.Municipality, "212000-5554", "En liten landsbygdskommun.");
            foodCouncil = await Actor("Matrådet i Norr", ActorType.CivilSociety, "802400-6663", "En ideell förening som samlar odlare, kockar och konsumenter.");
            farmers = await Actor("Lantbrukarnas exempelförening", ActorType.CivilSociety, "802400-7778", "Företräder lantbrukare i regionen.");
            greenField = await Actor("Grönt Fält AB", ActorType.Company, "556900-8880", "Odlar och förädlar grönsaker och baljväxter.");
            biogas = await Actor("Biogas Väst AB", ActorType.Company, "556900-9995", "Gör biogas av matavfall och gödsel.");
            university = await Actor("Exempeluniversitetet", ActorType.University, "202100-1231", "Forskning om hållbara livsmedelssystem.");
            institute = await Actor("Institutet för livsmedelsforskning (exempel)", ActorType.ResearchInstitute, "556900-0002", "Tillämpad forskning och testbäddar.");
            fund = await Actor("Stiftelsen Framtidsmat", ActorType.Funder, "802500-4329", "Finansierar försök med lokal mat i offentliga kök.");
            danish = await Actor("Fremtidens Fødevarer ApS", ActorType.Company, "37123455", "Dansk virksomhed, der udvikler plantebaserede fødevarer.", Country.Denmark);
        }

        public async Task ContactsAsync()
        {
            async Task Contact(int actor, string name, string role, OrganisationalLevel level) =>
                await store.CreateContactAsync(actor, new ContactInput(name, role, null, level), ct);
            await Contact(agency, "Eva Lind", "Generaldirektör", OrganisationalLevel.Leadership);
            await Contact(agency, "Karin Berg", "Enhetschef", OrganisationalLevel.Management);
            await Contact(agency, "Omar Haddad", "Handläggare", OrganisationalLevel.Operations);
            await Contact(energy, "Lars Holm", "Avdelningschef", OrganisationalLevel.Management);
            await Contact(energy, "Sara Ek", "Utredare", OrganisationalLevel.Operations);
            await Contact(region, "Maria Nilsson", "Regiondirektör", OrganisationalLevel.Leadership);
            await Contact(region, "Johan Ström", "Kostchef", OrganisationalLevel.Management);
            await Contact(town, "Anna Svensson", "Måltidsutvecklare", OrganisationalLevel.Operations);
            await Contact(village, "Per Olsson", "Kommunstyrelsens ordförande", OrganisationalLevel.Leadership);
            await Contact(village, "Lena Ahl", "Kostchef", OrganisationalLevel.Management);
            await Contact(foodCouncil, "Ingrid Sjö", "Ordförande", OrganisationalLevel.Leadership);
            await Contact(farmers, "Nils Åberg", "Verksamhetsledare", OrganisationalLevel.Management);
            await Contact(greenField, "Sofia Dahl", "Vd", OrganisationalLevel.Leadership);
            await Contact(greenField, "Ali Karimi", "Odlingsansvarig", OrganisationalLevel.Operations);
            await Contact(biogas, "Henrik Lund", "Projektledare", OrganisationalLevel.Operations);
            await Contact(university, "Elin Frisk", "Professor", OrganisationalLevel.Operations);
            await Contact(fund, "Gustav Wahl", "Programansvarig", OrganisationalLevel.Management);
            await Contact(fund, "Birgitta Krona", "Vd", OrganisationalLevel.Leadership);
            await Contact(danish, "Mette Jensen", "Direktør", OrganisationalLevel.Leadership);
        }

        public async Task MembershipsAsync()
        {
            var joined = new DateOnly(2024, 9, 1);
            async Task Member(int actor, params MissionRole[] roles) =>
                await store.CreateMembershipAsync(new MembershipInput(actor, missionId, roles, joined), ct);
            await Member(agency, MissionRole.ProgrammeOffice, MissionRole.NeedOwner);
            await Member(energy, MissionRole.Funder, MissionRole.Partner);
            await Member(region, MissionRole.NeedOwner, MissionRole.Partner);
            await Member(town, MissionRole.NeedOwner);
            await Member(village, MissionRole.NeedOwner);
            await Member(foodCouncil, MissionRole.Navigator, MissionRole.Partner);
            await Member(farmers, MissionRole.Partner);
            await Member(greenField, MissionRole.Partner);
            await Member(biogas, MissionRole.Partner);
            await Member(university, MissionRole.Partner, MissionRole.Navigator);
            await Member(institute, MissionRole.Partner);
            await Member(fund, MissionRole.Funder);
            await store.CreateMembershipAsync(new MembershipInput(danish, missionId, [MissionRole.Partner], new DateOnly(2025, 2, 1), new DateOnly(2026, 6, 30)), ct);
        }

        public async Task CommitmentsAsync()
        {
            var round2025 = (await store.OpenRoundAsync(missionId, new RoundInput("2025", new DateOnly(2025, 3, 1)), ct))!.Value.Round.Id;
            var signed2025 = new DateOnly(2025, 3, 1);
            // A commitment is created unsigned; the example's signatures were given on paper and entered by the office,
            // after which a commitment moves on (in progress, fulfilled, withdrawn) by an edit that keeps its signature.
            async Task<int> Commit(int round, int actor, string text, string tier, int[] goalIds, double? money, Currency? currency, double? years,
                CommitmentStatus status, string? signatory, DateOnly? signedOn, string? evidence = null)
            {
                var input = new CommitmentInput(actor, missionId, round, text, tier, goalIds, money, currency, years,
                    new DateOnly(2027, 12, 31), signatory is null ? status : CommitmentStatus.Proposed, evidence, null);
                var created = await store.CreateCommitmentAsync(input, ct);
                if (signatory is null)
                    return created.Id;
                var signed = (await store.RecordPaperSignatureAsync(created.Id, new PaperSignatureInput(signatory, signedOn), OfficeName, ct))!;
                if (status != CommitmentStatus.Signed)
                    await store.UpdateCommitmentAsync(created.Id, input with { Status = status, Signatory = signatory, SignedOn = signedOn, Version = signed.Version }, ct);
                return created.Id;
            }
            await Commit(round2025, agency, "Leda programkontoret och ta fram en gemensam lägesbild varje år.", "leading", [fossilFree, health, waste, publicFood],
                2_000_000, Currency.SEK, 3, CommitmentStatus.InProgress, "Eva Lind", signed2025);
            await Commit(round2025, energy, "Finansiera försök med el- och biogastraktorer på tio gårdar.", "leading", [fuels],
                12_000_000, Currency.SEK, 1, CommitmentStatus.Signed, "Lars Holm", signed2025);
            await Commit(round2025, region, "Servera 40 procent ekologisk mat i vården senast 2027.", "contributing", [publicFood],
                1_500_000, Currency.SEK, 2, CommitmentStatus.InProgress, "Maria Nilsson", signed2025);
            await Commit(round2025, town, "Halvera matsvinnet i skolköken.", "contributing", [waste],
                300_000, Currency.SEK, 1.5, CommitmentStatus.Fulfilled, "Anna Svensson", signed2025, "Mätningar i alla skolor hösten 2025 visar 48 procent mindre svinn.");
            await Commit(round2025, biogas, "Bygga en mottagning för matavfall från tre kommuner.", "supporting", [waste, fossilFree],
                8_000_000, Currency.SEK, 4, CommitmentStatus.Withdrawn, "Henrik Lund", signed2025);
            await Commit(round2025, fund, "Dela ut 5 miljoner kronor till kommuner som köper lokalt odlat.", "leading", [publicFood],
                5_000_000, Currency.SEK, null, CommitmentStatus.Signed, "Birgitta Krona", signed2025);
            await Commit(round2025, danish, "Dele erfaringer fra danske storkøkkener.", "supporting", [publicFood],
                150_000, Currency.DKK, 0.25, CommitmentStatus.Proposed, null, null);

            // Opening 2026 carries every open 2025 commitment forward for re-signing; 2025 stays as it was.
            var round2026 = (await store.OpenRoundAsync(missionId, new RoundInput("2026", new DateOnly(2026, 3, 1)), ct))!.Value.Round.Id;
            var signed2026 = new DateOnly(2026, 3, 1);
            await Commit(round2026, greenField, "Ta fram tre nya baljväxtprodukter för skolmåltider.", "contributing", [health, publicFood],
                900_000, Currency.SEK, 2, CommitmentStatus.Signed, "Sofia Dahl", signed2026);
            await Commit(round2026, university, "Utvärdera försöken och publicera resultaten öppet.", "supporting", [fuels, waste],
                null, null, 1.5, CommitmentStatus.Signed, "Elin Frisk", signed2026);
            await Commit(round2026, foodCouncil, "Ordna tolv lokala matmöten mellan odlare och kockar.", "supporting", [publicFood, health],
                60_000, Currency.SEK, 0.5, CommitmentStatus.Proposed, null, null);
        }

        public async Task DriversAsync()
        {
            async Task Drive(int actor, string text, DriverCategory[] categories, int[] goalIds) =>
                await store.CreateDriverAsync(new DriverInput(actor, missionId, categories, text, goalIds), ct);
            await Drive(agency, "Regeringsuppdraget om livsmedelsstrategin.", [DriverCategory.LegalMandate, DriverCategory.PoliticalPriority], [fossilFree, health]);
            await Drive(energy, "Sänka utsläppen från arbetsmaskiner.", [DriverCategory.SocietalImpact, DriverCategory.LegalMandate], [fuels]);
            await Drive(region, "Friskare patienter och mindre klimatpåverkan från vården.", [DriverCategory.SocietalImpact, DriverCategory.PoliticalPriority], [publicFood, health]);
            await Drive(town, "Elever som äter upp maten och en budget som räcker.", [DriverCategory.EconomicGain, DriverCategory.SocietalImpact], [waste]);
            await Drive(foodCouncil, "Eldsjälar som vill se levande landsbygd.", [DriverCategory.PersonalEngagement], [publicFood]);
            await Drive(greenField, "Nya kunder i offentliga kök.", [DriverCategory.EconomicGain, DriverCategory.Innovation], [publicFood, health]);
            await Drive(biogas, "Mer råvara till biogasen.", [DriverCategory.EconomicGain], [fuels, waste]);
            await Drive(university, "Forskning som gör skillnad och nya kurser.", [DriverCategory.CompetenceAndLearning, DriverCategory.Reputation], [fuels, waste]);
        }

        public async Task OperationalGoalsAsync()
        {
            async Task Own(int actor, string title, string owner, params GoalRelationInput[] relations) =>
                await store.CreateOperationalGoalAsync(new OperationalGoalInput(actor, title, owner, relations), ct);
            await Own(town, "Lägsta möjliga kostnad per portion i skolmaten", "Kostchefen",
                new GoalRelationInput(publicFood, GoalRelationKind.Conflicts, "Ekologisk och lokal mat kostar mer per portion, och kostenheten mäts på kostnaden."),
                new GoalRelationInput(waste, GoalRelationKind.Supports, "Mindre svinn sänker kostnaden."));
            await Own(greenField, "Öka försäljningen av charkprodukter med 10 procent om året", "Försäljningschefen",
                new GoalRelationInput(health, GoalRelationKind.Conflicts, "Mer chark drar åt motsatt håll mot målet om mindre rött kött."),
                new GoalRelationInput(publicFood, GoalRelationKind.Supports, null));
            await Own(region, "Klimatsmart vård", "Hållbarhetschefen",
                new GoalRelationInput(publicFood, GoalRelationKind.Supports, "Samma inriktning."),
                new GoalRelationInput(fossilFree, GoalRelationKind.Neutral, null));
        }
    }
}
