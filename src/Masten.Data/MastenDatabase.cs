using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Data;

/// <summary>Which database Masten stores its data in: <c>Database:Provider</c> = <c>Sqlite</c> | <c>Postgres</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Chooses and registers the database from configuration, shared by the web host, the CLI and the tests.
/// <list type="bullet">
/// <item><c>Database:Provider</c>: <c>Sqlite</c> (default) or <c>Postgres</c>.</item>
/// <item><c>ConnectionStrings:Masten</c>: the connection string. For SQLite it defaults to a file
/// <c>masten.db</c> in <c>Database:DataDirectory</c> (default <c>data</c> beside the working directory).</item>
/// </list>
/// </summary>
public static class MastenDatabase
{
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
            return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Masten");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        if (Provider(configuration) == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Masten is not set.");
        var directory = configuration["Database:DataDirectory"];
        directory = string.IsNullOrWhiteSpace(directory) ? "data" : directory;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return $"Data Source={Path.Combine(directory, "masten.db")}";
    }

    /// <summary>Registers <see cref="MastenDbContext"/> as the provider's subclass, scoped.</summary>
    public static IServiceCollection AddMastenDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = Provider(configuration);
        var connection = ConnectionString(configuration);
        services.AddSingleton(_ => new StampedReads(
            configuration.GetValue("Cache:Analyses", true),
            configuration.GetValue("Cache:AnalysesEntries", StampedReads.DefaultMostEntries)));
        if (provider == DatabaseProvider.Postgres)
            services.AddDbContext<MastenDbContext, PostgresMastenDbContext>(o => o.UseNpgsql(connection));
        else
        {
            CreatePrivateSqliteFile(connection);
            services.AddDbContext<MastenDbContext, SqliteMastenDbContext>(o => o.UseSqlite(connection));
        }
        return services;
    }

    /// <summary>
    /// Creates a new SQLite database file readable and writable by its owner only (mode 0600 on Unix) before
    /// SQLite opens it, since SQLite would create it with the umask's wider default (often 0644). SQLite gives
    /// the -wal, -shm and -journal files the permissions of the database file, so they are private too. An
    /// existing file keeps the permissions it has.
    /// </summary>
    public static void CreatePrivateSqliteFile(string connectionString)
    {
        if (OperatingSystem.IsWindows())
            return;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory
            || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || File.Exists(path))
            return;
        // A folder that is not there is the caller's to create (the host creates the data folder); SQLite then
        // fails to open the database, and /health says the database cannot be reached.
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
            return;
        try
        {
            // An empty file is an empty SQLite database.
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    /// <summary>A context outside dependency injection, for tools and tests.</summary>
    public static MastenDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresMastenDbContext(new DbContextOptionsBuilder<PostgresMastenDbContext>().UseNpgsql(connectionString).Options),
        _ => new SqliteMastenDbContext(new DbContextOptionsBuilder<SqliteMastenDbContext>().UseSqlite(connectionString).Options),
    };
}

// Used only by `dotnet ef` to generate migrations; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMastenDbContext>
{
    public SqliteMastenDbContext CreateDbContext(string[] args) =>
        (SqliteMastenDbContext)MastenDatabase.Create(DatabaseProvider.Sqlite, "Data Source=design.db");
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMastenDbContext>
{
    public PostgresMastenDbContext CreateDbContext(string[] args) =>
        (PostgresMastenDbContext)MastenDatabase.Create(DatabaseProvider.Postgres, "Host=localhost;Database=masten_design");
}
