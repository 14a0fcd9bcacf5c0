using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;

namespace NmosdLearn.Web.Features.Shared;

public static class WebSetup
{
    /// <summary>
    /// Static files named with their content hash (asp-append-version's ?v=) never change under that name,
    /// so browsers keep them for a year without asking again; others are revalidated.
    /// </summary>
    public static IApplicationBuilder UseFingerprintedStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                if (file.Context.Request.Query.ContainsKey("v"))
                {
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });

    public static readonly CultureInfo[] Cultures = [new("en"), new("zh-CN")];

    /// <summary>MVC with feature folders, antiforgery on every unsafe request and localized strings.</summary>
    public static IServiceCollection AddWebInterface(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRequestLimits();
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.ModelMetadataDetailsProviders.Add(new NonNullableStrings());
            })
            .AddRazorOptions(razor =>
            {
                razor.ViewLocationFormats.Clear();
                razor.ViewLocationFormats.Add("/Features/{feature}/{0}.cshtml");
                razor.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
                razor.ViewLocationExpanders.Add(new FeatureViewLocations());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // Model binding's own messages ("The value 'x' is not valid") are interface strings too. Those about a field
        // name it: an error summary of several identical lines does not say which field to fix.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((mvc, factory) =>
        {
            var localizer = factory.Create(typeof(SharedResource));
            var messages = mvc.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => localizer["{1}: '{0}' is not a valid value", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["'{0}' is not a valid value", value]);
            messages.SetUnknownValueIsInvalidAccessor(field => localizer["{0}: enter a valid value", field]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Enter a valid value"]);
            messages.SetValueIsInvalidAccessor(value => localizer["'{0}' is not a valid value", value]);
            messages.SetValueMustBeANumberAccessor(field => localizer["{0}: enter a number", field]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Enter a number"]);
            // Given the (empty) value, not the field's name.
            messages.SetValueMustNotBeNullAccessor(_ => localizer["Enter a value"]);
            messages.SetMissingBindRequiredValueAccessor(field => localizer["{0}: enter a value", field]);
            messages.SetMissingKeyOrValueAccessor(() => localizer["Enter a value"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Enter a value"]);
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentUICultures = true;
            // The learner's explicit choice (a cookie) wins over the browser's language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        // Razor would otherwise write every Chinese character as a numeric entity.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(TimeProvider.System);
        // HTML, CSS, scripts and JSON compressed (Brotli first). Pages carry antiforgery tokens, which are
        // random per response, so compressing them does not open a BREACH-style guessing channel.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }
}
