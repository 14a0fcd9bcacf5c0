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
}
