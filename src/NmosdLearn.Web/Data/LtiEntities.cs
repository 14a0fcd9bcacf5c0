namespace NmosdLearn.Web.Data;

/// <summary>An LMS (Moodle, Canvas...) registered to launch the platform's courses over LTI 1.3.</summary>
public sealed class LtiPlatform
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The platform's issuer (<c>iss</c> of its id tokens), such as https://moodle.example.org.</summary>
    public required string Issuer { get; set; }

    /// <summary>The client id the platform gave this tool.</summary>
    public required string ClientId { get; set; }

    /// <summary>Where the tool sends the browser to authenticate (OIDC authorization endpoint).</summary>
    public required string AuthenticationUrl { get; set; }

    /// <summary>Where the tool gets access tokens for grade return (OAuth 2 token endpoint).</summary>
    public required string TokenUrl { get; set; }

    /// <summary>The platform's public keys (JWKS).</summary>
    public required string KeySetUrl { get; set; }

    /// <summary>Deployment ids the platform may launch with, separated by spaces.</summary>
    public required string DeploymentIds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool AllowsDeployment(string deploymentId) =>
        DeploymentIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(deploymentId, StringComparer.Ordinal);
}

/// <summary>
/// One login initiation: the state and nonce sent to the platform, kept on the server (no cookie, so a launch inside
/// an iframe works without third-party cookies) and used once.
/// </summary>
public sealed class LtiLogin
{
    public required string State { get; set; }
    public required string Nonce { get; set; }
    public long PlatformId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A person of a platform (its <c>sub</c>) linked to an account here.</summary>
public sealed class LtiUserLink
{
    public long Id { get; set; }
    public long PlatformId { get; set; }
    public required string Subject { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Where a learner's result in a course goes back to: the line item of the link they launched from.</summary>
public sealed class LtiResultTarget
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CourseId { get; set; }
    public long PlatformId { get; set; }
    public required string Subject { get; set; }
    public required string LineItemUrl { get; set; }
    public DateTimeOffset LastLaunchAt { get; set; }
}

/// <summary>
/// A score waiting to be sent to a platform (Assignment and Grade Services). Kept until the platform accepts it,
/// retried with growing waits, so a platform that is down loses nothing.
/// </summary>
public sealed class LtiScore
{
    public long Id { get; set; }
    public long TargetId { get; set; }
    public double ScoreGiven { get; set; }
    public double ScoreMaximum { get; set; }
    public required string ActivityProgress { get; set; }
    public required string GradingProgress { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A one-time link from a launch (perhaps inside an LMS iframe) to a first-party window, where the sign-in cookie can be set.</summary>
public sealed class LtiHandoff
{
    public required string Token { get; set; }
    public required string UserId { get; set; }
    public required string TargetPath { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>SHA-256 of the random value the launch left in the launching browser's cookie: only that browser may use the link.</summary>
    public string? BrowserHash { get; set; }
}
