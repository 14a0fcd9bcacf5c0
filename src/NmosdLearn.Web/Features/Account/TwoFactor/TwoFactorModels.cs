using System.ComponentModel.DataAnnotations;

namespace NmosdLearn.Web.Features.Account;

public sealed class TwoFactorCodeInput
{
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
    [StringLength(10, MinimumLength = 6, ErrorMessage = "Enter the 6-digit code from your authenticator app")]
    public string Code { get; set; } = "";
}

public sealed class TwoFactorSignInInput
{
    /// <summary>A 6-digit code from the app, or one of the recovery codes.</summary>
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code")]
    [StringLength(20, ErrorMessage = "Enter the code from your authenticator app, or a recovery code")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>The two-factor page: enrolment (key and QR code) or the status, and recovery codes shown once.</summary>
public sealed record TwoFactorViewModel(bool Enabled, bool Required, string? SharedKey, int RecoveryCodesLeft, IReadOnlyList<string>? NewRecoveryCodes, TwoFactorCodeInput Input);
