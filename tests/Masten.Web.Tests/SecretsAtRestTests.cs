using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Masten.Data;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Masten.Web.Tests;

/// <summary>Common passwords are refused; data-protection keys are encrypted in the database when a certificate is configured.</summary>
public abstract class SecretsAtRestTests(MastenAppFactory factory)
{
    protected MastenAppFactory Factory { get; } = factory;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@masten.test";

    [Theory]
    [InlineData("qazwsxedcrfv")]
    [InlineData("LeaveMeAlone")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("password123456")]
    [InlineData("Sunshine2024!!!")]
    public void ACommonPasswordOrOneWithDigitsAndPunctuationAddedIsCommon(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("en lång mening som lösenord")]
    [InlineData("correct horse battery")]
    [InlineData("Tre gröna kaniner hoppar 2024")]
    [InlineData("123456789098765432123")]
    public void APassphraseIsNotCommon(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));

    [SkippableTheory]
    [InlineData("qazwsxedcrfv")]
    [InlineData("Password12345678")]
    public async Task SigningUpWithACommonPasswordIsRefusedInSwedishAndMakesNoAccount(string password)
    {
        Factory.RequireDatabase();
        var invite = await Factory.CreateClient().PostAsJsonAsync($"/api/v1/missions/{Factory.ExampleMissionId}/invitations", new { role = "Viewer" });
        var link = new Uri((string)(await invite.Content.ReadFromJsonAsync<JsonNode>())!["link"]!).PathAndQuery;
        var email = Unique("vanlig");

        var response = await PageTests.PostFormAsync(Factory.CreateAnonymousClient(), link, new Dictionary<string, string>
        {
            ["DisplayName"] = "Vanlig", ["Email"] = email, ["Password"] = password, ["ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Lösenord: är ett av de vanligaste lösenorden.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [SkippableFact]
    public async Task WithACertificateConfiguredTheStoredKeysAreEncryptedAndReadBack()
    {
        Factory.RequireDatabase();
        var directory = Directory.CreateTempSubdirectory("masten-keys-");
        try
        {
            var pfx = Path.Combine(directory.FullName, "keys.pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=Masten data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "hemligt lösenord"));
            }
            using var host = Factory.WithWebHostBuilder(b => b
                .UseSetting("DataProtection:CertificatePath", pfx)
                .UseSetting("DataProtection:CertificatePassword", "hemligt lösenord"));
            var keys = host.Services.GetRequiredService<IKeyManager>();

            var created = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

            var stored = await Factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
            var xml = Assert.Single(stored, x => x!.Contains(created.KeyId.ToString(), StringComparison.Ordinal));
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            // Read back from the database and decrypted with the certificate.
            var read = Assert.Single(keys.GetAllKeys(), k => k.KeyId == created.KeyId);
            Assert.NotNull(read.Descriptor);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task WithoutACertificateTheStoredKeysArePlainAsTheThreatModelSays()
    {
        Factory.RequireDatabase();
        var keys = Factory.Services.GetRequiredService<IKeyManager>();
        var created = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var stored = await Factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        var xml = Assert.Single(stored, x => x!.Contains(created.KeyId.ToString(), StringComparison.Ordinal));
        Assert.Contains("<masterKey", xml, StringComparison.Ordinal);
    }

}

public sealed class SqliteSecretsAtRestTests(SqliteAppFactory factory) : SecretsAtRestTests(factory), IClassFixture<SqliteAppFactory>
{
    [Fact]
    public void AMissingCertificateFileStopsTheStartNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "/nonexistent/keys.pfx" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddDataProtection().ProtectKeysAtRest(configuration));
        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheSqliteFileOfTheRunningHostIsReadableByItsOwnerOnly()
    {
        Skip.If(OperatingSystem.IsWindows(), "file modes are a Unix matter");
        var connection = Factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Masten")!;
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ANewSqliteDatabaseAndItsWalAndShmFilesAreReadableByTheirOwnerOnly()
    {
        Skip.If(OperatingSystem.IsWindows(), "file modes are a Unix matter");
        var directory = Directory.CreateTempSubdirectory("masten-mode-");
        try
        {
            var path = Path.Combine(directory.FullName, "masten.db");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Masten"] = $"Data Source={path}" }).Build();
            await using var services = new ServiceCollection().AddMastenDatabase(configuration).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MastenDbContext>();
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                // Masten's own schema: a write through Masten's context raises the data stamp, whose table must exist.
                await db.Database.MigrateAsync();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                    Assert.Equal((file, UnixFileMode.UserRead | UnixFileMode.UserWrite), (file, File.GetUnixFileMode(file)));
                await db.Database.CloseConnectionAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

public sealed class PostgresSecretsAtRestTests(PostgresAppFactory factory) : SecretsAtRestTests(factory), IClassFixture<PostgresAppFactory>;
