using System.Globalization;
using Masten.Core.Common;
using Masten.Core.Messaging;
using Masten.Data.Messaging;
using Masten.Web.Components.Common;

namespace Masten.Web.Messaging;

/// <summary>The posted strings of a person's notification settings (<c>NotificationSettingsPage</c>) and their parsing into a <see cref="NotificationSettingsInput"/>.</summary>
public sealed class NotificationSettingsForm
{
    public string? Language { get; set; }
    public string? Frequency { get; set; }
    public string? Hour { get; set; }
    public string? Weekday { get; set; }
    public bool Commitments { get; set; }
    public bool Reports { get; set; }
    public bool CheckIns { get; set; }
    public bool Signing { get; set; }
    public bool Reviews { get; set; }
    public bool Invitations { get; set; }

    public static NotificationSettingsForm From(NotificationSettingsDto s) => new()
    {
        Language = s.ChosenLanguage ?? "",
        Frequency = s.Frequency.ToString(),
        Hour = s.Hour.ToString(CultureInfo.InvariantCulture),
        Weekday = s.Weekday.ToString(),
        Commitments = s.Kinds.Contains(nameof(NotificationKinds.Commitments)),
        Reports = s.Kinds.Contains(nameof(NotificationKinds.Reports)),
        CheckIns = s.Kinds.Contains(nameof(NotificationKinds.CheckIns)),
        Signing = s.Kinds.Contains(nameof(NotificationKinds.Signing)),
        Reviews = s.Kinds.Contains(nameof(NotificationKinds.Reviews)),
        Invitations = s.Kinds.Contains(nameof(NotificationKinds.Invitations)),
    };

    /// <summary>The input, or null with the errors naming each field that does not parse.</summary>
    public NotificationSettingsInput? ToInput(FormErrors errors)
    {
        if (!Enum.TryParse<DigestFrequency>(Frequency, out var frequency) || !Enum.IsDefined(frequency) || int.TryParse(Frequency, out _))
            errors.Add(new FieldError("digestFrequency", "UnknownValue", "is not one of the choices."));
        if (!int.TryParse(Hour, NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
            errors.Add(new FieldError("hour", "HourOutOfRange", "must be a whole hour from 0 to 23."));
        if (!Enum.TryParse<DayOfWeek>(Weekday, out var weekday) || !Enum.IsDefined(weekday) || int.TryParse(Weekday, out _))
            errors.Add(new FieldError("weekday", "UnknownValue", "is not one of the choices."));
        if (errors.Any)
            return null;
        var kinds = (Commitments ? NotificationKinds.Commitments : 0) | (Reports ? NotificationKinds.Reports : 0) | (CheckIns ? NotificationKinds.CheckIns : 0)
            | (Signing ? NotificationKinds.Signing : 0) | (Reviews ? NotificationKinds.Reviews : 0) | (Invitations ? NotificationKinds.Invitations : 0);
        return new NotificationSettingsInput(string.IsNullOrEmpty(Language) ? null : Language, frequency, hour, weekday, kinds);
    }
}
