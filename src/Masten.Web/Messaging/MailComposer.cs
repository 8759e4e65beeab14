using System.Globalization;
using System.Net;
using System.Text;
using Masten.Core.Accounts;
using Masten.Core.Messaging;
using Masten.Data;
using Masten.Data.Messaging;
using Masten.Web.Accounts;
using Masten.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Masten.Web.Messaging;

/// <summary>A link in a message: what it says and where it goes.</summary>
public sealed record MailAction(string Label, string Url);

/// <summary>One line of a message with its link (a digest's item); without text, just the link.</summary>
public sealed record MailItem(string? Text, MailAction Action);

/// <summary>A part of a message under a heading (none: no heading).</summary>
public sealed record MailSection(string? Heading, IReadOnlyList<MailItem> Items);

/// <summary>
/// Writes Masten's e-mails: the texts come from this folder's Texts.*.json in the recipient's language, every
/// message has a plain-text and an HTML part, and every one ends with a one-click unsubscribe link. The texts
/// pass Masten's own klarspråk check (<see cref="MailReadability"/>; see the tests).
/// </summary>
public sealed class MailComposer(PublicLinks links, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector unsubscribe = protection.CreateProtector("Masten.Unsubscribe.v1");

    /// <summary>A text of the given language (sv, en, da), Swedish when it lacks one.</summary>
    public static string Text(string language, string key, params object[] arguments)
    {
        var texts = JsonStringLocalizer.TextsOf(language);
        if (!texts.TryGetValue(key, out var text) && !JsonStringLocalizer.TextsOf(JsonStringLocalizer.DefaultCulture).TryGetValue(key, out text))
            text = key;
        return arguments.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(language), text, arguments);
    }

    /// <summary>The language of the current request (the interface language), for a message whose recipient has no settings of their own.</summary>
    public static string CurrentLanguage() => JsonStringLocalizer.CurrentLanguage();

    /// <summary>One message, both parts, with the unsubscribe link for its address.</summary>
    public OutboxMessage Compose(MessageKind kind, string language, string to, int? userId, string subject, IReadOnlyList<string> paragraphs, MailAction? action, bool sensitive, string? causeKey = null) =>
        Compose(kind, language, to, userId, subject, paragraphs, action is null ? [] : [new MailSection(null, [new MailItem(null, action)])], [], sensitive, causeKey);

    /// <summary>
    /// One message made of opening paragraphs, sections (a heading and items, each a line of text and a link) and
    /// closing paragraphs, both parts, with the unsubscribe link for its address.
    /// </summary>
    public OutboxMessage Compose(MessageKind kind, string language, string to, int? userId, string subject, IReadOnlyList<string> paragraphs,
        IReadOnlyList<MailSection> sections, IReadOnlyList<string> closing, bool sensitive, string? causeKey = null)
    {
        if (!JsonStringLocalizer.SupportedCultures.Contains(language))
            language = JsonStringLocalizer.DefaultCulture;
        var unsubscribeUrl = $"{links.BaseUrl}/unsubscribe/{UnsubscribeToken(to)}";
        var body = new MailBody(language, subject);
        body.Paragraphs(paragraphs);
        foreach (var section in sections)
            body.Section(section);
        // A message whose only content is one link also shows the address, for a reader whose mail program hides links.
        if (sections.Count == 1 && sections[0].Heading is null && sections[0].Items.Count == 1 && sections[0].Items[0].Text is null)
            body.CopyLink(Text(language, "Mail.CopyLink"), sections[0].Items[0].Action.Url);
        body.Paragraphs(closing);
        body.Footer(Text(language, "Mail.Footer"), Text(language, "Mail.Unsubscribe"), unsubscribeUrl);
        return new OutboxMessage
        {
            Kind = kind,
            ToAddress = to.Trim(),
            ToUserId = userId,
            Language = language,
            Subject = subject,
            TextBody = body.Text,
            HtmlBody = body.Html,
            UnsubscribeUrl = unsubscribeUrl,
            Sensitive = sensitive,
            CauseKey = causeKey,
        };
    }

    /// <summary>The two parts of a message, plain text and HTML, written side by side.</summary>
    private sealed class MailBody
    {
        private readonly StringBuilder text = new();
        private readonly StringBuilder html = new();

        public MailBody(string language, string subject)
        {
            html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head>");
            html.Append("<body style=\"font-family:sans-serif;line-height:1.5;max-width:36em;color:#1a1a1a\">");
        }

        public string Text => text.ToString();

        public string Html => html.ToString();

        public void Paragraphs(IReadOnlyList<string> list)
        {
            foreach (var paragraph in list)
            {
                text.Append(paragraph).Append("\n\n");
                html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(paragraph)}</p>");
            }
        }

        /// <summary>A section: its heading, if any, and its items, each an optional line and a link.</summary>
        public void Section(MailSection section)
        {
            if (section.Heading is { } heading)
            {
                text.Append(heading).Append('\n').Append(new string('=', heading.Length)).Append("\n\n");
                html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:110%\">{Encode(heading)}</h2>");
            }
            foreach (var item in section.Items)
            {
                if (item.Text is { } line)
                {
                    text.Append("* ").Append(line).Append('\n');
                    html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(line)}<br>");
                }
                else
                    html.Append("<p>");
                text.Append(item.Action.Label).Append(":\n").Append(item.Action.Url).Append("\n\n");
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encode(item.Action.Url)}\" style=\"font-weight:bold\">{Encode(item.Action.Label)}</a></p>");
            }
        }

        /// <summary>The link written out in the HTML part (the plain-text part shows every address already).</summary>
        public void CopyLink(string copyLink, string url) =>
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:90%\">{Encode(copyLink)}<br>{Encode(url)}</p>");

        public void Footer(string footer, string stop, string unsubscribeUrl)
        {
            text.Append("-- \n").Append(footer).Append('\n').Append(stop).Append(":\n").Append(unsubscribeUrl).Append('\n');
            html.Append(CultureInfo.InvariantCulture, $"<hr><p style=\"font-size:90%\">{Encode(footer)} <a href=\"{Encode(unsubscribeUrl)}\">{Encode(stop)}</a></p></body></html>");
        }
    }

    /// <summary>The token of an address's unsubscribe link: the address, signed and encrypted with the data-protection keys (shared by every instance).</summary>
    public string UnsubscribeToken(string address) =>
        WebEncoders.Base64UrlEncode(unsubscribe.Protect(Encoding.UTF8.GetBytes(address.Trim())));

    /// <summary>The address an unsubscribe token names, or null for a token that is unknown or was tampered with.</summary>
    public string? AddressOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
            return null;
        try
        {
            return Encoding.UTF8.GetString(unsubscribe.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The invitation e-mail to the address an invitation is bound to, in the inviter's language.</summary>
    public async Task<OutboxMessage> InvitationAsync(MastenDbContext db, Invitation invitation, string secret, string language, CancellationToken ct)
    {
        var scope = invitation.MissionId is { } missionId
            ? await db.Missions.IgnoreQueryFilters().Where(m => m.Id == missionId).Select(m => m.Title).FirstOrDefaultAsync(ct)
            : invitation.ProgrammeId is { } programmeId
                ? await db.Programmes.IgnoreQueryFilters().Where(p => p.Id == programmeId).Select(p => p.Name).FirstOrDefaultAsync(ct)
                : "Masten";
        scope ??= "Masten";
        var expires = invitation.ExpiresAt.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(language));
        var what = invitation.SystemAdmin
            ? Text(language, "Mail.Invitation.WhatAdmin")
            : Text(language, "Mail.Invitation.What", scope, Text(language, $"Role.{invitation.Role}"));
        return Compose(MessageKind.Invitation, language, invitation.Email!, null,
            Text(language, "Mail.Invitation.Subject", scope),
            [Text(language, "Mail.Hello"), what, Text(language, "Mail.Invitation.Open", expires), Text(language, "Mail.OnlyOnce")],
            new MailAction(Text(language, "Mail.Invitation.Action"), links.Invitation(secret)), sensitive: true);
    }

    /// <summary>The password-reset e-mail with its single-use link.</summary>
    public OutboxMessage PasswordReset(string to, int userId, string link, string language) =>
        Compose(MessageKind.PasswordReset, language, to, userId, Text(language, "Mail.Reset.Subject"),
            [Text(language, "Mail.Hello"), Text(language, "Mail.Reset.Asked"), Text(language, "Mail.Reset.Valid"), Text(language, "Mail.NotYou")],
            new MailAction(Text(language, "Mail.Reset.Action"), link), sensitive: true);

    /// <summary>The e-mail to a new address that confirms it belongs to the person.</summary>
    public OutboxMessage EmailChange(string newAddress, int userId, string link, string language) =>
        Compose(MessageKind.EmailChange, language, newAddress, userId, Text(language, "Mail.EmailChange.Subject"),
            [Text(language, "Mail.Hello"), Text(language, "Mail.EmailChange.Asked", newAddress), Text(language, "Mail.EmailChange.Valid"), Text(language, "Mail.NotYou")],
            new MailAction(Text(language, "Mail.EmailChange.Action"), link), sensitive: true);

    /// <summary>An absolute link to a page of Masten (relative when no public address is configured).</summary>
    public string Link(string pathAndQuery) => $"{links.BaseUrl}{pathAndQuery}";

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
