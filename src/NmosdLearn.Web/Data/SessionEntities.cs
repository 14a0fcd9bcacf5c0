namespace NmosdLearn.Web.Data;

/// <summary>
/// One signed-in session: the auth cookie carries its id, so signing out ends this session wherever its
/// cookie was copied, and a password change ends the others.
/// </summary>
public sealed class UserSession
{
    /// <summary>128 random bits, base64url.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"Remember me": the cookie outlives the browser.</summary>
    public bool IsPersistent { get; set; }

    /// <summary>Set when the session was signed out or ended by a password change or an administrator.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the session was last checked live (at most once per check interval, not per request).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>When the person last proved it was them in this session (password or code), for security changes.</summary>
    public DateTimeOffset? ReauthenticatedAt { get; set; }

    /// <summary>Browser and system from the user agent at sign-in ("Firefox on Windows"), for the person's sessions page.</summary>
    public string? Device { get; set; }

    /// <summary>The client's network at sign-in, masked as the logs mask it ("203.0.113.0/24").</summary>
    public string? Network { get; set; }
}
