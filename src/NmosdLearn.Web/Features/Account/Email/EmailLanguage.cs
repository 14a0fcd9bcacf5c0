using System.Globalization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account.Email;

/// <summary>
/// The language an email is written in: the recipient's preferred language, never the language of the request that
/// makes it go (an English administrator's reset reaches a Chinese-speaking clinician in Chinese).
/// </summary>
public static class EmailLanguage
{
    /// <summary>"en" or "zh-CN" for a language tag the platform offers ("zh", "zh-Hans-CN", "en-US"); null for any other.</summary>
    public static string? Supported(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var normalized = tag.Trim().Replace('_', '-');
        return WebSetup.Cultures.FirstOrDefault(c => string.Equals(c.Name, normalized, StringComparison.OrdinalIgnoreCase))?.Name
            ?? (normalized.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN"
            : normalized.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : null);
    }

    /// <summary>The interface language of the current request, as a preferred language to keep (registration).</summary>
    public static string OfInterface() => Supported(CultureInfo.CurrentUICulture.Name) ?? WebSetup.Cultures[0].Name;

    /// <summary>The recipient's language; the platform's default for an account that has none (made before it was kept).</summary>
    public static CultureInfo Of(AppUser recipient) => CultureInfo.GetCultureInfo(Supported(recipient.PreferredLanguage) ?? WebSetup.Cultures[0].Name);

    /// <summary>
    /// Builds a message with the localizer answering in <paramref name="language"/>: it reads the current UI culture
    /// when a string is looked up, so the whole message is made inside and the request's culture comes back after.
    /// </summary>
    public static T In<T>(CultureInfo language, Func<T> build)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = language;
        try
        {
            return build();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
