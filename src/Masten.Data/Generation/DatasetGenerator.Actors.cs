using Masten.Core.Actors;
using Masten.Core.Missions;

namespace Masten.Data.Generation;

// Actors, contacts, memberships, signing rounds, commitments, drivers and operational goals.
public sealed partial class DatasetGenerator
{
    private readonly List<Actor> actors = [];
    private readonly List<ContactPerson> contacts = [];
    private readonly List<Membership> memberships = [];
    private readonly List<SigningRound> rounds = [];
    private readonly List<Commitment> commitments = [];
    private readonly List<Driver> drivers = [];
    private readonly List<OperationalGoal> operationalGoals = [];
    private readonly List<GoalRelation> relations = [];
    private readonly Dictionary<int, List<Membership>> membersOf = [];
    private readonly Dictionary<int, List<int>> missionsOfActor = [];

    private static readonly string[] CountryPrefix = ["20", "23", "21", "80", "55", "20", "55", "20", "76"];

    private void BuildActors()
    {
        var r = Rng(3);
        var perType = new int[Enum.GetValues<ActorType>().Length];
        for (var i = 0; i < size.Actors; i++)
        {
            // One in 33 is Danish (a company or a municipality), with a CVR number.
            var danish = i % 33 == 32;
            var type = danish ? (i % 2 == 0 ? ActorType.Company : ActorType.Municipality)
                : i < 2 ? ActorType.Funder : (ActorType)Weighted(r, 5, 3, 20, 15, 40, 5, 4, 2, 6);
            var k = perType[(int)type]++;
            var place = Place(k);
            var name = type switch
            {
                ActorType.NationalAgency => DatasetTexts.Invariant($"Myndigheten för {DatasetTexts.AgencyTopics[k % DatasetTexts.AgencyTopics.Length]}") + (k >= DatasetTexts.AgencyTopics.Length ? " i " + place : ""),
                ActorType.Region => "Region " + place,
                ActorType.Municipality => danish ? place + " Kommune" : place + " kommun",
                ActorType.CivilSociety => DatasetTexts.Invariant($"Föreningen {place} {DatasetTexts.Causes[k % DatasetTexts.Causes.Length]}"),
                ActorType.Company => DatasetTexts.Invariant($"{Place(k % 600)} {DatasetTexts.Industries[(k / 600 + k) % DatasetTexts.Industries.Length]} {(danish ? "ApS" : "AB")}"),
                ActorType.University => place + " universitet",
                ActorType.ResearchInstitute => place + " forskningsinstitut",
                ActorType.Funder => place + "stiftelsen",
                _ => DatasetTexts.Invariant($"{place} samverkan {(danish ? "I/S" : "ek. för.")}"),
            };
            var actor = new Actor
            {
                Id = i + 1,
                Name = name,
                Type = type,
                Country = danish ? Country.Denmark : Country.Sweden,
                OrganisationNumber = danish ? Cvr(i) : Organisationsnummer(CountryPrefix[(int)type], i),
                Website = r.Next(100) < 60 ? "https://www." + DatasetTexts.Slug(name) + ".example" : null,
                Description = r.Next(100) < 50 ? DatasetTexts.Invariant($"{name} arbetar för omställningen i sin del av landet.") : null,
                Version = 1,
                CreatedAt = At(new DateOnly(2015, 1, 1).AddDays(i % 1500), 11, i % 60),
            };
            actor.UpdatedAt = actor.CreatedAt;
            actors.Add(actor);
            Audit(actor, actor.CreatedAt);

            var contactCount = 1 + r.Next(3);
            for (var c = 0; c < contactCount; c++)
            {
                var first = Pick(r, DatasetTexts.FirstNames);
                var last = Pick(r, DatasetTexts.LastNames);
                var contact = new ContactPerson
                {
                    Id = contacts.Count + 1,
                    ActorId = actor.Id,
                    Name = first + " " + last,
                    Role = Pick(r, DatasetTexts.ContactRoles),
                    Email = r.Next(100) < 85 ? DatasetTexts.Invariant($"{DatasetTexts.Slug(first)}.{DatasetTexts.Slug(last)}@aktor{actor.Id}.example") : null,
                    Level = (OrganisationalLevel)((c + r.Next(3)) % 3),
                    Version = 1,
                    CreatedAt = actor.CreatedAt.AddMinutes(10 + c),
                };
                contact.UpdatedAt = contact.CreatedAt;
                contacts.Add(contact);
                Audit(contact, contact.CreatedAt);
            }
        }
    }

