using System.Text.Json.Serialization;
using Masten.Data;
using Masten.Data.Actors;
using Masten.Data.Missions;
using Masten.Web.Actors;
using Masten.Web.Components;
using Masten.Web.History;
using Masten.Web.Localization;
using Masten.Web.Missions;
using Masten.Web.Platform;
using Masten.Web.Portfolio;
using Masten.Web.Progress;
using Masten.Web.Readability;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

var builder = WebApplication.CreateBuilder(args);

// Until accounts exist Masten answers only on this machine. Set Urls (or ASPNETCORE_URLS) to change it.
if (string.IsNullOrWhiteSpace(builder.Configuration["Urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");

builder.Services.AddMastenDatabase(builder.Configuration);
builder.Services.AddScoped<MissionStore>();
builder.Services.AddScoped<Masten.Data.Readability.GlossaryStore>();
builder.Services.AddScoped<ActorStore>();
builder.Services.AddScoped<Masten.Data.Portfolio.PortfolioStore>();
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents();
builder.Services.AddAntiforgery();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
// A JSON body that does not fit (text where a number belongs) reaches the exception handler,
// which answers with ProblemDetails naming the field.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

await StartupTasks.RunAsync(app.Services, app.Configuration, app.Logger);

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
    // Cookie first (the language switch), then the browser's language; Swedish otherwise.
    o.RequestCultureProviders = o.RequestCultureProviders.Where(p => p is not Microsoft.AspNetCore.Localization.QueryStringRequestCultureProvider).ToList();
});
// Routing runs after the status-code pages so a re-executed request finds the not-found page.
app.UseRouting();
app.Use((context, next) =>
{
    // Until accounts exist, changes are recorded as made through the web or through the API.
    // Static files (app.css, scripts, /_framework) never write, so they get no database context.
    if (!context.Request.Path.StartsWithSegments("/_framework") && !Path.HasExtension(context.Request.Path.Value))
        context.RequestServices.GetRequiredService<MastenDbContext>().Author = context.Request.Path.StartsWithSegments("/api") ? "api" : "webb";
    return next(context);
});
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapPlatformApi();
app.MapMissionsApi();
app.MapProgressApi();
app.MapTextApi();
app.MapActorsApi();
app.MapPortfolioApi();
app.MapHistoryApi();
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
        Console.WriteLine($"Masten is running at {address} (Masten körs på {address})");
});

await app.RunAsync();

/// <summary>The web host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
