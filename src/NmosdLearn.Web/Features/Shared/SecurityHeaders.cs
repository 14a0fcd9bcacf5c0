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
            await next();
        });
}
