using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account.Email;

/// <summary>
/// The account emails, in the recipient's preferred language (<see cref="EmailLanguage"/>; an address without an
/// account gets the language of the request), as plain text and HTML with the same words. Links are absolute and never
/// carry a password. A person's name is put in as one clean line (<see cref="TextLine.Clean"/>) and HTML-encoded, so it
/// can add no paragraph or link.
/// </summary>
public sealed class AccountEmails(IStringLocalizer<SharedResource> localizer, IOptions<CertificateOptions> certificates)
{
    public OutgoingEmail ConfirmAddress(AppUser recipient, string link) => EmailLanguage.In(EmailLanguage.Of(recipient), () => OutgoingEmail.Compose(recipient.Email!,
        localizer["Confirm your email address for NmosdLearn"],
        [localizer["Hello {0},", TextLine.Clean(recipient.FullName)], localizer["Confirm your email address to finish creating your account. Certificates are issued only to a confirmed address."]],
        (localizer["Confirm my email address"], link),
        [localizer["The link works for {0} hours. If you did not create an account, ignore this message.", EmailLinkTokenProvider.Lifetime.TotalHours]]));

    public OutgoingEmail RegistrationForExistingAccount(AppUser recipient, string signInLink, string resetLink) => EmailLanguage.In(EmailLanguage.Of(recipient), () => OutgoingEmail.Compose(recipient.Email!,
        localizer["Someone tried to create an NmosdLearn account with your email address"],
        [localizer["Someone, perhaps you, tried to create an NmosdLearn account with this email address. You already have an account."]],
        (localizer["Sign in"], signInLink),
        [localizer["Forgotten your password? Reset it here: {0}", resetLink], localizer["If this was not you, you can ignore this message: nothing has changed."]]));

    public OutgoingEmail ResetPassword(AppUser recipient, string link) => EmailLanguage.In(EmailLanguage.Of(recipient), () => OutgoingEmail.Compose(recipient.Email!,
        localizer["Reset your NmosdLearn password"],
        [localizer["Someone, perhaps you, asked to reset the password of the NmosdLearn account for this email address."]],
        (localizer["Choose a new password"], link),
        [localizer["The link works once, for one hour. If you did not ask for it, ignore this message: your password has not changed."]]));

    /// <summary>A reset an administrator sent: it says so, since the person asked for nothing.</summary>
    public OutgoingEmail ResetByAdministrator(AppUser recipient, string link) => EmailLanguage.In(EmailLanguage.Of(recipient), () => OutgoingEmail.Compose(recipient.Email!,
        localizer["Reset your NmosdLearn password"],
        [localizer["Hello {0},", TextLine.Clean(recipient.FullName)],
         localizer["An administrator of {0} sent you a link to set a new password for your NmosdLearn account.", TextLine.Clean(certificates.Value.Provider)]],
        (localizer["Choose a new password"], link),
        [localizer["The link works once, for one hour. Until you use it, your current password keeps working. If you did not expect this message, contact your course provider."]]));

    /// <summary>No account uses the address: the language of the request that asked is the best guess.</summary>
    public OutgoingEmail ResetForUnknownAddress(string to, string registerLink) => EmailLanguage.In(CultureInfo.CurrentUICulture, () => OutgoingEmail.Compose(to,
        localizer["Reset your NmosdLearn password"],
        [localizer["Someone, perhaps you, asked to reset an NmosdLearn password for this email address, but no account uses it."]],
        (localizer["Create an account"], registerLink),
        [localizer["If you did not ask for this, ignore this message."]]));

    public OutgoingEmail ConfirmNewAddress(string to, AppUser account, string link) => EmailLanguage.In(EmailLanguage.Of(account), () => OutgoingEmail.Compose(to,
        localizer["Confirm your new email address for NmosdLearn"],
        [localizer["Hello {0},", TextLine.Clean(account.FullName)], localizer["Confirm this address to make it the email address of your NmosdLearn account."]],
        (localizer["Confirm my new email address"], link),
        [localizer["The link works for {0} hours. Until you confirm it, your account keeps its current address.", EmailLinkTokenProvider.Lifetime.TotalHours]]));

    public OutgoingEmail AddressChangeRequested(AppUser recipient, string newAddressMasked) => EmailLanguage.In(EmailLanguage.Of(recipient), () => OutgoingEmail.Compose(recipient.Email!,
        localizer["Your NmosdLearn email address is being changed"],
        [localizer["Someone signed in to your NmosdLearn account asked to change its email address to {0}. The change happens when the new address is confirmed.", newAddressMasked],
         localizer["If this was not you, reset your password now and contact the course administrator."]],
        null, []));

    public OutgoingEmail PasswordChanged(AppUser recipient) => EmailLanguage.In(EmailLanguage.Of(recipient), () => OutgoingEmail.Compose(recipient.Email!,
        localizer["Your NmosdLearn password was changed"],
        [localizer["The password of your NmosdLearn account was changed, and every other session was signed out."],
         localizer["If this was not you, reset your password now and contact the course administrator."]],
        null, []));
}
