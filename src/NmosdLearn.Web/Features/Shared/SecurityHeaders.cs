using System.Security.Cryptography;

namespace NmosdLearn.Web.Features.Shared;

public static class SecurityHeaders
{
    /// <summary>
    /// Everything the browser loads comes from the platform itself, so the policy allows only this origin:
    /// a script that slipped into a page could neither run inline nor load from elsewhere, and no inline
    /// style applies (tables align by class, progress is a native element); data: images are for
    /// Bootstrap's built-in icons.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string StyleNonceKey = "NmosdLearn.StyleNonce";

    /// <summary>
    /// A nonce that admits the style elements a page's own script adds (the studio's editor, CodeMirror, styles
    /// itself that way and takes the nonce from its script element). It is made on first use, fresh for each
    /// response, and only a response that used it carries it in its policy: every other page keeps
    /// <c>style-src 'self'</c> alone, and no page needs <c>'unsafe-inline'</c>.
    /// </summary>
    public static string StyleNonce(this HttpContext context)
    {
        if (context.Items[StyleNonceKey] is not string nonce)
        {
            // Hexadecimal: nothing for HTML encoding to change in the attribute.
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[StyleNonceKey] = nonce;
        }

        return nonce;
    }

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), gyroscope=(), " +
        "magnetometer=(), microphone=(), payment=(), publickey-credentials-get=(), usb=(), interest-cohort=()";

    /// <summary>
    /// What the platform's own pages and downloads answer (a person's data, forms with tokens) stays out of browser and
    /// proxy caches unless the endpoint chose its caching itself (course files, verification documents, badges); static
    /// files are served before routing, so they have no endpoint and keep their own headers.
    /// </summary>
    private static Task PrivateByDefault(object state)
    {
        var context = (HttpContext)state;
        if (context.GetEndpoint() is not null && !context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }

    /// <summary>The nonce, if the page used one, added to whatever policy the response ends with (an endpoint may have replaced the default one).</summary>
    private static Task AdmitStyleNonce(object state)
    {
        var context = (HttpContext)state;
        if (context.Items[StyleNonceKey] is string nonce && context.Response.Headers.ContentSecurityPolicy.ToString() is var policy
            && policy.Contains("style-src 'self'", StringComparison.Ordinal))
        {
            context.Response.Headers.ContentSecurityPolicy = policy.Replace("style-src 'self'", $"style-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal);
        }

        return Task.CompletedTask;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            // The platform uses none of these browser features; a page that tried would be refused.
            headers["Permissions-Policy"] = PermissionsPolicy;
            context.Response.OnStarting(PrivateByDefault, context);
            context.Response.OnStarting(AdmitStyleNonce, context);
            await next();
        });
}
