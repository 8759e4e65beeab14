using Masten.Core.History;

namespace Masten.Core.Tests.History;

public class SnapshotDiffTests
{
    private const string Before = """{"Id":7,"Name":"Åstads kommun","Type":"Municipality","Version":1,"UpdatedAt":"2026-01-01T10:00:00Z","Website":null}""";
    private const string After = """{"Id":7,"Name":"Åstads kommun och region","Type":"Municipality","Version":2,"UpdatedAt":"2026-02-01T10:00:00Z","Website":"https://astad.se"}""";

    [Fact]
    public void UpdateListsOnlyTheChangedFieldsInNameOrder()
    {
        var changes = SnapshotDiff.Compare(Before, After);

        Assert.Equal(
            [
                new FieldChange("Name", "Åstads kommun", "Åstads kommun och region", false),
                new FieldChange("UpdatedAt", "2026-01-01T10:00:00Z", "2026-02-01T10:00:00Z", true),
                new FieldChange("Version", "1", "2", true),
                new FieldChange("Website", null, "https://astad.se", false),
            ],
            changes);
    }

    [Fact]
    public void CreateListsEveryFieldWithNothingBefore()
    {
        var changes = SnapshotDiff.Compare(null, After);

        Assert.Equal(["Id", "Name", "Type", "UpdatedAt", "Version", "Website"], changes.Select(c => c.Field));
        Assert.All(changes, c => Assert.Null(c.Before));
        Assert.Equal("7", changes[0].After);
    }

    [Fact]
    public void DeleteListsEveryFieldWithNothingAfter()
    {
        var changes = SnapshotDiff.Compare(Before, null);

        Assert.Equal(6, changes.Count);
        Assert.All(changes, c => Assert.Null(c.After));
        Assert.Null(changes.Single(c => c.Field == "Website").Before);
    }

    [Fact]
    public void UpdateThatChangesOnlyBookkeepingLeavesOnlyBookkeepingFields()
    {
        var after = Before.Replace("\"Version\":1", "\"Version\":2", StringComparison.Ordinal);

        var changes = SnapshotDiff.Compare(Before, after);

        Assert.Equal([new FieldChange("Version", "1", "2", true)], changes);
        Assert.DoesNotContain(changes, c => !c.IsBookkeeping);
    }

    [Fact]
    public void TargetsArrayIsShownAsCompactTextAndComparedWhole()
    {
        const string before = """{"Name":"Utsläpp","Targets":[{"Date":"2030-12-31","Value":50},{"Date":"2035-12-31","Value":0}]}""";
        const string after = """{"Name":"Utsläpp","Targets":[{"Date":"2030-12-31","Value":40.5},{"Date":"2035-12-31","Value":0}]}""";

        var change = Assert.Single(SnapshotDiff.Compare(before, after));

        Assert.Equal("Targets", change.Field);
        Assert.Equal("{Date: 2030-12-31, Value: 50}; {Date: 2035-12-31, Value: 0}", change.Before);
        Assert.Equal("{Date: 2030-12-31, Value: 40.5}; {Date: 2035-12-31, Value: 0}", change.After);
    }

    [Theory]
    [InlineData("""{"X":[1,2,3]}""", "1, 2, 3")]
    [InlineData("""{"X":["Funder","Partner"]}""", "Funder, Partner")]
    [InlineData("""{"X":[]}""", "[]")]
    [InlineData("""{"X":[[1,2],[3]]}""", "[1, 2]; [3]")]
    [InlineData("""{"X":true}""", "true")]
    [InlineData("""{"X":1.25E-05}""", "1.25E-05")]
    [InlineData("""{"X":"<script>alert(1)</script>"}""", "<script>alert(1)</script>")]
    public void ValuesBecomeDisplayText(string snapshot, string expected) =>
        Assert.Equal(expected, Assert.Single(SnapshotDiff.Compare(null, snapshot)).After);

    [Fact]
    public void FieldOnOneSideOnlyCountsAsChanged()
    {
        var change = Assert.Single(SnapshotDiff.Compare("""{"A":1}""", """{"A":1,"B":"ny"}"""));

        Assert.Equal(new FieldChange("B", null, "ny", false), change);
    }

    [Fact]
    public void ASnapshotThatIsNotAnObjectIsShownWhole()
    {
        var change = Assert.Single(SnapshotDiff.Compare("not json", null));

        Assert.Equal(new FieldChange("", "not json", null, false), change);
    }

    [Theory]
    [InlineData("""{"Name":"Åstad","Title":"x"}""", "Åstad")]
    [InlineData("""{"Title":"Mindre matsvinn"}""", "Mindre matsvinn")]
    [InlineData("""{"Text":"lång"}""", null)]
    [InlineData(null, null)]
    public void TitleIsTheNameOrTitleOfTheSnapshot(string? snapshot, string? expected) =>
        Assert.Equal(expected, SnapshotDiff.Title(snapshot));
}
