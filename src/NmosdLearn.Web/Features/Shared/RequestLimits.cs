using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Localization;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// How large a request body may be: every form and upload is refused before anything reads it when it is
/// larger than its endpoint allows (<see cref="Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute"/> on
/// the few that take more, such as studio saves and image uploads) or than <see cref="DefaultBodyBytes"/>.
/// The platform reads no JSON request bodies; LTI launches are forms.
/// </summary>
public static class RequestLimits
{
    /// <summary>Any endpoint without its own limit: forms of a few fields, LTI launches (a signed token of a few KB).</summary>
    public const long DefaultBodyBytes = 64 * 1024;

    /// <summary>The most any endpoint may allow (studio saves and uploads stay below it).</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The longest form value: a studio file (at most 512 KB of text) is the longest there is.</summary>
    public const int MaxFormValueLength = 1024 * 1024;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);
        services.Configure<FormOptions>(options =>
        {
            options.ValueLengthLimit = MaxFormValueLength;
            options.MultipartBodyLengthLimit = MaxBodyBytes;
            // The largest test the checker accepts must be submittable in one request.
            options.ValueCountLimit = Math.Max(options.ValueCountLimit, NmosdLearn.Content.Loading.ContentLimits.MaxTestFormValues);
        });
        return services;
    }

    /// <summary>
    /// After routing, where the endpoint's own limit is known: a body declared larger is answered 413 with a
    /// message at once, unread; a body sent without a declared length is cut off by the server at the limit.
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = Math.Min(
                context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultBodyBytes, MaxBodyBytes);
            if (context.Request.ContentLength > limit)
            {
                var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(localizer["The request is larger than this page accepts ({0} KB): nothing was saved.", limit / 1024]);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            {
                body.MaxRequestBodySize = limit;
            }

            await next();
        });
}
