using Microsoft.Extensions.Localization;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// Counted phrases ("1 question", "3 questions") without "question(s)". English has one form for a count of one and
/// another for every other count; Chinese has a single form, so its translations of the two keys are the same.
/// The count is the first format argument ({0}).
/// </summary>
public static class PluralPhrases
{
    public static LocalizedString Plural(this IStringLocalizer localizer, long count, string one, string other, params object[] more) =>
        localizer[count == 1 ? one : other, [count, .. more]];
}
