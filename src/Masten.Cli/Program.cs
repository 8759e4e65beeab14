using Masten.Cli;

// masten: Masten's command line. Every command reads the same settings as the web host:
// appsettings.json in the current folder, then environment variables (Database__Provider,
// ConnectionStrings__Masten, Database__DataDirectory), then --provider / --connection.
return await CliApp.Create().Parse(args).InvokeAsync();
