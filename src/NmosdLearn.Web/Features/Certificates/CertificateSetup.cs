using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace NmosdLearn.Web.Features.Certificates;

public static class CertificateSetup
{
    /// <summary>The rate-limiting policy of the public verification endpoints.</summary>
    public const string VerificationPolicy = "verification";

    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CertificateOptions>, CertificateOptionsValidator>();
        services.AddScoped<CertificateService>();
        services.AddSingleton<CertificatePdf>();
        services.AddSingleton<CertificatePdfCache>();
        services.AddSingleton<TranscriptPdf>();
        services.AddSingleton<CredentialSigner>();
        services.AddSingleton<OpenBadgeCredential>();
        services.AddScoped<Identity.ProviderIdentityStore>();
        services.AddSingleton<Identity.ProviderBranding>();
        services.AddScoped<Admin.CertificateAdministration>();
        services.AddScoped<Admin.UserAdministration>();
        services.AddScoped<Admin.CourseReports>();
        services.AddVerificationRateLimit();
        return services;
    }

    /// <summary>
    /// A fixed window per client address (an IPv6 client by its /64), so nobody can sweep the code space or scrape names through
    /// the public pages. Behind a reverse proxy, forwarded headers must be configured for the client
    /// address to be the visitor's and not the proxy's.
    /// </summary>
    private static void AddVerificationRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(VerificationPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<CertificateOptions>>().Value.Verification;
                return RateLimitPartition.GetFixedWindowLimiter(
                    Shared.RateLimitKey.For(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // The HTML page is left to the status-code page; a machine client gets JSON.
                if (rejected.HttpContext.Request.Path.Value?.EndsWith(".json", StringComparison.Ordinal) == true)
                {
                    await response.WriteAsJsonAsync(new { status = "too-many-requests" }, cancellationToken);
                }
            };
        });

    /// <summary>The address every absolute link is built on (see <see cref="CertificateOptions.PublicBase"/>).</summary>
    public static string PublicBaseUrl(this IOptions<CertificateOptions> options, HttpRequest request) => options.Value.PublicBase(request);
}
