using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account.Email;

/// <summary>
/// The account emails, in the interface language of the request that causes them (English or Simplified
/// Chinese), as plain text and HTML with the same words. Links are absolute and never carry a password. A person's
/// name is put in as one clean line (<see cref="TextLine.Clean"/>) and HTML-encoded, so it can add no paragraph or link.
/// </summary>
public sealed class AccountEmails(IStringLocalizer<SharedResource> localizer)
{
    public OutgoingEmail ConfirmAddress(string to, string name, string link) => Build(to,
        localizer["Confirm your email address for NmosdLearn"],
        [localizer["Hello {0},", TextLine.Clean(name)], localizer["Confirm your email address to finish creating your account. Certificates are issued only to a confirmed address."]],
        (localizer["Confirm my email address"], link),
        [localizer["The link works for three days. If you did not create an account, ignore this message."]]);

    public OutgoingEmail RegistrationForExistingAccount(string to, string signInLink, string resetLink) => Build(to,
        localizer["Someone tried to create an NmosdLearn account with your email address"],
        [localizer["Someone, perhaps you, tried to create an NmosdLearn account with this email address. You already have an account."]],
        (localizer["Sign in"], signInLink),
        [localizer["Forgotten your password? Reset it here: {0}", resetLink], localizer["If this was not you, you can ignore this message: nothing has changed."]]);

    public OutgoingEmail ResetPassword(string to, string link) => Build(to,
        localizer["Reset your NmosdLearn password"],
        [localizer["Someone, perhaps you, asked to reset the password of the NmosdLearn account for this email address."]],
        (localizer["Choose a new password"], link),
        [localizer["The link works once, for one hour. If you did not ask for it, ignore this message: your password has not changed."]]);

    public OutgoingEmail ResetForUnknownAddress(string to, string registerLink) => Build(to,
        localizer["Reset your NmosdLearn password"],
        [localizer["Someone, perhaps you, asked to reset an NmosdLearn password for this email address, but no account uses it."]],
        (localizer["Create an account"], registerLink),
        [localizer["If you did not ask for this, ignore this message."]]);

    public OutgoingEmail ConfirmNewAddress(string to, string name, string link) => Build(to,
        localizer["Confirm your new email address for NmosdLearn"],
        [localizer["Hello {0},", TextLine.Clean(name)], localizer["Confirm this address to make it the email address of your NmosdLearn account."]],
        (localizer["Confirm my new email address"], link),
        [localizer["The link works for three days. Until you confirm it, your account keeps its current address."]]);

    public OutgoingEmail AddressChangeRequested(string to, string newAddressMasked) => Build(to,
        localizer["Your NmosdLearn email address is being changed"],
        [localizer["Someone signed in to your NmosdLearn account asked to change its email address to {0}. The change happens when the new address is confirmed.", newAddressMasked],
         localizer["If this was not you, reset your password now and contact the course administrator."]],
        null, []);

    public OutgoingEmail PasswordChanged(string to) => Build(to,
        localizer["Your NmosdLearn password was changed"],
        [localizer["The password of your NmosdLearn account was changed, and every other session was signed out."],
         localizer["If this was not you, reset your password now and contact the course administrator."]],
        null, []);

    private static OutgoingEmail Build(string to, string subject, IEnumerable<LocalizedString> before, (LocalizedString Label, string Url)? action, IEnumerable<LocalizedString> after)
    {
        var text = new System.Text.StringBuilder();
        var html = new System.Text.StringBuilder("<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">");
        foreach (var paragraph in before)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(paragraph)).Append("</p>");
        }

        if (action is { } link)
        {
            text.AppendLine($"{link.Label}: {link.Url}").AppendLine();
            html.Append("<p><a href=\"").Append(HtmlEncoder.Default.Encode(link.Url)).Append("\">").Append(HtmlEncoder.Default.Encode(link.Label)).Append("</a></p>");
        }

        foreach (var paragraph in after)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(paragraph)).Append("</p>");
        }

        text.AppendLine("NmosdLearn");
        html.Append("<p>NmosdLearn</p></body></html>");
        return new OutgoingEmail(to, subject, text.ToString(), html.ToString());
    }
}
