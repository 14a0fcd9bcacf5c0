using Microsoft.Extensions.Options;
using NmosdLearn.Content;
using NmosdLearn.Web.Features.Account.Email;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// What enduring material must tell learners about its provider, per deployment: how to reach it,
/// how it handles their data and what they need to take part (section <c>Provider</c>).
/// </summary>
public sealed class ProviderOptions
{
    public const string Section = "Provider";

    /// <summary>Where learners write about a course, an attempt limit or a certificate. Empty: the sender address of account email.</summary>
    public string ContactEmail { get; set; } = "";

    /// <summary>The provider's privacy policy. Empty: the platform's own notice at <c>/privacy</c>.</summary>
    public string PrivacyPolicyUrl { get; set; } = "";

    /// <summary>Hardware and software learners need, when the deployment differs from the platform's own statement.</summary>
    public string Requirements { get; set; } = "";
}

/// <summary>The provider's contact, privacy and requirements as pages show them, and how a course's credit is worded.</summary>
public sealed class ProviderInformation(IOptions<ProviderOptions> provider, IOptions<EmailOptions> email, IOptions<CertificateOptions> certificates)
{
    public string ContactEmail => provider.Value.ContactEmail is { Length: > 0 } contact ? contact : email.Value.From;

    public string PrivacyPolicyUrl => provider.Value.PrivacyPolicyUrl is { Length: > 0 } url ? url : "/privacy";

    /// <summary>The deployment's own statement, or null for the platform's (localized) one.</summary>
    public string? Requirements => provider.Value.Requirements is { Length: > 0 } text ? text : null;

    /// <summary>
    /// True when this provider awards the course's credit type as credit (<c>Certificates:CreditTypes</c>).
    /// Any other course records hours of participation, and pages never call that amount credit.
    /// </summary>
    public bool OffersCredit(CourseInfo course) => certificates.Value.CreditTypes.Any(t =>
        string.Equals(t.CreditType.Trim(), course.CreditType.Trim(), StringComparison.OrdinalIgnoreCase));
}
