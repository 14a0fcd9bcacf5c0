using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Features.Account;

/// <summary>Absolute links for account emails.</summary>
internal static class AccountLinks
{
    /// <summary>
    /// On the configured public address (Certificates:PublicBaseUrl, required in production), so that a forged Host
    /// header cannot point a reset link at someone else's site.
    /// </summary>
    public static string Absolute(HttpRequest request, CertificateOptions options, string pathAndQuery) => options.PublicBase(request) + pathAndQuery;
}