    /// <summary>A made-up place name, distinct for the first 600 values of <paramref name="k"/>.</summary>
    private static string Place(int k) =>
        DatasetTexts.PlaceStarts[k % DatasetTexts.PlaceStarts.Length] + DatasetTexts.PlaceEnds[k / DatasetTexts.PlaceStarts.Length % DatasetTexts.PlaceEnds.Length]
        + (k >= 600 ? " " + (k / 600 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    /// <summary>
    /// A valid Swedish organisationsnummer, unique per <paramref name="index"/>: two digits for the kind of
    /// organisation, seven from the index (the third digit at least 2, as for every organisation), and the Luhn check digit.
    /// </summary>
    internal static string Organisationsnummer(string prefix, int index)
    {
        var body = prefix + (2_000_000 + (int)((long)index * 7_919 % 8_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = body + OrganisationNumber.LuhnCheckDigit(body).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return OrganisationNumber.Check(Country.Sweden, number).Normalised ?? throw new InvalidOperationException("Generated an invalid organisation number: " + number);
    }

    /// <summary>A valid Danish CVR number, unique per <paramref name="index"/> (the weighted sum a multiple of 11).</summary>
    internal static string Cvr(int index)
    {
        for (var bump = 0; ; bump++)
        {
            var seven = (1_000_000 + (int)(((long)index * 7_919 + bump * 1_000_003L) % 9_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var check = (11 - OrganisationNumber.CvrSum(seven + "0") % 11) % 11;
            if (check < 10)
                return seven + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private void BuildMemberships()
    {
        var r = Rng(4);
        foreach (var mission in missions)
            membersOf[mission.Id] = [];
        foreach (var actor in actors)
        {
            var count = actor.Type == ActorType.Funder ? missions.Count : Math.Min(missions.Count, 1 + (r.Next(100) < 55 ? 1 : 0) + (r.Next(100) < 20 ? 1 : 0));
            var chosen = new SortedSet<int>();
            while (chosen.Count < count)
                chosen.Add(missions[r.Next(missions.Count)].Id);
            missionsOfActor[actor.Id] = [.. chosen];
        }
        // Members of each mission in actor order, so the first one can run the programme office.
        var id = 0;
        foreach (var mission in missions)
        {
            var start = activatedOn.TryGetValue(mission.Id, out var a) ? a : DateOnly.FromDateTime(mission.CreatedAt);
            foreach (var actor in actors.Where(x => missionsOfActor[x.Id].Contains(mission.Id)))
            {
                var first = membersOf[mission.Id].Count == 0;
                List<MissionRole> roles = actor.Type switch
                {
                    _ when first => [MissionRole.ProgrammeOffice],
                    ActorType.Funder => [MissionRole.Funder],
                    ActorType.Municipality or ActorType.Region or ActorType.NationalAgency => [r.Next(2) == 0 ? MissionRole.NeedOwner : MissionRole.Partner],
                    _ => [MissionRole.Partner],
                };
                if (r.Next(100) < 3)
                    roles.Add(MissionRole.Navigator);
                var joined = NotAfterReference(Between(r, start.AddDays(-60), reference.AddDays(-30)));
                var membership = new Membership
                {
                    Id = ++id,
                    ActorId = actor.Id,
                    MissionId = mission.Id,
                    Roles = roles,
                    JoinedOn = joined,
                    LeftOn = !first && r.Next(100) < 3 ? Between(r, joined.AddDays(30), reference) : null,
                    Version = 1,
                    CreatedAt = At(joined, 13),
                };
                membership.UpdatedAt = membership.CreatedAt;
                memberships.Add(membership);
                membersOf[mission.Id].Add(membership);
                Audit(membership, membership.CreatedAt);
            }
        }
    }

    /// <summary>Members still taking part, who can sign, lead and report.</summary>
    private List<Membership> Active(int missionId) => membersOf[missionId].Where(m => m.LeftOn is null).ToList();

    private void BuildRoundsAndCommitments()
    {
        var r = Rng(5);
        var open = new[] { CommitmentStatus.Proposed, CommitmentStatus.Signed, CommitmentStatus.InProgress };
        var eligible = missions.Where(m => m.Status != MissionStatus.Draft && Active(m.Id).Count > 0).ToList();
        var budgets = Share(size.Commitments, eligible.Select(m => (double)membersOf[m.Id].Count).ToList());
        var roundId = 0;
        for (var e = 0; e < eligible.Count; e++)
        {
            var mission = eligible[e];
            var members = Active(mission.Id);
            var missionGoals = goalsOf[mission.Id];
            var budget = budgets[e];
            var made = 0;
            List<Commitment> previous = [];
            for (var n = 0; n < 3; n++)
            {
                var year = reference.Year - 2 + n;
                var date = new DateOnly(year, 1, 31);
                if (date > reference)
                    date = reference;
                var round = new SigningRound
                {
                    Id = ++roundId,
                    MissionId = mission.Id,
                    Name = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Date = date,
                    Version = 1,
                    CreatedAt = At(date, 9),
                };
                round.UpdatedAt = round.CreatedAt;
                rounds.Add(round);
                Audit(round, round.CreatedAt);

                var current = new List<Commitment>();
                // Opening a round copies every open commitment of the latest one, as the store does.
                foreach (var old in previous.Where(c => open.Contains(c.Status)))
                {
                    var copy = NewCommitment(r, mission, round, n, old.ActorId, missionGoals);
                    copy.Text = old.Text;
                    copy.Tier = old.Tier;
                    copy.GoalIds = [.. old.GoalIds];
                    copy.PledgedMoney = old.PledgedMoney;
                    copy.Currency = old.Currency;
                    copy.PersonYears = old.PersonYears;
                    copy.CarriedFromId = old.Id;
                    current.Add(copy);
                }
                var fresh = n switch { 0 => budget / 4, 1 => budget / 10, _ => budget - made - current.Count };
                for (var i = 0; i < fresh; i++)
                    current.Add(NewCommitment(r, mission, round, n, Pick(r, members).ActorId, missionGoals));
                made += current.Count;
                commitments.AddRange(current);
                previous = current;
            }
        }
    }

    private Commitment NewCommitment(Random r, Mission mission, SigningRound round, int roundIndex, int actorId, List<Goal> missionGoals)
    {
        var actor = actors[actorId - 1];
        var status = roundIndex == 2
            ? (CommitmentStatus)Weighted(r, 35, 35, 20, 5, 5)
            : (CommitmentStatus)Weighted(r, 15, 35, 25, 15, 10);
        var signed = status is CommitmentStatus.Signed or CommitmentStatus.InProgress or CommitmentStatus.Fulfilled;
        var goalIds = new SortedSet<int>();
        var goalCount = Math.Min(missionGoals.Count, 1 + r.Next(2));
        while (goalIds.Count < goalCount)
            goalIds.Add(Pick(r, missionGoals).Id);
        var money = r.Next(100) < 60;
        var commitment = new Commitment
        {
            Id = ++commitmentId,
            ActorId = actorId,
            MissionId = mission.Id,
            RoundId = round.Id,
            Text = Pick(r, DatasetTexts.CommitmentTexts) + ".",
            Tier = ActorRules.DefaultTiers[actor.Type is ActorType.NationalAgency or ActorType.Region or ActorType.Municipality ? r.Next(2) : 1 + r.Next(2)],
            GoalIds = [.. goalIds],
            PledgedMoney = money ? 1000 * (50 + r.Next(20_000)) : null,
            Currency = money ? actor.Country == Country.Denmark ? Currency.DKK : Currency.SEK : null,
            PersonYears = r.Next(100) < 40 ? 0.5 * (1 + r.Next(20)) : null,
            DueDate = r.Next(2) == 0 ? round.Date.AddYears(1 + r.Next(3)) : null,
            Status = status,
            EvidenceNotes = status == CommitmentStatus.Fulfilled ? "Åtagandet är genomfört och redovisat till programkontoret." : null,
            EvidenceLinks = status == CommitmentStatus.Fulfilled && r.Next(2) == 0 ? DatasetTexts.Invariant($"https://aktor{actorId}.example/rapport/{round.Name}") : null,
            Signatory = signed ? Pick(r, DatasetTexts.FirstNames) + " " + Pick(r, DatasetTexts.LastNames) : null,
            SignedOn = signed ? Between(r, round.Date, NotAfterReference(round.Date.AddDays(90))) : null,
            Version = 1,
            CreatedAt = At(round.Date, 10, r.Next(60)),
        };
        commitment.UpdatedAt = commitment.CreatedAt;
        Audit(commitment, commitment.CreatedAt);
        return commitment;
    }

    private int commitmentId;

    private void BuildDriversAndOperationalGoals()
    {
        var r = Rng(6);
        var weights = missions.Select(m => (double)Active(m.Id).Count).ToList();
        var perMission = Share(size.Drivers, weights);
        for (var m = 0; m < missions.Count; m++)
        {
            var mission = missions[m];
            var members = Active(mission.Id);
            var missionGoals = goalsOf[mission.Id];
            for (var i = 0; i < perMission[m]; i++)
            {
                var membership = Pick(r, members);
                var categories = new SortedSet<DriverCategory> { (DriverCategory)r.Next(9) };
                if (r.Next(3) == 0)
                    categories.Add((DriverCategory)r.Next(9));
                var goalIds = new SortedSet<int>();
                var goalCount = r.Next(3);
                while (goalIds.Count < Math.Min(goalCount, missionGoals.Count))
                    goalIds.Add(Pick(r, missionGoals).Id);
                var driver = new Driver
                {
                    Id = drivers.Count + 1,
                    ActorId = membership.ActorId,
                    MissionId = mission.Id,
                    Categories = [.. categories],
                    Text = Pick(r, DatasetTexts.DriverTexts) + ".",
                    GoalIds = [.. goalIds],
                    Version = 1,
                    CreatedAt = membership.CreatedAt.AddDays(7 + r.Next(60)),
                };
                if (driver.CreatedAt > At(reference, 18))
                    driver.CreatedAt = At(reference, 18);
                driver.UpdatedAt = driver.CreatedAt;
                drivers.Add(driver);
                Audit(driver, driver.CreatedAt);
            }
        }

        // Operational goals: mostly public bodies, each related to goals of the missions it takes part in.
        var publicBodies = actors.Where(a => a.Type is ActorType.Municipality or ActorType.Region or ActorType.NationalAgency).ToList();
        for (var i = 0; i < size.OperationalGoals; i++)
        {
            var actor = publicBodies.Count > 0 && r.Next(100) < 80 ? Pick(r, publicBodies) : Pick(r, actors);
            var created = actor.CreatedAt.AddDays(30 + r.Next(300));
            var goal = new OperationalGoal
            {
                Id = i + 1,
                ActorId = actor.Id,
                Title = Pick(r, DatasetTexts.OperationalGoalTitles),
                Owner = Pick(r, DatasetTexts.ContactRoles),
                Version = 1,
                CreatedAt = created,
                UpdatedAt = created,
            };
            operationalGoals.Add(goal);
            Audit(goal, goal.CreatedAt);
            var candidates = missionsOfActor[actor.Id].SelectMany(m => goalsOf[m]).ToList();
            var count = Math.Min(candidates.Count, 1 + r.Next(3));
            var related = new SortedSet<int>();
            while (related.Count < count)
                related.Add(Pick(r, candidates).Id);
            foreach (var goalId in related)
            {
                var kind = (GoalRelationKind)Weighted(r, 60, 25, 15);
                var relation = new GoalRelation
                {
                    Id = relations.Count + 1,
                    OperationalGoalId = goal.Id,
                    GoalId = goalId,
                    Kind = kind,
                    Explanation = kind == GoalRelationKind.Conflicts ? Pick(r, DatasetTexts.ConflictExplanations)
                        : r.Next(3) == 0 ? "Målen drar åt samma håll." : null,
                };
                relations.Add(relation);
                goal.Relations.Add(relation);
                Audit(relation, created);
            }
        }
    }
}
