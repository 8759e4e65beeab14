namespace Masten.Web.Platform;

/// <summary>
/// Where Masten reads <c>appsettings.json</c> from. ASP.NET Core takes the working directory as the content root, so
/// <c>dotnet path/to/Masten.Web.dll</c> started elsewhere would miss the settings next to the DLL and run with the
/// framework's defaults (every SQL command logged). When the working directory has no <c>appsettings.json</c> and the
/// app's own directory has one, that directory is the content root. A content root given on the command line
/// (<c>--contentRoot</c>, as the test host passes) or in <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> wins.
/// Files Masten writes (the SQLite file in <c>Database:DataDirectory</c>) stay relative to the working directory.
/// </summary>
public static class ContentRoot
{
    /// <summary>The content root to use, or null for ASP.NET Core's own choice.</summary>
    public static string? For(string[] args, string workingDirectory, string appDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT")))
            return null;
        if (File.Exists(Path.Combine(workingDirectory, "appsettings.json")))
            return null;
        return File.Exists(Path.Combine(appDirectory, "appsettings.json")) ? appDirectory : null;
    }
}
