// A bare ASP.NET Core endpoint: GET / answers "hello". bench/load.sh runs it in Release beside Masten
// and measures its requests per second with the same wrk settings as Masten's pages.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "hello");
app.Run();
