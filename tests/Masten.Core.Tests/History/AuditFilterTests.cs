using Masten.Core.History;

namespace Masten.Core.Tests.History;

public class AuditFilterTests
{
    private static readonly string[] Types = ["Actor", "Goal", "Mission"];

    private static (AuditFilter? Filter, int Page, IReadOnlyList<Masten.Core.Common.FieldError> Errors) Parse(
        string? person = null, string? type = null, string? id = null, string? from = null, string? to = null, string? action = null, string? page = null) =>
        AuditFilter.Parse(person, type, id, from, to, action, page, Types);

    [Fact]
    public void EmptyInputIsNoFilterOnPageOne()
    {
        var (filter, page, errors) = Parse(" ", "", null, "", null, "", "");

        Assert.Empty(errors);
        Assert.Equal(AuditFilter.None, filter);
        Assert.Equal(1, page);
    }

    [Fact]
    public void EveryFieldIsReadAndTypeTakesItsKnownSpelling()
    {
        var (filter, page, errors) = Parse(" api ", "actor", "12", "2026-01-01", "2026-01-31", "updated", "3");

        Assert.Empty(errors);
        Assert.Equal(new AuditFilter("api", "Actor", 12, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), ChangeAction.Updated), filter);
        Assert.Equal(3, page);
    }

    [Fact]
    public void SameDayFromAndToIsOneWholeDay()
    {
        var (filter, _, errors) = Parse(from: "2026-05-05", to: "2026-05-05");

        Assert.Empty(errors);
        Assert.Equal(filter!.From, filter.To);
    }

    [Theory]
    [InlineData(null, "Planet", null, null, null, null, null, "entityType", "UnknownValue")]
    [InlineData(null, null, "abc", null, null, null, null, "entityId", "NotAnId")]
    [InlineData(null, null, "0", null, null, null, null, "entityId", "NotAnId")]
    [InlineData(null, null, "-4", null, null, null, null, "entityId", "NotAnId")]
    [InlineData(null, null, null, "2026-13-01", null, null, null, "from", "NotADate")]
    [InlineData(null, null, null, null, "31/12/2026", null, null, "to", "NotADate")]
    [InlineData(null, null, null, "2026-02-01", "2026-01-31", null, null, "to", "ToBeforeFrom")]
    [InlineData(null, null, null, null, null, "Renamed", null, "action", "UnknownValue")]
    [InlineData(null, null, null, null, null, "1", null, "action", "UnknownValue")]
    [InlineData(null, null, null, null, null, null, "zero", "page", "NotAnId")]
    public void BadInputNamesTheField(string? person, string? type, string? id, string? from, string? to, string? action, string? page, string field, string code)
    {
        var (filter, _, errors) = Parse(person, type, id, from, to, action, page);

        Assert.Null(filter);
        var error = Assert.Single(errors);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void APersonLongerThanAShortTextIsRefused()
    {
        var (_, _, errors) = Parse(person: new string('a', 201));

        Assert.Equal("person", Assert.Single(errors).Field);
    }
}
