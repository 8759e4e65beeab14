using System.Text.Json;
using System.Text.Json.Nodes;
using Masten.Core.Exports;
using Masten.Core.Missions;
using Masten.Core.Portfolio;

namespace Masten.Core.Tests.Exports;

public class CellTextTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+46 8 123", "'+46 8 123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "'\r=cmd")]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    public void TextThatASpreadsheetWouldTakeForAFormulaGetsALeadingQuote(string text, string expected) =>
        Assert.Equal(expected, CellText.Neutralise(text));

    [Theory]
    [InlineData("Fossilfri stålproduktion")]
    [InlineData("1,2 = mål")]
    [InlineData("a-b")]
    [InlineData(" =leading space")]
    [InlineData("'already quoted")]
    [InlineData("")]
    public void OrdinaryTextIsLeftAsItIs(string text) => Assert.Equal(text, CellText.Neutralise(text));

    [Fact]
    public void NoTextStaysNoText() => Assert.Null(CellText.Neutralise(null));
}

public class MissionDocumentTests
{
    [Fact]
    public void RecordsAreWrittenWithTheirStoredFieldsAndWithoutNavigations()
    {
        var goal = new Goal { Id = 3, MissionId = 1, ParentId = 2, Title = "Mindre fosfor", Parent = new Goal { Id = 2 }, Indicators = [new Indicator { Id = 9 }] };
        var json = JsonNode.Parse(JsonSerializer.Serialize(goal, MissionDocument.Json))!.AsObject();
        Assert.Equal(["id", "missionId", "parentId", "order", "title", "description", "weight", "version", "createdAt", "updatedAt"], json.Select(p => p.Key));
        Assert.Null(json["description"]); // present, and null
        Assert.True(json.ContainsKey("description"));
    }

    [Fact]
    public void EnumsAreNamesAndTimesAreUtcToTheMicrosecond()
    {
        var initiative = new Initiative { Stage = InitiativeStage.Testing, CreatedAt = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_567) };
        var json = JsonNode.Parse(JsonSerializer.Serialize(initiative, MissionDocument.Json))!;
        Assert.Equal("Testing", (string)json["stage"]!);
        Assert.Equal("2024-05-06T07:08:09.123456Z", (string)json["createdAt"]!);
        var back = JsonSerializer.Deserialize<Initiative>(json.ToJsonString(), MissionDocument.Json)!;
        Assert.Equal(DateTimeKind.Utc, back.CreatedAt.Kind);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_560), back.CreatedAt);
    }

    [Fact]
    public void AnUnknownFieldIsRefusedWhenReading() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Goal>("""{"id":1,"colour":"red"}""", MissionDocument.Json));

    [Fact]
    public void TheSchemaFileInTheRepositoryIsTheSchemaOfTheDocumentType()
    {
        // Regenerate it with: masten export schema > docs/schema/mission-v2.schema.json (and bump the version if the shape changed).
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Masten.slnx")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.FullName, "docs", "schema", "mission-v2.schema.json")));
        Assert.True(JsonNode.DeepEquals(MissionDocument.Schema(), file), "docs/schema/mission-v2.schema.json differs from MissionDocument.Schema()");
    }

    [Fact]
    public void TheSchemaFixesTheVersionRequiresEveryFieldAndMarksWhatIsAssignedOnImport()
    {
        var schema = MissionDocument.Schema();
        Assert.Equal(2, (int)schema["properties"]!["schemaVersion"]!["const"]!);
        Assert.True((bool)schema["properties"]!["exportedAt"]!["x-assignedOnImport"]!);
        var observation = schema["properties"]!["observations"]!["items"]!;
        Assert.Contains("supersedesId", observation["required"]!.AsArray().Select(n => (string)n!));
        Assert.False((bool)observation["additionalProperties"]!);
        var indicator = schema["properties"]!["indicators"]!["items"]!["properties"]!.AsObject();
        Assert.True(indicator.ContainsKey("code"));
        Assert.False(indicator.ContainsKey("targets"));
    }

    [Fact]
    public void TheSchemaCarriesJourneysReportsAndImportsButNoUserIds()
    {
        var properties = MissionDocument.Schema()["properties"]!.AsObject();
        foreach (var section in new[] { "journeys", "journeySteps", "journeyVersions", "participants", "stepEvents", "journeyActivities", "activityAttendees", "reports", "imports" })
            Assert.True(properties.ContainsKey(section), section);
        var commitment = properties["commitments"]!["items"]!["properties"]!.AsObject();
        Assert.True(commitment.ContainsKey("signatory"));
        Assert.True(commitment.ContainsKey("signedAt"));
        Assert.False(commitment.ContainsKey("signedByUserId"));
        Assert.False(properties["participants"]!["items"]!["properties"]!.AsObject().ContainsKey("navigatorId"));
        Assert.False(properties["stepEvents"]!["items"]!["properties"]!.AsObject().ContainsKey("recordedByUserId"));
        Assert.True(properties["imports"]!["items"]!["properties"]!.AsObject().ContainsKey("content"));
    }
}
