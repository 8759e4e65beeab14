using System.Globalization;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Platform;

/// <summary>
/// The largest request body Masten reads: <c>Limits:MaxRequestBodyBytes</c>, 1 MB by default — far
/// more than any form or JSON body needs. Kestrel enforces it while reading; a request that announces a
/// larger Content-Length is refused up front with 413 and ProblemDetails, before anything reads it.
/// Import uploads (<see cref="Imports.ImportsApi.IsUpload"/>) have a limit of their own.
/// </summary>
public static class RequestLimits
{
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static long MaxRequestBodyBytes(IConfiguration configuration) =>
        configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var max = MaxRequestBodyBytes(configuration);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max);
        return services;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var normal = MaxRequestBodyBytes(configuration);
        // Imports upload whole files: their routes take Imports:MaxFileBytes (default 50 MB) and a margin for the form.
        var imports = Imports.ImportsApi.MaxFileBytes(configuration) + 64 * 1024;
        return app.Use(async (context, next) =>
        {
            var max = Imports.ImportsApi.IsUpload(context.Request) ? Math.Max(normal, imports) : normal;
            // Kestrel already holds this limit; setting it here also covers other servers.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = max;
            if (context.Request.ContentLength > max)
            {
                await TooLargeAsync(context, max);
                return;
            }
            await next(context);
        });
    }

    /// <summary>Answers 413 with ProblemDetails in the user's language.</summary>
    public static async Task TooLargeAsync(HttpContext context, long max)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<Texts>>();
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = t["Problem.TooLarge", max.ToString(CultureInfo.InvariantCulture)],
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsync(problem.Title, context.RequestAborted);
    }
}
