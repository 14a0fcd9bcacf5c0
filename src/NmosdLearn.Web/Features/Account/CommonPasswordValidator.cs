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
        var estimate = Zxcvbn.Zxcvbn.MatchPassword(password, personal);
        return Task.FromResult(estimate.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = localizer["This password is too common or too easy to guess. Use a longer phrase of several unrelated words."],
            }));
    }
}
