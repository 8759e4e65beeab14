using Masten.Data.Accounts;
using Masten.Data.Actors;
using Masten.Data.Imports;
using Masten.Data.Journeys;
using Masten.Data.Messaging;
using Masten.Data.Missions;
using Masten.Data.Portfolio;
using Masten.Data.Pulses;
using Masten.Data.Readability;
using Masten.Data.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Masten.Data;

/// <summary>Every store of Masten, registered in one place: each write a page, the API or a job makes goes through one of them.</summary>
public static class MastenStores
{
    /// <summary>
    /// Registers the stores, scoped like <see cref="MastenDbContext"/>. <see cref="ImportStore"/> takes its limits from
    /// <c>IOptions&lt;ImportOptions&gt;</c> (the <c>Imports</c> section, bound by the web host).
    /// </summary>
    public static IServiceCollection AddMastenStores(this IServiceCollection services)
    {
        services.AddScoped<MissionStore>();
        services.AddScoped<ActorStore>();
        services.AddScoped<PortfolioStore>();
        services.AddScoped<JourneyStore>();
        services.AddScoped<ReportStore>();
        services.AddScoped<GlossaryStore>();
        services.AddScoped<AccountStore>();
        services.AddScoped<NotificationStore>();
        services.AddScoped<OutboxStore>();
        services.AddScoped<PulseStore>();
        services.AddScoped(sp => new ImportStore(sp.GetRequiredService<MastenDbContext>(), sp.GetRequiredService<IOptions<ImportOptions>>().Value));
        return services;
    }
}
