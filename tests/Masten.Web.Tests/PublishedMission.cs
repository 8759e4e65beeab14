using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Masten.Web.Tests;

/// <summary>
/// A published mission made through the API the way a programme office makes one: <c>POST /missions</c> creates a
/// draft (a create cannot publish), a goal and an indicator are added, and <c>POST /missions/{id}/publish</c>
/// (Publicera) publishes it with its checks.
/// </summary>
internal static class PublishedMission
{
    public static async Task<int> CreateAsync(HttpClient admin, int programmeId, string title, string statement, int baselineYear, int horizonYear)
    {
        var id = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/missions", new { programmeId, title, statement, baselineYear, horizonYear }));
        var goal = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/goals", new { missionId = id, title = "Delmål" }));
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/indicators", new
        {
            goalId = goal, name = "Mått", unit = "st", direction = "HigherIsBetter", frequency = "Yearly",
            baselineDate = $"{baselineYear}-12-31", baselineValue = 0.0, targets = new[] { new { date = $"{horizonYear}-12-31", value = 10.0 } },
        }));
        var published = await admin.PostAsJsonAsync($"/api/v1/missions/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return id;
    }

    private static async Task<int> IdOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }
}
