namespace Masten.Web.Messaging;

/// <summary>
/// The loop of Masten's background workers (the outbox, the reminders, the pulse schedule): run a pass, then wait the
/// interval, until the host stops. A pass that says more work is waiting runs again at once; a failed pass is logged
/// and waited out, so a worker outlives any one failure (a database that is away for a moment).
/// </summary>
public static class BackgroundLoop
{
    /// <summary>Runs <paramref name="pass"/> until <paramref name="stoppingToken"/> is cancelled; a pass answers true when it should run again without waiting.</summary>
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> pass, TimeSpan interval, TimeProvider clock, ILogger log, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        while (!stoppingToken.IsCancellationRequested)
        {
            var again = false;
            try
            {
                again = await pass(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                MailLog.WorkerFailed(log, ex, interval);
            }
            if (again)
                continue;
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="pass"/> every <see cref="OutboxWorkerOptions.ReminderMinutes"/> minutes (the reminders, the pulse
    /// schedule), or not at all when the worker is off (<see cref="OutboxWorkerOptions.Enabled"/>).
    /// </summary>
    public static Task RunPassesAsync(Func<CancellationToken, Task> pass, OutboxWorkerOptions options, TimeProvider clock, ILogger log, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(options);
        return !options.Enabled ? Task.CompletedTask
            : RunAsync(async ct => { await pass(ct); return false; }, TimeSpan.FromMinutes(Math.Max(0.01, options.ReminderMinutes)), clock, log, stoppingToken);
    }
}
