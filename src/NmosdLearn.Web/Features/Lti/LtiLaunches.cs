using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Lti;

/// <summary>The LTI 1.3 claim names the tool reads.</summary>
public static class LtiClaims
{
    public const string MessageType = "https://purl.imsglobal.org/spec/lti/claim/message_type";
    public const string Version = "https://purl.imsglobal.org/spec/lti/claim/version";
    public const string DeploymentId = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
    public const string TargetLinkUri = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri";
    public const string Custom = "https://purl.imsglobal.org/spec/lti/claim/custom";
    public const string Roles = "https://purl.imsglobal.org/spec/lti/claim/roles";
    public const string ResourceLink = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
    public const string Endpoint = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public const string LaunchPresentation = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation";
    public const string DeepLinkingSettings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    public const string ContentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    public const string Data = "https://purl.imsglobal.org/spec/lti-dl/claim/data";

    public const string ResourceLinkRequest = "LtiResourceLinkRequest";
    public const string DeepLinkingRequest = "LtiDeepLinkingRequest";
    public const string DeepLinkingResponse = "LtiDeepLinkingResponse";
}

/// <summary>A launch that passed every check: the platform and the id token's claims.</summary>
public sealed record ValidLaunch(LtiPlatform Platform, JsonObject Claims)
{
    public string MessageType => Claims[LtiClaims.MessageType]!.GetValue<string>();

    public string Subject => Claims["sub"]!.GetValue<string>();

    public string DeploymentId => Claims[LtiClaims.DeploymentId]!.GetValue<string>();

    public bool IsInstructor => Claims[LtiClaims.Roles] is JsonArray roles && roles.Any(r =>
        r?.GetValue<string>() is { } role && (role.EndsWith("#Instructor", StringComparison.Ordinal) || role.EndsWith("#Administrator", StringComparison.Ordinal)));

    /// <summary>The course the link names: its custom parameter, else the course address it targets.</summary>
    public string? CourseId =>
        Claims[LtiClaims.Custom]?["course"]?.GetValue<string>()
        ?? (Claims[LtiClaims.TargetLinkUri]?.GetValue<string>() is { } target && Uri.TryCreate(target, UriKind.Absolute, out var uri)
            && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["courses", var id, ..] ? id : null);
}

/// <summary>Why a launch was refused, in words for the page the learner sees and the log.</summary>
public sealed record LaunchRefusal(string Reason);

