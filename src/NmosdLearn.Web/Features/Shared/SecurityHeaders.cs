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
            await next();
        });
}
