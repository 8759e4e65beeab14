using System.Net;
using System.Text.Json.Nodes;

namespace Masten.Web.Tests;

/// <summary>Reading an API answer in tests: its status must be the one expected (else the body is shown), then its JSON.</summary>
internal static class ApiJson
{
    public static async Task<JsonNode> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