/// <summary>
/// The tool side of LTI 1.3 launches: third-party initiated login (state and nonce kept on the server, so no cookie
/// is needed inside an LMS iframe), id token validation (signature against the platform's key set, issuer,
/// audience and authorised party, lifetime, single-use nonce, state, deployment, message type and version), and
/// the link between the platform's user and an account here.
/// </summary>
public sealed class LtiLaunches(
    AppDbContext db, IHttpClientFactory http, IMemoryCache cache, UserManager<AppUser> users, TimeProvider time, Microsoft.Extensions.Options.IOptions<LtiLoginLimits> loginLimits,
    ILogger<LtiLaunches> logger)
{
    public const string HttpClientName = "lti";

    /// <summary>The domain of the addresses LMS learners' accounts get: reserved, never anyone's mailbox.</summary>
    public const string ReservedEmailDomain = "lms.invalid";

    private static readonly TimeSpan LoginLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Expired logins deleted by one login at most, so the work of one anonymous request stays small.</summary>
    private const int ExpiredDeletedPerLogin = 200;

    /// <summary>
    /// Starts a login: the platform is found by its issuer (and client id when it sends one). Expired logins are
    /// deleted on the way (a bounded batch), and none is stored when too many are waiting already.
    /// </summary>
    public async Task<(string? Redirect, string? Refusal)> StartLoginAsync(
        string issuer, string? clientId, string loginHint, string? messageHint, string redirectUri, CancellationToken cancellationToken)
    {
        var platform = await db.LtiPlatforms.AsNoTracking()
            .Where(p => p.Issuer == issuer && (clientId == null || p.ClientId == clientId)).FirstOrDefaultAsync(cancellationToken);
        if (platform is null)
        {
            return (null, null);
        }

        var now = time.GetUtcNow();
        var expired = now - LoginLifetime;
        await db.LtiLogins.Where(l => l.CreatedAt < expired).OrderBy(l => l.CreatedAt).Take(ExpiredDeletedPerLogin).ExecuteDeleteAsync(cancellationToken);
        if (await db.LtiLogins.CountAsync(l => l.CreatedAt >= expired, cancellationToken) >= loginLimits.Value.MaxPending)
        {
            logger.LogWarning("LTI login from {Issuer} refused: {Limit} logins are waiting", platform.Issuer, loginLimits.Value.MaxPending);
            return (null, "Too many launches are waiting at the moment. Wait a few minutes and launch the course again from your LMS.");
        }

        var login = new LtiLogin { State = Token(), Nonce = Token(), PlatformId = platform.Id, CreatedAt = now };
        db.LtiLogins.Add(login);
        await db.SaveChangesAsync(cancellationToken);
        var query = new Dictionary<string, string?>
        {
            ["scope"] = "openid", ["response_type"] = "id_token", ["response_mode"] = "form_post", ["prompt"] = "none",
            ["client_id"] = platform.ClientId, ["redirect_uri"] = redirectUri, ["login_hint"] = loginHint, ["lti_message_hint"] = messageHint,
            ["state"] = login.State, ["nonce"] = login.Nonce,
        };
        return (Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(platform.AuthenticationUrl, query), null);
    }

    /// <summary>Checks a launch; the login it answers is used up whatever the outcome.</summary>
    public async Task<(ValidLaunch? Launch, LaunchRefusal? Refusal)> ValidateAsync(string? idToken, string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken) || string.IsNullOrEmpty(state))
        {
            return Refuse("The launch carries no id token or state.");
        }

        var login = await db.LtiLogins.FirstOrDefaultAsync(l => l.State == state, cancellationToken);
        if (login is null || login.UsedAt is not null || time.GetUtcNow() - login.CreatedAt > LoginLifetime)
        {
            return Refuse("The launch does not answer a login this tool started, or it was used already or too long ago. Launch the course again from your LMS.");
        }

        login.UsedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var platform = await db.LtiPlatforms.AsNoTracking().FirstAsync(p => p.Id == login.PlatformId, cancellationToken);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            IssuerSigningKeys = await PlatformKeysAsync(platform, cancellationToken),
            ValidIssuer = platform.Issuer,
            ValidAudience = platform.ClientId,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } end && end.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddMinutes(-1),
        });
        if (!result.IsValid)
        {
            logger.LogWarning(result.Exception, "LTI launch from {Issuer} refused", platform.Issuer);
            return Refuse(result.Exception switch
            {
                SecurityTokenInvalidAudienceException => "The launch was meant for another tool (its audience is not this tool's client id).",
                SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException => "The launch has expired. Launch the course again from your LMS.",
                SecurityTokenInvalidIssuerException => "The launch comes from another platform than the one that started it.",
                _ => "The launch's signature does not match the platform's published keys.",
            });
        }

        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(idToken.Split('.')[1]))!.AsObject();
        if (claims["nonce"]?.GetValue<string>() != login.Nonce)
        {
            return Refuse("The launch's nonce is not the one this tool sent: it may be a replay.");
        }

        if (claims["aud"] is JsonArray { Count: > 1 } && claims["azp"]?.GetValue<string>() != platform.ClientId)
        {
            return Refuse("The launch names several audiences but this tool is not its authorised party.");
        }

        if (claims[LtiClaims.Version]?.GetValue<string>() != "1.3.0")
        {
            return Refuse("The launch is not LTI 1.3.0.");
        }

        if (claims[LtiClaims.MessageType]?.GetValue<string>() is not (LtiClaims.ResourceLinkRequest or LtiClaims.DeepLinkingRequest))
        {
            return Refuse("The launch asks for a message this tool does not offer.");
        }

        if (claims[LtiClaims.DeploymentId]?.GetValue<string>() is not { } deployment || !platform.AllowsDeployment(deployment))
        {
            return Refuse("The launch comes from a deployment that is not registered for this platform.");
        }

        if (string.IsNullOrEmpty(claims["sub"]?.GetValue<string>()))
        {
            return Refuse("The launch names no user.");
        }

        return (new ValidLaunch(platform, claims), null);
    }

    /// <summary>
    /// The account of the launched user: the one linked to the platform's user, or a new one with the name the platform
    /// sends. The email the platform reports is never given to the account, confirmed or not: nobody here has proved
    /// it, and an account holding it would be reached by whoever proves it later (a registration, a reset), while the
    /// LMS user kept using it. The account gets a reserved address instead (<c>.invalid</c>, RFC 2606), which no one
    /// can own or receive mail at and which satisfies Identity's one-account-per-address rule. The LMS vouches for the
    /// person, so certificates do not wait for a confirmed address (<c>CreditService.MayReceiveCertificateAsync</c>).
    /// </summary>
    public async Task<AppUser> UserForAsync(ValidLaunch launch, CancellationToken cancellationToken)
    {
        var link = await db.LtiUserLinks
            .FirstOrDefaultAsync(l => l.PlatformId == launch.Platform.Id && l.Subject == launch.Subject, cancellationToken);
        if (link is not null && await users.FindByIdAsync(link.UserId) is { DeletedAt: null } linked)
        {
            return linked;
        }

        var claims = launch.Claims;
        var name = claims["name"]?.GetValue<string>()
            ?? string.Join(' ', new[] { claims["given_name"]?.GetValue<string>(), claims["family_name"]?.GetValue<string>() }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var user = new AppUser
        {
            UserName = $"lti-{launch.Platform.Id}-{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(launch.Subject)))[..24]}",
            // Random, so nobody can take it first by registering it.
            Email = $"lti-{Guid.NewGuid():N}@{ReservedEmailDomain}",
            EmailConfirmed = false,
            // The LMS's name is not refused but cleaned to one line: it prints on certificates and goes into email.
            FullName = Shared.TextLine.Clean(name) is { Length: > 0 } clean ? clean[..Math.Min(clean.Length, 200)] : "LTI learner",
            Profession = "Other",
            CreatedAt = time.GetUtcNow(),
            // The LMS's locale for the learner (launch_presentation.locale), when it is one of ours; else the default.
            PreferredLanguage = claims[LtiClaims.LaunchPresentation] is JsonObject presentation && presentation["locale"] is JsonValue locale && locale.TryGetValue<string>(out var tag)
                ? Account.Email.EmailLanguage.Supported(tag) : null,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("the LTI user could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Clinician);
        if (link is null)
        {
            db.LtiUserLinks.Add(new LtiUserLink { PlatformId = launch.Platform.Id, Subject = launch.Subject, UserId = user.Id, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            // The linked account was deleted: the platform's user starts again with a new one.
            link.UserId = user.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>Remembers where this learner's result in the course goes back to (when the link has a line item).</summary>
    public async Task RememberResultTargetAsync(ValidLaunch launch, string userId, string courseId, CancellationToken cancellationToken)
    {
        if (launch.Claims[LtiClaims.Endpoint]?["lineitem"]?.GetValue<string>() is not { } lineItem)
        {
            return;
        }

        var target = await db.LtiResultTargets.FirstOrDefaultAsync(t => t.UserId == userId && t.CourseId == courseId && t.PlatformId == launch.Platform.Id, cancellationToken);
        if (target is null)
        {
            db.LtiResultTargets.Add(new LtiResultTarget
            {
                UserId = userId, CourseId = courseId, PlatformId = launch.Platform.Id, Subject = launch.Subject, LineItemUrl = lineItem, LastLaunchAt = time.GetUtcNow(),
            });
        }
        else
        {
            target.LineItemUrl = lineItem;
            target.LastLaunchAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A one-time link that signs the user in, in a window of its own (first-party), and opens the course. It is bound
    /// to the launching browser: <paramref name="browserHash"/> is the hash of a random value left in that browser's cookie.
    /// </summary>
    public async Task<string> HandoffAsync(string userId, string targetPath, string browserHash, CancellationToken cancellationToken)
    {
        var handoff = new LtiHandoff { Token = Token(), UserId = userId, TargetPath = targetPath, ExpiresAt = time.GetUtcNow().AddMinutes(5), BrowserHash = browserHash };
        db.LtiHandoffs.Add(handoff);
        await db.SaveChangesAsync(cancellationToken);
        return handoff.Token;
    }

    /// <summary>An unused, unexpired handoff for this browser, without using it; null otherwise.</summary>
    public async Task<LtiHandoff?> FindHandoffAsync(string token, string? browserHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return browserHash is null ? null : await db.LtiHandoffs.AsNoTracking()
            .FirstOrDefaultAsync(h => h.Token == token && h.BrowserHash == browserHash && h.UsedAt == null && h.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Uses a handoff once, from the browser it was made for: its user and where to go, or null when unknown, used, expired or another browser's.</summary>
    public async Task<LtiHandoff?> TakeHandoffAsync(string token, string? browserHash, CancellationToken cancellationToken)
    {
        if (browserHash is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var taken = await db.LtiHandoffs.Where(h => h.Token == token && h.BrowserHash == browserHash && h.UsedAt == null && h.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.UsedAt, now), cancellationToken);
        return taken == 1 ? await db.LtiHandoffs.AsNoTracking().FirstAsync(h => h.Token == token, cancellationToken) : null;
    }

    /// <summary>A new random value for the launching browser's cookie, and the hash the handoff keeps of it.</summary>
    public static (string Value, string Hash) NewBrowserBinding()
    {
        var value = Token();
        return (value, BrowserHash(value)!);
    }

    public static string? BrowserHash(string? value) =>
        string.IsNullOrEmpty(value) ? null : Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    private async Task<IEnumerable<SecurityKey>> PlatformKeysAsync(LtiPlatform platform, CancellationToken cancellationToken)
    {
        var key = (nameof(LtiLaunches), platform.KeySetUrl);
        if (!cache.TryGetValue(key, out JsonWebKeySet? keys))
        {
            var json = await http.CreateClient(HttpClientName).GetStringAsync(platform.KeySetUrl, cancellationToken);
            keys = new JsonWebKeySet(json);
            cache.Set(key, keys, TimeSpan.FromMinutes(5));
        }

        return keys!.GetSigningKeys();
    }

    private static (ValidLaunch?, LaunchRefusal?) Refuse(string reason) => (null, new LaunchRefusal(reason));

    private static string Token() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
