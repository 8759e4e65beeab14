using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Masten.Core.Common;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Platform;

/// <summary>
/// Malformed query values never reach the code as an exception. Blazor binds
/// <c>[SupplyParameterFromQuery]</c> properties itself and throws (a 500) when a value does not parse as the
/// property's type (<c>/?page=x</c>, <c>?round=99999999999</c>). Rather than making every page parameter a
/// string, this one step, after routing, looks at the page the request is routed to: a query value that
/// does not parse as its property's type, or that holds a control character (NUL reaches PostgreSQL as an
/// error), is removed from the request, so the page sees the parameter as absent and shows its default —
/// the same as a link without it. A new query-bound page parameter is covered without any code of its own.
/// The API answers a control character in any query value with 400 naming the parameter; its typed
/// parameters already answer 400 when they do not parse (see <see cref="ProblemExceptionHandler"/>).
/// </summary>
public static class QueryGuard
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> Parameters = new();

    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var query = context.Request.Query;
        if (query.Count > 0)
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                if (query.FirstOrDefault(q => q.Value.Any(v => v?.Any(char.IsControl) == true)) is { Key: not null } bad)
                {
                    await ControlCharacterAsync(context, bad.Key);
                    return;
                }
            }
            else if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
            {
                var kept = Filter(query, QueryParameters(page.Type));
                if (kept is not null)
                    context.Request.QueryString = QueryString.Create(kept);
            }
        }
        await next(context);
    });

    /// <summary>The <c>[SupplyParameterFromQuery]</c> properties of a page: the query name Blazor binds and the property's type.</summary>
    public static IReadOnlyList<(string Name, Type Type)> QueryParameters(Type component) => Parameters.GetOrAdd(component, type =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, p.Property.PropertyType))
            .ToArray());

    /// <summary>The query without the values its page cannot take, or null when every value may stay.</summary>
    private static List<KeyValuePair<string, string?>>? Filter(IQueryCollection query, IReadOnlyList<(string Name, Type Type)> parameters)
    {
        List<KeyValuePair<string, string?>>? kept = null;
        var all = query.SelectMany(q => q.Value.Select(v => (q.Key, Value: v))).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var (key, value) = all[i];
            var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
            var fits = parameter.Name is null || Fits(value, parameter.Type);
            if (!fits && kept is null)
                kept = all.Take(i).Select(a => new KeyValuePair<string, string?>(a.Key, a.Value)).ToList();
            else if (fits && kept is not null)
                kept.Add(new(key, value));
        }
        return kept;
    }

    /// <summary>Whether Blazor can bind the text to the type, by the rules it parses query values with (invariant culture).</summary>
    public static bool Fits(string? text, Type type)
    {
        if (text is null)
            return true;
        if (text.Any(char.IsControl))
            return false;
        var target = type.IsArray ? type.GetElementType()! : type;
        var nullable = Nullable.GetUnderlyingType(target);
        target = nullable ?? target;
        if (target == typeof(string) || (text.Length == 0 && nullable is not null))
            return true;
        var c = CultureInfo.InvariantCulture;
        return target switch
        {
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.Integer, c, out _),
            _ when target == typeof(long) => long.TryParse(text, NumberStyles.Integer, c, out _),
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, c, out _),
            _ when target == typeof(float) => float.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, c, out _),
            _ when target == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, c, out _),
            _ when target == typeof(bool) => bool.TryParse(text, out _),
            _ when target == typeof(Guid) => Guid.TryParse(text, c, out _),
            _ when target == typeof(DateTime) => DateTime.TryParse(text, c, DateTimeStyles.None, out _),
            _ when target == typeof(DateOnly) => DateOnly.TryParse(text, c, DateTimeStyles.None, out _),
            _ when target == typeof(TimeOnly) => TimeOnly.TryParse(text, c, DateTimeStyles.None, out _),
            // A type Blazor cannot bind at all fails at start-up of the page, not per request.
            _ => true,
        };
    }

    private static async Task ControlCharacterAsync(HttpContext context, string field)
    {
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<Texts>>();
        var error = new FieldError(field, "ControlCharacterInLine", "must be one line without tabs or control characters.");
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [ErrorText.Sentence(t, error)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = t["Problem.Validation"],
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsync(problem.Title, context.RequestAborted);
    }
}
