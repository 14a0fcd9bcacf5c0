using Microsoft.AspNetCore.Identity;

namespace NmosdLearn.Web.Data;

/// <summary>A person with an account. The CME fields are what a certificate needs to print.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>Full name exactly as it should print on a certificate, in any script.</summary>
    public string FullName { get; set; } = "";

    public string Profession { get; set; } = "";

    public string Specialty { get; set; } = "";

    public string Country { get; set; } = "";

    public string? LicenceNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The interface language the person's email is written in ("en" or "zh-CN"): the language of the registration
    /// page, changed in the account settings. Null for accounts made before it existed: they get the default.
    /// </summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>When the person deleted the account; the row stays, naming no one, so the records behind issued certificates keep their owner.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>
    /// When an administrator locked the account. Only an administrator's unlock clears it: no reset, link or
    /// launch signs a locked account in (Identity's own lockout is not used at all, so guesses never lock it).
    /// </summary>
    public DateTimeOffset? LockedAt { get; set; }

    /// <summary>The administrator who locked it (an account id; the audit log has the rest).</summary>
    public string? LockedById { get; set; }
}
