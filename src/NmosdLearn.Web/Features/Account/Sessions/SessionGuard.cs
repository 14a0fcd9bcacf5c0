using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account.Sessions;

/// <summary>
/// Server-side sessions behind the auth cookie. A session ended on this instance is refused at once
/// (kept in memory); every session is checked against the database at most once a minute, so a
/// session ended elsewhere is refused within a minute without a query per request. Administrators
/// are signed out after 30 minutes without a request, and every session ends at its absolute lifetime
/// (counted from the sign-in on the server, whatever the cookie says).
/// </summary>
public sealed class SessionGuard(
    IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<SessionCheckOptions> options,
    Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions> stampOptions, ILogger<SessionGuard> logger)
{
    public const string SessionClaim = "nmosdlearn:sid";

    private readonly TimeSpan _checkInterval = options.Value.Interval;

    public static readonly TimeSpan AdminIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A signed-in session lasts this long without "remember me" (sliding), and 14 days with it.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static readonly TimeSpan RememberedLifetime = TimeSpan.FromDays(14);

    /// <summary>However active, a session ends this long after its sign-in: a working day and a bit without "remember me"...</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>...and a month with it.</summary>
    public static readonly TimeSpan RememberedAbsoluteLifetime = TimeSpan.FromDays(30);

    /// <summary>A security change (two-factor off, new recovery codes) needs the password or a code given this recently in this session.</summary>
    public static readonly TimeSpan ReauthenticationWindow = TimeSpan.FromMinutes(5);

    public static DateTimeOffset EndOf(DateTimeOffset createdAt, bool persistent) => createdAt + (persistent ? RememberedAbsoluteLifetime : AbsoluteLifetime);

    /// <summary>Starts a session for a sign-in, or keeps the current one when the sign-in is refreshed.</summary>
    public async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } userId)
        {
            return;
        }

        var current = context.HttpContext.User;
        var sessionId = current.FindFirst(ClaimTypes.NameIdentifier)?.Value == userId ? current.FindFirst(SessionClaim)?.Value : null;
        var now = time.GetUtcNow();
        if (sessionId is null)
        {
            sessionId = Base64UrlId();
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var request = context.HttpContext;
            db.UserSessions.Add(new UserSession
            {
                Id = sessionId, UserId = userId, CreatedAt = now, IsPersistent = context.Properties.IsPersistent, LastSeenAt = now,
                ReauthenticatedAt = SignInAuthority.ProvedSecret(context.Principal) ? now : null,
                Device = Devices.Describe(request.Request.Headers.UserAgent.ToString()),
                Network = SecurityEvents.MaskAddress(request.Connection.RemoteIpAddress?.ToString()),
            });
            await db.SaveChangesAsync(request.RequestAborted);
            // Known live until the first check: no read (nor last-seen write) on the requests right after signing in.
            cache.Set(CheckedKey(sessionId), EndOf(now, context.Properties.IsPersistent), _checkInterval);
        }

        identity.AddClaim(new Claim(SessionClaim, sessionId));
        if (context.Properties.IsPersistent)
        {
            context.Properties.ExpiresUtc = now + RememberedLifetime;
        }
    }

    /// <summary>Signing out ends this session, so a copy of its cookie is refused too.</summary>
    public async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.FindFirst(SessionClaim)?.Value is { } sessionId)
        {
            await EndAsync([sessionId], context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Refuses an ended or unknown session, and an administrator idle for too long; then Identity checks the security stamp.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.FindFirst(SessionClaim)?.Value;
        if (sessionId is null || cache.TryGetValue(EndedKey(sessionId), out _) || await LiveUntilAsync(sessionId, context.HttpContext.RequestAborted) is not { } end)
        {
            await RejectAsync(context, "ended or unknown session");
            return;
        }

        var now = time.GetUtcNow();
        if (now >= end)
        {
            await EndAsync([sessionId], context.HttpContext.RequestAborted);
            await RejectAsync(context, "absolute lifetime reached");
            return;
        }

        if (principal!.IsInRole(Roles.Admin) && context.Properties.IssuedUtc is { } issued)
        {
            if (now - issued > AdminIdleTimeout)
            {
                await EndAsync([sessionId], context.HttpContext.RequestAborted);
                await RejectAsync(context, "administrator idle timeout");
                return;
            }

            // Re-issue the cookie at most once a minute, so the idle clock restarts with each request.
            context.ShouldRenew = now - issued > TimeSpan.FromMinutes(1);
        }

        // Identity's validator builds SignInManager, UserManager and a database context from the request's services
        // before it looks at the interval; asking first keeps that work off the requests between two checks.
        var interval = stampOptions.Value.ValidationInterval;
        if (context.Properties.IssuedUtc is { } issuedAt && now - issuedAt <= interval)
        {
            return;
        }

        // It renews the cookie after a check, but parallel requests (and clients that ignore a renewed cookie) go on
        // sending the old one: each would be checked again. One check per cookie and interval is enough.
        var checkedKey = StampCheckedKey(sessionId, context.Properties.IssuedUtc);
        if (cache.TryGetValue(checkedKey, out (ClaimsPrincipal Principal, DateTimeOffset At) check) && now - check.At <= interval)
        {
            context.ReplacePrincipal(check.Principal);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is { } validated && interval > TimeSpan.Zero)
        {
            cache.Set(checkedKey, (validated, now), interval);
        }
    }

    /// <summary>Ends every other session of a user (after a password change or enabling two-factor).</summary>
    public async Task EndOtherSessionsAsync(string userId, string? keepSessionId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var others = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keepSessionId)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        await EndAsync(others, cancellationToken);
    }

    /// <summary>Ends every session of a user (account deleted or locked by an administrator).</summary>
    public Task EndAllSessionsAsync(string userId, CancellationToken cancellationToken) => EndOtherSessionsAsync(userId, null, cancellationToken);

    private async Task EndAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        if (sessionIds.Count == 0)
        {
            return;
        }

        foreach (var id in sessionIds)
        {
            cache.Set(EndedKey(id), true, RememberedLifetime);
            cache.Remove(CheckedKey(id));
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        await db.UserSessions.Where(s => sessionIds.Contains(s.Id) && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now), cancellationToken);
    }

    /// <summary>
    /// When a live session must end (its absolute lifetime), or null when it has ended or is unknown. Asks the database
    /// at most once per check interval, and then also records that the session was seen (the sessions page's "last seen").
    /// </summary>
    private async Task<DateTimeOffset?> LiveUntilAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CheckedKey(sessionId), out DateTimeOffset cachedEnd))
        {
            return cachedEnd;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId && s.EndedAt == null)
            .Select(s => new { s.CreatedAt, s.IsPersistent }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            cache.Set(EndedKey(sessionId), true, RememberedLifetime);
            return null;
        }

        var now = time.GetUtcNow();
        var end = EndOf(row.CreatedAt, row.IsPersistent);
        if (now < end)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            cache.Set(CheckedKey(sessionId), end, _checkInterval);
        }

        return end;
    }

    /// <summary>Whether the person gave their password or a code in this session within the last few minutes.</summary>
    public async Task<bool> RecentlyConfirmedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(SessionClaim)?.Value is not { } sessionId)
        {
            return false;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var confirmed = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId && s.EndedAt == null)
            .Select(s => s.ReauthenticatedAt).FirstOrDefaultAsync(cancellationToken);
        return confirmed is { } at && time.GetUtcNow() - at <= ReauthenticationWindow;
    }

    /// <summary>Records that the person just proved it was them in this session.</summary>
    public async Task MarkConfirmedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(SessionClaim)?.Value is not { } sessionId)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.ReauthenticatedAt, now), cancellationToken);
    }

    /// <summary>The person's live sessions, newest first, for their sessions page.</summary>
    public async Task<IReadOnlyList<SessionSummary>> LiveSessionsAsync(string userId, string? currentSessionId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows.Where(s => now < EndOf(s.CreatedAt, s.IsPersistent)).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionSummary(Handle(s.Id), s.Device, s.Network, s.CreatedAt, s.LastSeenAt ?? s.CreatedAt, s.Id == currentSessionId)).ToList();
    }

    /// <summary>Ends one of the person's own sessions, named by its handle. False when the person has no such live session.</summary>
    public async Task<bool> EndOwnSessionAsync(string userId, string handle, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        var match = ids.FirstOrDefault(id => CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Handle(id)), System.Text.Encoding.ASCII.GetBytes(handle)));
        if (match is null)
        {
            return false;
        }

        await EndAsync([match], cancellationToken);
        return true;
    }

    /// <summary>
    /// A session's name on the page: derived from its id but not the id, so the page (and anything that copies it)
    /// never holds what the cookie carries.
    /// </summary>
    private static string Handle(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("session:" + sessionId)))[..20];

    private async Task RejectAsync(CookieValidatePrincipalContext context, string reason)
    {
        logger.LogInformation(SecurityEvents.SessionRefused, "Session refused: {Reason}", reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static string EndedKey(string sessionId) => $"session-ended:{sessionId}";

    private static string CheckedKey(string sessionId) => $"session-checked:{sessionId}";

    private static string StampCheckedKey(string sessionId, DateTimeOffset? issued) => $"stamp-checked:{sessionId}:{issued?.UtcTicks}";

    private static string Base64UrlId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>One live session as its owner sees it.</summary>
public sealed record SessionSummary(string Handle, string? Device, string? Network, DateTimeOffset SignedInAt, DateTimeOffset LastSeenAt, bool IsCurrent);

/// <summary>How often each instance asks the database whether a session is still live (and re-reads the security stamp).</summary>
public sealed class SessionCheckOptions
{
    public const string Section = "Accounts:Sessions";

    /// <summary>At most a minute, so a sign-out or a locked account reaches every instance within one.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 60)]
    public int CheckSeconds { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromSeconds(CheckSeconds);
}
