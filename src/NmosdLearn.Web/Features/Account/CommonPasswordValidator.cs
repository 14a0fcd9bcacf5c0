using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

/// <summary>
/// Refuses passwords that are common, breached or guessable (ASVS 2.1.7), with zxcvbn's estimate: its
/// dictionaries hold the most common leaked passwords, keyboard walks (qwertyuiop), sequences
/// (12345678) and the user's own name and email. Length rules stay as NIST advises: no composition rules.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<AppUser>
{
    /// <summary>zxcvbn's score 3: "safely unguessable: moderate protection from an offline slow-hash scenario".</summary>
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var personal = new[] { user.Email, user.FullName }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)
            .Concat((user.Email ?? "").Split('@', '.', '-', '_'))
            .Concat(user.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(s => s.Length > 2)
            .ToList();
        var estimate = PasswordStrength.Estimate(password, personal);
        return Task.FromResult(estimate.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = localizer["This password is too common or too easy to guess. Use a longer phrase of several unrelated words."],
            }));
    }
}

/// <summary>
/// zxcvbn's estimate with its word lists read once per process. The library's own entry point reads and ranks
/// the six lists again for every password: 13.7 MB allocated and ~18 ms per check, which registrations in a rush
/// turned into a garbage-collected heap of hundreds of megabytes. The matchers are the library's defaults, in its
/// order; only the dictionary of the user's own name and email is made per check. Matchers only read their lists
/// after the first (thread-safe, lazy) load.
/// </summary>
public static class PasswordStrength
{
    private static readonly string[] WordLists = ["passwords", "english", "male_names", "female_names", "surnames", "us_tv_and_film"];

    private static readonly Zxcvbn.Zxcvbn Estimator = new(new MatchersWithSharedWordLists());

    public static Zxcvbn.Result Estimate(string password, IEnumerable<string> userInputs) => Estimator.EvaluatePassword(password, userInputs);

    private sealed class MatchersWithSharedWordLists : Zxcvbn.IMatcherFactory
    {
        private readonly Zxcvbn.Matcher.IMatcher[] _shared = Shared();

        private static Zxcvbn.Matcher.IMatcher[] Shared()
        {
            var dictionaries = WordLists.Select(name => new Zxcvbn.Matcher.DictionaryMatcher(name, name + ".lst")).ToList();
            return
            [
                new Zxcvbn.Matcher.RepeatMatcher(),
                new Zxcvbn.Matcher.SequenceMatcher(),
                new Zxcvbn.Matcher.RegexMatcher("\\d{3,}", 10, true, "digits"),
                new Zxcvbn.Matcher.RegexMatcher("19\\d\\d|200\\d|201\\d", 119, false, "year"),
                new Zxcvbn.Matcher.DateMatcher(),
                new Zxcvbn.Matcher.SpatialMatcher(),
                .. dictionaries,
                new Zxcvbn.Matcher.L33tMatcher(dictionaries),
            ];
        }

        public IEnumerable<Zxcvbn.Matcher.IMatcher> CreateMatchers(IEnumerable<string> userInputs)
        {
            var user = new Zxcvbn.Matcher.DictionaryMatcher("user_inputs", userInputs);
            return [.. _shared, user, new Zxcvbn.Matcher.L33tMatcher(user)];
        }
    }
}
