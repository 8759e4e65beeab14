using System.CommandLine;
using Masten.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Masten.Cli;

/// <summary>Which database a command works on, from configuration and the global options.</summary>
internal static class CliDatabase
{
    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "Sqlite or Postgres (default: Database:Provider from settings, else Sqlite).",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Connection string (default: ConnectionStrings:Masten; for SQLite a file in ./data).",
        Recursive = true,
    };

    public static IConfiguration Configuration(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(ProviderOption) is { } provider)
            overrides["Database:Provider"] = provider;
        if (parse.GetValue(ConnectionOption) is { } connection)
            overrides["ConnectionStrings:Masten"] = connection;
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }

    /// <summary>Opens the database for reading, or explains how to create it when it is missing or out of date.</summary>
    public static async Task<MastenDbContext?> OpenMigratedAsync(ParseResult parse, CancellationToken ct)
    {
        var db = Open(parse);
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            Console.Error.WriteLine("The database is missing or out of date. Run: masten migrate");
            await db.DisposeAsync();
            return null;
        }
        return db;
    }

    public static MastenDbContext Open(ParseResult parse)
    {
        var configuration = Configuration(parse);
        var provider = MastenDatabase.Provider(configuration);
        var connection = MastenDatabase.ConnectionString(configuration);
        if (provider == DatabaseProvider.Sqlite)
            MastenDatabase.CreatePrivateSqliteFile(connection);
        var db = MastenDatabase.Create(provider, connection);
        db.Author = "cli";
        // The CLI works on behalf of Masten itself: it sees every mission, drafts included.
        db.SeeAllMissions();
        return db;
    }
}
