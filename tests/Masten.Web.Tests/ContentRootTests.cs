using Masten.Web.Platform;

namespace Masten.Web.Tests;

/// <summary>
/// Started as <c>dotnet path/Masten.Web.dll</c> from another directory, Masten takes its settings from its own directory;
/// a content root given on the command line or in the environment, or settings in the working directory, still win.
/// </summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string working = Directory.CreateTempSubdirectory("masten-cwd-").FullName;
    private readonly string app = Directory.CreateTempSubdirectory("masten-app-").FullName;

    public ContentRootTests() => File.WriteAllText(Path.Combine(app, "appsettings.json"), "{}");

    public void Dispose()
    {
        Directory.Delete(working, recursive: true);
        Directory.Delete(app, recursive: true);
    }

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void StartedFromADirectoryWithoutSettingsTheAppsOwnDirectoryIsTheContentRoot() =>
        Assert.Equal(app, ContentRoot.For([], working, app, NoEnvironment));

    [Fact]
    public void SettingsInTheWorkingDirectoryKeepItAsTheContentRoot()
    {
        File.WriteAllText(Path.Combine(working, "appsettings.json"), "{}");
        Assert.Null(ContentRoot.For([], working, app, NoEnvironment));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/masten")]
    [InlineData("--contentroot")]
    [InlineData("/contentRoot")]
    public void AContentRootOnTheCommandLineWins(string argument) =>
        Assert.Null(ContentRoot.For([argument, "/srv/masten"], working, app, NoEnvironment));

    [Theory]
    [InlineData("ASPNETCORE_CONTENTROOT")]
    [InlineData("DOTNET_CONTENTROOT")]
    public void AContentRootInTheEnvironmentWins(string variable) =>
        Assert.Null(ContentRoot.For([], working, app, name => name == variable ? "/srv/masten" : null));

    [Fact]
    public void WithoutSettingsAnywhereAspNetCoreChooses()
    {
        File.Delete(Path.Combine(app, "appsettings.json"));
        Assert.Null(ContentRoot.For([], working, app, NoEnvironment));
    }
}
