namespace Masten.Core.Common;

/// <summary>What kind of rule a <see cref="DomainException"/> reports; the web tier maps it to a status code.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule; nothing was stored (HTTP 400).</summary>
    Validation,
    /// <summary>Someone else changed the record first, or the change clashes with its current state (HTTP 409).</summary>
    Conflict,
}

/// <summary>
/// One broken rule on one field. <see cref="Field"/> is the camelCase name used by the API
/// (<c>horizonYear</c>, <c>targets[1].date</c>); <see cref="Code"/> selects the localized message and
/// <see cref="Args"/> fills its placeholders. <see cref="Message"/> is the English text for logs and the CLI.
/// </summary>
public sealed record FieldError(string Field, string Code, string Message, IReadOnlyList<object> Args)
{
    public FieldError(string field, string code, string message, params object[] args)
        : this(field, code, message, (IReadOnlyList<object>)args) { }
}

/// <summary>The one exception type domain rules throw. Expected misses (unknown ids) are not exceptions.</summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, IReadOnlyList<FieldError> errors)
        : base(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Kind = kind;
        Errors = errors;
    }

    public DomainException() : this(DomainErrorKind.Validation, []) { }

    public DomainException(string message) : base(message) { Errors = []; }

    public DomainException(string message, Exception innerException) : base(message, innerException) { Errors = []; }

    public DomainErrorKind Kind { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public static DomainException Conflict(string field, string code, string message) =>
        new(DomainErrorKind.Conflict, [new FieldError(field, code, message)]);
}
