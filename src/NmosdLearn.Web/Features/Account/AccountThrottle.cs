using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

/// <summary>The account steps an attacker would repeat.</summary>
public enum AccountStep
{
    SignIn,
    Register,
    PasswordReset,
    TwoFactor,
}

/// <summary>
/// Rate limits for the account steps, per client address (<see cref="RateLimitKey"/>: an IPv6 client by its /64) and per account, in this process's memory
/// (behind several instances the proxy must enforce them too; see the README). An attacker's guesses
/// never lock the real user out: refusals count per address, and failed passwords lock only the pair of
/// this address and this account (5 failures in 15 minutes); the account itself is never locked, and a
/// reset link always works.
/// </summary>
public sealed class AccountThrottle(TimeProvider time, Microsoft.Extensions.Options.IOptions<AccountLimitsOptions> options)
{
    public const int FailuresPerAddressAndAccount = 5;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    private readonly Dictionary<AccountStep, StepLimit> Limits = new()
    {
        [AccountStep.SignIn] = options.Value.SignIn,
        [AccountStep.TwoFactor] = options.Value.TwoFactor,
        [AccountStep.Register] = options.Value.Register,
        [AccountStep.PasswordReset] = options.Value.PasswordReset,
    };

    // One partitioned limiter per step: it replenishes all windows with one timer and drops idle partitions.
    private Dictionary<AccountStep, PartitionedRateLimiter<string>>? _limiterTable;

    private Dictionary<AccountStep, PartitionedRateLimiter<string>> LimiterTable => _limiterTable ??= Limits.ToDictionary(
        limit => limit.Key,
        limit => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, partition => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.StartsWith("address:", StringComparison.Ordinal) ? limit.Value.PerAddress : limit.Value.PerAccount,
            Window = TimeSpan.FromSeconds(limit.Value.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        })));
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _failures = new();

    /// <summary>
    /// Takes one permit for the address, then one for the account. Returns how long to wait when refused
    /// (TimeSpan.Zero when allowed). A refused address does not spend the account's permits, so one
    /// attacker cannot use up what the real user needs.
    /// </summary>
    public TimeSpan TryAcquire(AccountStep step, string? address, string? account)
    {
        var window = TimeSpan.FromSeconds(Limits[step].WindowSeconds);
        var byAddress = Acquire(step, $"address:{RateLimitKey.For(address)}", window);
        if (byAddress > TimeSpan.Zero)
        {
            return byAddress;
        }

        if (!string.IsNullOrWhiteSpace(account))
        {
            var byAccount = Acquire(step, $"account:{account.Trim().ToUpperInvariant()}", window);
            if (byAccount > TimeSpan.Zero)
            {
                return byAccount;
            }
        }

        if (step == AccountStep.SignIn && IsPairLocked(address, account, out var wait))
        {
            return wait;
        }

        return TimeSpan.Zero;
    }

    /// <summary>Records a failed password or code for this address and account.</summary>
    public void RecordFailure(string? address, string? account)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > 10_000)
        {
            // Forget pairs whose failures are all outside the window, so memory stays bounded.
            foreach (var (key, old) in _failures)
            {
                lock (old)
                {
                    if (old.All(at => now - at > FailureWindow))
                    {
                        _failures.TryRemove(key, out _);
                    }
                }
            }
        }

        var list = _failures.GetOrAdd(PairKey(address, account), _ => []);
        lock (list)
        {
            list.RemoveAll(at => now - at > FailureWindow);
            list.Add(now);
        }
    }

    /// <summary>A success clears this address's failures for the account.</summary>
    public void RecordSuccess(string? address, string? account) => _failures.TryRemove(PairKey(address, account), out _);

    private bool IsPairLocked(string? address, string? account, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (!_failures.TryGetValue(PairKey(address, account), out var list))
        {
            return false;
        }

        var now = time.GetUtcNow();
        lock (list)
        {
            list.RemoveAll(at => now - at > FailureWindow);
            if (list.Count < FailuresPerAddressAndAccount)
            {
                return false;
            }

            wait = list.Min() + FailureWindow - now;
            return true;
        }
    }

    private TimeSpan Acquire(AccountStep step, string key, TimeSpan window)
    {
        using var lease = LimiterTable[step].AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return TimeSpan.Zero;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
    }

    // The client's rate-limit key (an IPv6 client's /64), so a fresh address from the same network starts no fresh count.
    private static string PairKey(string? address, string? account) => $"{RateLimitKey.For(address)}|{account?.Trim().ToUpperInvariant()}";
}

/// <summary>How a page answers an attempt the throttle refused.</summary>
public static class ThrottleResponses
{
    /// <summary>429 with Retry-After, and the reason beside the field, for the page to show again.</summary>
    public static void RefuseTooManyAttempts(this Microsoft.AspNetCore.Mvc.Controller controller, TimeSpan wait, string field,
        Microsoft.Extensions.Localization.IStringLocalizer localizer)
    {
        controller.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        controller.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        controller.ModelState.AddModelError(field,
            localizer["Too many attempts. Wait {0} minutes and try again, or reset your password.", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))]);
    }
}

/// <summary>How many attempts of one account step an address, and an account, may make per window.</summary>
public sealed class StepLimit
{
    public int PerAddress { get; set; }

    public int PerAccount { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>Limits of the account steps (<c>Accounts:Limits</c>); the defaults suit one clinic's traffic.</summary>
public sealed class AccountLimitsOptions
{
    public const string Section = "Accounts:Limits";

    public StepLimit SignIn { get; set; } = new() { PerAddress = 10, PerAccount = 20, WindowSeconds = 60 };

    public StepLimit TwoFactor { get; set; } = new() { PerAddress = 10, PerAccount = 10, WindowSeconds = 60 };

    public StepLimit Register { get; set; } = new() { PerAddress = 5, PerAccount = 3, WindowSeconds = 600 };

    public StepLimit PasswordReset { get; set; } = new() { PerAddress = 5, PerAccount = 3, WindowSeconds = 900 };
}
