using Masten.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masten.Web.Accounts;

/// <summary>
/// System administrators manage accounts: list them, disable and enable one, list and revoke anyone's
/// tokens. The whole group needs <see cref="Policies.Administer"/>. Every change is saved through the
/// database context, so it is in the audit log with who made it.
/// </summary>
public static class AdminAccountsApi
{
    public static IEndpointRouteBuilder MapAdminAccountsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Administer).WithTags("Administration");
        admin.MapGet("/accounts", ListAccounts).WithName("ListAccounts").WithSummary("Every account, by e-mail, 100 a page.");
        admin.MapPost("/accounts/{accountId:int}/disable", DisableAccount).WithName("DisableAccount").WithSummary("Disables an account: its sessions and tokens stop working at once and it cannot sign in.");
        admin.MapPost("/accounts/{accountId:int}/enable", EnableAccount).WithName("EnableAccount").WithSummary("Enables a disabled account again.");
        admin.MapGet("/accounts/{accountId:int}/tokens", ListTokens).WithName("ListAccountTokens").WithSummary("An account's API tokens (never their secrets).");
        admin.MapDelete("/tokens/{tokenId:int}", RevokeToken).WithName("RevokeAnyToken").WithSummary("Revokes any person's token.");
        return app;
    }

    private static async Task<Ok<List<AccountDto>>> ListAccounts(AccountStore store, int? page, CancellationToken ct) =>
        TypedResults.Ok(await store.AccountsAsync(page ?? 1, ct: ct));

    private static Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> DisableAccount(int accountId, AccountStore store, HttpContext http, CancellationToken ct) =>
        SetDisabled(accountId, true, store, http, ct);

    private static Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> EnableAccount(int accountId, AccountStore store, HttpContext http, CancellationToken ct) =>
        SetDisabled(accountId, false, store, http, ct);

    private static async Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> SetDisabled(int accountId, bool disabled, AccountStore store, HttpContext http, CancellationToken ct)
    {
        // An administrator cannot shut themselves out (and so cannot leave Masten without one by mistake).
        if (disabled && AccessService.UserId(http.User) == accountId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = ["you cannot disable your own account."] });
        if (await store.AccountAsync(accountId, ct) is null)
            return TypedResults.NotFound();
        await store.SetDisabledAsync(accountId, disabled, ct);
        return TypedResults.Ok((await store.AccountAsync(accountId, ct))!);
    }

    private static async Task<Results<Ok<List<ApiTokenDto>>, NotFound>> ListTokens(int accountId, AccountStore store, CancellationToken ct) =>
        await store.AccountAsync(accountId, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await store.TokensAsync(accountId, ct));

    private static async Task<Results<NoContent, NotFound>> RevokeToken(int tokenId, AccountStore store, CancellationToken ct) =>
        await store.RevokeAnyTokenAsync(tokenId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
