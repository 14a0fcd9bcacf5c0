using System.ComponentModel.DataAnnotations;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

public sealed class ChangeNameInput
{
    [Required(ErrorMessage = "Enter your full name as it should print on your certificate")]
    [StringLength(200, ErrorMessage = "Your name must be 200 characters or fewer")]
    [TextLine(ErrorMessage = "Your name cannot contain line breaks, control characters or text-direction characters")]
    public string FullName { get; set; } = "";
}

public sealed class ChangeEmailInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    public string NewEmail { get; set; } = "";

    [Required(ErrorMessage = "Enter your password")]
    public string PasswordForEmail { get; set; } = "";
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(200, MinimumLength = 8, ErrorMessage = "Your password must be at least 8 characters")]
    public string NewPassword { get; set; } = "";
}

public sealed class ChangeLanguageInput
{
    /// <summary>One of the interface languages (<see cref="WebSetup.Cultures"/>); the controller refuses any other.</summary>
    [Required(ErrorMessage = "Choose the language of your email")]
    [StringLength(16, ErrorMessage = "Choose the language of your email")]
    public string PreferredLanguage { get; set; } = "";
}

public sealed class DeleteAccountInput
{
    [Required(ErrorMessage = "Enter your password")]
    public string PasswordForDelete { get; set; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "Confirm that you want to delete your account")]
    public bool Confirm { get; set; }
}

/// <summary>The settings page: every form, with what was just saved.</summary>
public sealed record SettingsViewModel(
    AppUser User, string? Saved, ChangeNameInput Name, ChangeEmailInput Email, ChangePasswordInput Password, DeleteAccountInput Delete, string? FormWithErrors,
    ChangeLanguageInput Language);
