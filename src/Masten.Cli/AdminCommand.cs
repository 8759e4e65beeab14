using System.CommandLine;
using Masten.Core.Common;
using Masten.Data.Accounts;

namespace Masten.Cli;

/// <summary><c>masten admin create --email</c>: a one-time link that makes a system administrator.</summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The e-mail address of the new administrator; only this address can use the link.", Required = true };
        var url = new Option<string>("--url") { Description = "The address Masten is reached at, for the link.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var create = new Command("create", "Make a one-time link (valid for a day) with which this person creates their account and becomes a system administrator. No password is ever set from here.") { email, url };
        create.SetAction(async (parse, ct) =>
        {
            await using var db = CliDatabase.Open(parse);
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, ct);
            try
            {
                var secret = await new AccountStore(db).SetupLinkSecretAsync(parse.GetValue(email), ct);
                Console.WriteLine($"Open this link to create the administrator account for {parse.GetValue(email)} (valid for one day, works once):");
                Console.WriteLine($"{parse.GetValue(url)!.TrimEnd('/')}/invite/{secret}");
                return 0;
            }
            catch (DomainException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        var admin = new Command("admin", "Administrators of Masten.") { create };
        return admin;
    }
}
