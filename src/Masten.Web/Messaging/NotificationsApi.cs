using Masten.Core.Accounts;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Messaging;
using Masten.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masten.Web.Messaging;

/// <summary>
/// <c>/api/v1/me</c> for a person's own notifications and settings: the list (read and unread), marking read, and the
/// settings of their messages (language, digest daily or weekly, hour, weekday, kinds). Every route answers for the
/// token's own account only.
/// </summary>
public static class NotificationsApi
{
    /// <summary>The settings a person saves. <c>kinds</c> names the kinds wanted (Commitments, Reports, CheckIns, Signing, Reviews, Invitations).</summary>
    public sealed record SettingsRequest(string? Language, DigestFrequency Frequency, int Hour, DayOfWeek Weekday, IReadOnlyList<string>? Kinds);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/me").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/notifications", ListAsync).WithName("MyNotifications")
            .WithSummary("The signed-in person's notifications, newest first, paged; unread=true for the unread only.");
        api.MapPost("/notifications/{id:long}/read", ReadAsync).WithName("MarkNotificationRead")
            .WithSummary("Marks one of the person's notifications read.");
        api.MapPost("/notifications/read", ReadAllAsync).WithName("MarkAllNotificationsRead")
            .WithSummary("Marks all of the person's notifications read.");
        api.MapGet("/notification-settings", SettingsAsync).WithName("MyNotificationSettings")
            .WithSummary("The person's message settings: language, digest frequency, hour and weekday (in the mission time zone), kinds.");
        api.MapPut("/notification-settings", SaveAsync).WithName("SaveMyNotificationSettings")
            .WithSummary("Saves the person's message settings. A bad value is a 400 naming the field (language, hour, kinds).");
        return app;
    }

    private static int UserId(HttpContext http) => AccessService.UserId(http.User) ?? 0;

    private static async Task<Ok<Page<NotificationDto>>> ListAsync(HttpContext http, NotificationStore store, bool? unread, [AsParameters] PageRequest paging, CancellationToken ct) =>
        TypedResults.Ok(await store.PageAsync(UserId(http), unread == true, paging.Number, Math.Clamp(paging.SizeOr(25), 1, 100), ct));

    private static async Task<Results<NoContent, NotFound>> ReadAsync(long id, HttpContext http, NotificationStore store, CancellationToken ct)
    {
        if (!await store.ExistsAsync(UserId(http), id, ct))
            return TypedResults.NotFound();
        await store.MarkReadAsync(UserId(http), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ReadAllAsync(HttpContext http, NotificationStore store, CancellationToken ct)
    {
        await store.MarkReadAsync(UserId(http), null, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<NotificationSettingsDto>> SettingsAsync(HttpContext http, NotificationStore store, IOptions<NotificationOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await store.SettingsAsync(UserId(http), options.Value.TimeZone, MailComposer.CurrentLanguage(), ct));

    private static async Task<Results<Ok<NotificationSettingsDto>, ValidationProblem>> SaveAsync(SettingsRequest request, HttpContext http, NotificationStore store,
        IOptions<NotificationOptions> options, CancellationToken ct)
    {
        var kinds = NotificationKinds.None;
        foreach (var name in request.Kinds ?? [])
        {
            if (!Enum.TryParse<NotificationKinds>(name, ignoreCase: true, out var kind) || int.TryParse(name, out _) || kind is NotificationKinds.None)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kinds"] = [$"'{name}' is not a kind of notification."] });
            kinds |= kind;
        }
        // Domain errors (language, hour) become ProblemDetails naming the field in the exception handler.
        await store.SaveAsync(UserId(http), new NotificationSettingsInput(request.Language, request.Frequency, request.Hour, request.Weekday, kinds), ct);
        return TypedResults.Ok(await store.SettingsAsync(UserId(http), options.Value.TimeZone, MailComposer.CurrentLanguage(), ct));
    }
}
