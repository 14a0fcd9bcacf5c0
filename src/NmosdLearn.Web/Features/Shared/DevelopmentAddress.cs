namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// Where a Development run listens, and the address its links (email, certificates, QR codes) are built on. The
/// operator's choice wins (ASPNETCORE_URLS, --urls, the "urls" setting); without one it is http://localhost:5224.
/// A launch profile's address would override the operator's, so the profile names none. Links follow the address
/// the platform listens at unless Certificates:PublicBaseUrl is set: a fixed localhost:5224 printed on certificates of a
/// platform reached elsewhere.
/// </summary>
public static class DevelopmentAddress
{
    public const string DefaultUrl = "http://localhost:5224";

    public static void Apply(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }

        var (listen, publicBase) = Resolve(builder.Configuration[WebHostDefaults.ServerUrlsKey], builder.Configuration["Certificates:PublicBaseUrl"]);
        if (listen is not null)
        {
            builder.WebHost.UseUrls(listen);
        }

        builder.Configuration["Certificates:PublicBaseUrl"] = publicBase;
    }

    /// <returns>The address to listen at when none was given (else null), and the public base address.</returns>
    public static (string? Listen, string? PublicBase) Resolve(string? urls, string? publicBase)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var listen = first is null ? DefaultUrl : null;
        if (!string.IsNullOrWhiteSpace(publicBase))
        {
            return (listen, publicBase);
        }

        // A wildcard host is not an address a browser can open; port 0 is chosen at start: then links follow each request.
        if (!Uri.TryCreate((first ?? DefaultUrl).Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var address)
            || address.Port == 0)
        {
            return (listen, null);
        }

        var host = address.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : address.Host;
        return (listen, $"{address.Scheme}://{host}:{address.Port}");
    }
}
