using System.Text.Json;
using System.Text.RegularExpressions;
using Masten.Core.Common;
using Masten.Web.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masten.Web.Platform;

/// <summary>Turns a <see cref="FieldError"/> into text in the user's language.</summary>
public static partial class ErrorText
{
    /// <summary>The message alone, for beside the field: "måste vara efter basåret (2019)."</summary>
    public static string Message(IStringLocalizer t, FieldError error)
    {
        var text = t[$"Error.{error.Code}", error.Args.ToArray()];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>The field's label: "Slutår", "Mål 2: datum".</summary>
    public static string Label(IStringLocalizer t, string field)
    {
        var match = IndexedField().Match(field);
        if (match.Success)
        {
            var item = t[$"Field.{match.Groups["list"].Value}.item", int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1];
            var part = t[$"Field.{match.Groups["part"].Value}"];
            return $"{item}: {part.Value.ToLowerInvariant()}";
        }
        var label = t[$"Field.{field}"];
        return label.ResourceNotFound ? field : label.Value;
    }

    /// <summary>"Slutår måste vara efter basåret (2019)." — label and message, for summaries and the API.</summary>
    public static string Sentence(IStringLocalizer t, FieldError error) => $"{Label(t, error.Field)}: {Message(t, error)}";

    [GeneratedRegex(@"^(?<list>\w+)\[(?<index>\d+)\]\.(?<part>\w+)$")]
    private static partial Regex IndexedField();
}

/// <summary>
/// Maps what a request can get wrong to ProblemDetails: a broken domain rule (400 with field
/// errors, or 409), a stale version (409), and a JSON body that does not fit (400 naming the field).
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<Texts> t) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            DbUpdateConcurrencyException => FromDomain(DomainException.Conflict("version", "StaleVersion", "someone else saved a newer version.")),
            BadHttpRequestException bad => FromBadRequest(bad),
            _ => null,
        };
        if (problem is null)
            return false;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private ValidationProblemDetails FromDomain(DomainException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => ErrorText.Sentence(t, e)).ToArray());
        var conflict = exception.Kind == DomainErrorKind.Conflict;
        return new ValidationProblemDetails(errors)
        {
            Status = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            Title = conflict ? t["Problem.Conflict"] : t["Problem.Validation"],
            Type = conflict ? "https://tools.ietf.org/html/rfc9110#section-15.5.10" : "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
    }

    private ValidationProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        var field = exception.InnerException is JsonException json && !string.IsNullOrEmpty(json.Path)
            ? JsonPathToField(json.Path)
            : BoundParameter().Match(exception.Message) is { Success: true } parameter ? parameter.Groups["name"].Value : "body";
        var error = new FieldError(field, "Unreadable", "has a value of the wrong kind (for example text where a number belongs).");
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [ErrorText.Sentence(t, error)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = t["Problem.Validation"],
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
    }

    /// <summary>A query or route value that did not parse: <c>Failed to bind parameter "int? page" from "x".</c></summary>
    [GeneratedRegex("""^Failed to bind parameter "[^"]*?(?<name>\w+)" from""")]
    private static partial Regex BoundParameter();

    /// <summary><c>$.targets[1].date</c> → <c>targets[1].date</c>; <c>$</c> → <c>body</c>.</summary>
    public static string JsonPathToField(string path)
    {
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }
}
