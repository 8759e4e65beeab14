using System.Text.Json.Serialization;
using Masten.Data;
using Masten.Data.Actors;
using Masten.Data.Missions;
using Masten.Web.Accounts;
using Masten.Web.Actors;
using Masten.Web.Components;
using Masten.Web.Exports;
using Masten.Web.History;
using Masten.Web.Imports;
using Masten.Web.Localization;
using Masten.Web.Journeys;
using Masten.Web.Messaging;
using Masten.Web.Missions;
using Masten.Web.Office;
using Masten.Web.Platform;
using Masten.Web.Portfolio;
using Masten.Web.Progress;
using Masten.Web.Pulses;
using Masten.Web.Readability;
using Masten.Web.Tasks;
using Masten.Web.Reports;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

// The settings next to Masten.Web.dll are found wherever it is started from (see Platform/ContentRoot.cs).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.For(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
});

// By default Masten answers only on this machine. Set Urls (or ASPNETCORE_URLS) to serve others: see docs/running-publicly.md.
if (string.IsNullOrWhiteSpace(builder.Configuration["Urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");

builder.Services.AddMastenDatabase(builder.Configuration);
builder.Services.AddHttpsSetup(builder.Configuration);
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.AddMastenTelemetry(builder.Configuration);
builder.Services.AddMastenHealthChecks();
builder.Services.AddResponseCache(builder.Configuration);
builder.Services.AddMastenStores();
builder.Services.AddSingleton<OpenDataSettings>();
builder.Services.AddImports(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMastenAccounts(builder.Configuration);
builder.Services.AddMastenMessaging(builder.Configuration);
builder.Services.AddMastenPulses();

builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents();
// Pages write å, ä, ö and every other letter as themselves, not as &#xE4; entities: a Swedish page is a quarter smaller.
builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    // The API takes personal access tokens (created on /account) as Bearer tokens.
    document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
    document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
    document.Components.SecuritySchemes["Bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
    {
        Type = Microsoft.OpenApi.SecuritySchemeType.Http,
        Scheme = "bearer",
        Description = "A personal access token (mst_…) from /account. Without one, only published missions can be read.",
    };
    document.Security ??= [];
    document.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("Bearer", document)] = [] });
    return Task.CompletedTask;
}));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
// A JSON body that does not fit (text where a number belongs) reaches the exception handler,
// which answers with ProblemDetails naming the field.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

var setupSecret = await StartupTasks.RunAsync(app.Services, app.Configuration, app.Logger);
MessagingSetup.LogMailState(app.Services, app.Logger);

app.UseSecurityHeaders();
app.UseHttpsSetup();
app.UseExceptionHandler();
// The API answers errors with ProblemDetails; pages show the not-found page in the user's language.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRequestLocalization(o =>
{
    var cultures = PlatformApi.Cultures();
    o.SetDefaultCulture(cultures[0].Name);
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    // Cookie first (the language switch), then the browser's language by its language part (en, en-US → English); Swedish otherwise.
    o.RequestCultureProviders = o.RequestCultureProviders
        .Where(p => p is not Microsoft.AspNetCore.Localization.QueryStringRequestCultureProvider)
        .Select(p => p is Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider ? new LanguageHeaderCultureProvider(PlatformApi.FullCulture) : p)
        .ToList();
});
app.UseRequestLimits();
// Routing runs after the status-code pages so a re-executed request finds the not-found page.
app.UseRouting();
app.UseQueryGuard();
app.UseAuthentication();
// Anonymous answers are reused until the next write to the database (see Platform/ResponseCache.cs).
app.UseResponseCache();
// Who the request is for (a disabled account is nobody), and the missions they may see.
app.UseMastenRequestAccess();
// ASP.NET Core authorization with Masten's policies and handlers: see Accounts/Policies.cs.
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapMastenHealthChecks();
app.MapMastenMetrics();
app.MapPlatformApi();
app.MapAccountsApi();
app.MapAdminAccountsApi();
app.MapMissionsApi();
app.MapProgressApi();
app.MapTextApi();
app.MapActorsApi();
app.MapPortfolioApi();
app.MapJourneysApi();
app.MapReportsApi();
app.MapHistoryApi();
app.MapTasksApi();
app.MapOfficeApi();
app.MapExportsApi();
app.MapOpenDataApi();
app.MapTableDownloadsApi();
app.MapMessagingEndpoints();
app.MapNotificationsApi();
app.MapPulsesApi();
app.MapImportsApi();
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
        Console.WriteLine($"Masten is running at {address} (Masten körs på {address})");
    if (setupSecret is not null)
    {
        // No administrator yet: whoever opens this link first becomes one. It works once and for a day.
        var link = app.Services.GetRequiredService<PublicLinks>().Setup(setupSecret, addresses.FirstOrDefault());
        Console.WriteLine($"No administrator yet. Create the first one here (Inget administratörskonto ännu; skapa det här): {link}");
    }
});

await app.RunAsync();

/// <summary>The web host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
