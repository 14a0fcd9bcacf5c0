using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// The reverse proxies in front of the platform (<c>ForwardedHeaders:KnownProxies</c>, <c>KnownNetworks</c>).
/// Only their X-Forwarded-For and X-Forwarded-Proto are believed, so that behind a TLS proxy the platform
/// knows a request came over HTTPS (secure cookies, HSTS) and which address rate limits count.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, such as 10.0.0.5.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, such as 10.0.0.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public static class ProxySetup
{
    /// <summary>Forwarded headers from the configured proxies (loopback is always trusted), and a year of HSTS.</summary>
    public static IServiceCollection AddProxyAndTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has '{address}', which is not an IP address. Write addresses such as 10.0.0.5."));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks has '{network}', which is not a network. Write networks such as 10.0.0.0/24."));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        // Every cookie is Secure when the request came over HTTPS (directly or through a known proxy).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }
}
