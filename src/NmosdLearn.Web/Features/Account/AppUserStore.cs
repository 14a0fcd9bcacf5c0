using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>Identity's Entity Framework store, with what the platform adds to the rows it keeps per user.</summary>
public sealed class AppUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    /// <summary>The login-provider name of the platform's own token rows (Identity's are under "[AspNetUserStore]").</summary>
    private const string PlatformTokens = "[NmosdLearn]";

    private const string LastAuthenticatorStep = "AuthenticatorLastStep";

    /// <summary>
    /// Records that the user's authenticator code of this time step was used. False when this step or a later one was
    /// used before: the code is spent. One statement decides, so two requests with the same code cannot both pass.
    /// </summary>
    public async Task<bool> TryUseAuthenticatorStepAsync(AppUser user, long step, CancellationToken cancellationToken)
    {
        // Fixed width, so that comparing the text compares the numbers on both databases.
        var value = step.ToString("D20", CultureInfo.InvariantCulture);
        var first = await Context.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"AspNetUserTokens\" (\"UserId\", \"LoginProvider\", \"Name\", \"Value\") VALUES ({user.Id}, {PlatformTokens}, {LastAuthenticatorStep}, {value}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return first == 1 || await Context.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == PlatformTokens && t.Name == LastAuthenticatorStep && string.Compare(t.Value, value) < 0)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Value, value), cancellationToken) == 1;
    }
}
