namespace Masten.Web.Platform;

/// <summary>
/// Headers that tell the browser what this site may do, set on every response: pages, the API,
/// static files and error responses alike. They are added when the response starts, so an
/// exception handler or a status-code page that clears the response still sends them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts, styles and images only from Masten itself; no inline scripts or styles. Nothing needs a
    /// relaxation: the pages load <c>blazor.web.js</c> and <c>masten.js</c> as files, the styles are in
    /// <c>app.css</c>, and the charts are inline SVG with presentation attributes, never <c>style</c>
    /// (see <see cref="SvgMarkup"/>). Keep it that way rather than adding <c>'unsafe-inline'</c>.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Masten uses none of these browser features.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Register early, before the exception handler, so every response gets the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    private static Task Apply(object state)
    {
        // Assigning replaces any earlier value, so a header is never sent twice.
        var headers = ((HttpContext)state).Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}
