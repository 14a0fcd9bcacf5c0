using System.ComponentModel.DataAnnotations;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

public static class Roles
{
    public const string Clinician = "Clinician";
    public const string Author = "Author";
    public const string Reviewer = "Reviewer";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Clinician, Author, Reviewer, Admin];
}

public static class Professions
{
    /// <summary>Degrees a CME certificate may name. "Other" gets a certificate of completion.</summary>
    public static readonly IReadOnlyList<string> All = ["MD", "DO", "MBBS", "RN", "NP", "PA", "PharmD", "Other"];
}

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Enter your full name as it should print on your certificate")]
    [StringLength(200, ErrorMessage = "Your name must be 200 characters or fewer")]
    [TextLine(ErrorMessage = "Your name cannot contain line breaks, control characters or text-direction characters")]
    [Display(Name = "Full name")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose your profession or degree")]
    [Display(Name = "Profession or degree")]
    public string Profession { get; set; } = "";

    [Required(ErrorMessage = "Enter your specialty")]
    [StringLength(100, ErrorMessage = "Your specialty must be 100 characters or fewer")]
    [TextLine(ErrorMessage = "Your specialty cannot contain line breaks, control characters or text-direction characters")]
    [Display(Name = "Specialty")]
    public string Specialty { get; set; } = "";

    [Required(ErrorMessage = "Enter your country")]
    [StringLength(100, ErrorMessage = "Your country must be 100 characters or fewer")]
    [TextLine(ErrorMessage = "Your country cannot contain line breaks, control characters or text-direction characters")]
    [Display(Name = "Country")]
    public string Country { get; set; } = "";

    [StringLength(60, ErrorMessage = "Your licence number must be 60 characters or fewer")]
    [TextLine(ErrorMessage = "Your licence number cannot contain line breaks, control characters or text-direction characters")]
    [Display(Name = "Licence or registration number (optional)")]
    public string? LicenceNumber { get; set; }

    [Required(ErrorMessage = "Enter a password")]
    [StringLength(200, MinimumLength = 8, ErrorMessage = "Your password must be at least 8 characters")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    /// <summary>Off by default: on a shared computer the session ends with the browser.</summary>
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Shows that the password was just reset.</summary>
    public bool AfterReset { get; set; }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordInput
{
    public string UserId { get; set; } = "";

    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(200, MinimumLength = 8, ErrorMessage = "Your password must be at least 8 characters")]
    public string NewPassword { get; set; } = "";
}
