using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Features.Account;

/// <summary>Absolute links for account emails.</summary>
internal static class AccountLinks
{
    /// <summary>
    /// On the configured public address when there is one (Certificates:PublicBaseUrl), so that a forged
    /// Host header cannot point a reset link at someone else's site; otherwise the request's own address.
    /// </summary>
    public static string Absolute(HttpRequest request, CertificateOptions options, string pathAndQuery) =>
        (string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}" : options.PublicBaseUrl.TrimEnd('/')) + pathAndQuery;
}
