namespace Masten.Web.Accounts;

/// <summary>
/// The links Masten builds for people to open later (invitations, the first administrator's setup link).
/// They start with the configured public address <c>Masten:PublicUrl</c> (e.g. <c>https://masten.example.se</c>),
/// never with the request's Host header, which whoever sends the request chooses. Without a configured
/// address a link is relative (<c>/invite/…</c>) and the page says so; the setup link printed at start-up
/// uses the first address the server listens on.
/// </summary>
public sealed class PublicLinks
{
    public PublicLinks(IConfiguration configuration)
    {
        var configured = configuration["Masten:PublicUrl"];
        if (string.IsNullOrWhiteSpace(configured))
            return;
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new InvalidOperationException($"Masten:PublicUrl must be an absolute http or https address such as https://masten.example.se, not '{configured}'.");
        BaseUrl = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The configured public address without a trailing slash, or null when none is configured.</summary>
    public string? BaseUrl { get; }

    /// <summary>Whether links are absolute (a public address is configured).</summary>
    public bool IsConfigured => BaseUrl is not null;

    /// <summary>The link that opens an invitation: absolute with a configured address, relative otherwise.</summary>
    public string Invitation(string secret) => $"{BaseUrl}/invite/{secret}";

    /// <summary>The setup link printed at start-up: the public address, or else the first address the server listens on.</summary>
    public string Setup(string secret, string? listeningAddress) => $"{BaseUrl ?? listeningAddress?.TrimEnd('/')}/invite/{secret}";
}
