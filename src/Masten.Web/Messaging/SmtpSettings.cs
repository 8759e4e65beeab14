using Microsoft.Extensions.Options;
using MimeKit;

namespace Masten.Web.Messaging;

/// <summary>How the connection to the mail server is protected: <c>Smtp:Security</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same machine or network).</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS, required (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}

/// <summary>The <c>Smtp</c> settings. Without <see cref="Host"/> nothing is sent: messages stay in the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    /// <summary>Default by <see cref="Security"/>: 25, 587 or 465.</summary>
    public int? Port { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, <c>Masten &lt;masten@example.se&gt;</c> or a bare address.</summary>
    public string? From { get; set; }

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.Tls => 465,
        _ => 587,
    };
}

/// <summary>Checks the <c>Smtp</c> settings once something is configured; an empty section is valid (mail is off).</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host) && string.IsNullOrWhiteSpace(options.From) && string.IsNullOrWhiteSpace(options.User))
            return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
            errors.Add("Smtp:Host is required when any other Smtp setting is set.");
        else if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
            errors.Add($"Smtp:Host '{options.Host}' is not a host name or address.");
        if (options.Port is < 1 or > 65535)
            errors.Add("Smtp:Port must be between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(options.From))
            errors.Add("Smtp:From is required (the sender's address, e.g. Masten <masten@example.se>).");
        else if (!MailboxAddress.TryParse(options.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
            errors.Add($"Smtp:From '{options.From}' is not an e-mail address.");
        if (string.IsNullOrEmpty(options.User) != string.IsNullOrEmpty(options.Password))
            errors.Add("Smtp:User and Smtp:Password go together: set both or neither.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Where mail stands: off, configured, or configured wrongly (with why); and how the last attempt to reach the server went.</summary>
public enum MailState
{
    NotConfigured,
    Configured,
    Misconfigured,
}

/// <summary>
/// The SMTP settings as read through the options pattern, without ever stopping Masten: settings that fail
/// validation (or do not bind, such as <c>Smtp:Security=Ssl</c>) make mail <see cref="MailState.Misconfigured"/>,
/// which the health page and the log say, while messages wait in the outbox.
/// </summary>
public sealed class MailSettings(IOptionsMonitor<SmtpOptions> options)
{
    private volatile string? lastError;

    public (MailState State, SmtpOptions? Options, IReadOnlyList<string> Problems) Current()
    {
        try
        {
            var value = options.CurrentValue;
            return string.IsNullOrWhiteSpace(value.Host) ? (MailState.NotConfigured, null, []) : (MailState.Configured, value, []);
        }
        catch (OptionsValidationException ex)
        {
            return (MailState.Misconfigured, null, [.. ex.Failures]);
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not convert a value (a port that is not a number, an unknown security mode).
            return (MailState.Misconfigured, null, [ex.Message]);
        }
    }

    /// <summary>Why the last connection to the mail server failed; null once one succeeds.</summary>
    public string? LastError => lastError;

    internal void Reached() => lastError = null;

    internal void Failed(string error) => lastError = error;
}
