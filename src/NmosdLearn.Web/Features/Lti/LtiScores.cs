using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Features.Lti;

/// <summary>LTI settings.</summary>
public sealed class LtiOptions
{
    public const string Section = "Lti";

    /// <summary>How often waiting scores are tried again (the wait grows with each failure, up to an hour).</summary>
    public int ScoreCheckSeconds { get; set; } = 10;

    public LtiLoginLimits Login { get; set; } = new();
}

/// <summary>
/// Limits of <c>/lti/login</c> (<c>Lti:Login</c>): anyone can call it and each call stores a row (state and nonce), so
/// calls are limited per client address and the rows waiting for a launch are capped.
/// </summary>
public sealed class LtiLoginLimits
{
    /// <summary>Logins one client address (an IPv6 client's /64) may start per window; more answer 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int PerAddress { get; set; } = 30;

    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Logins started in the last 10 minutes (the time a launch may take) the platform keeps; more answer 503.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000_000)]
    public int MaxPending { get; set; } = 10_000;
}

/// <summary>
/// Assignment and Grade Services: a learner's post-test result and completion are written to an outbox in the
/// database and sent to every line item the learner launched the course from, until the platform accepts them.
/// </summary>
public sealed class LtiScores(AppDbContext db, TimeProvider time)
{
    /// <summary>Queues a score for every platform link of this learner and course; nothing when they did not come through LTI.</summary>
    public async Task RecordAsync(string userId, string courseId, double scoreGiven, bool completed, CancellationToken cancellationToken)
    {
        var targets = await db.LtiResultTargets.AsNoTracking().Where(t => t.UserId == userId && t.CourseId == courseId).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var target in targets)
        {
            var progress = completed ? "Completed" : "Submitted";
            var last = await db.LtiScores.AsNoTracking().Where(s => s.TargetId == target).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            if (last is not null && last.ScoreGiven == scoreGiven && last.ActivityProgress == progress)
            {
                // The same result again (a double submit): the platform already has it or will.
                continue;
            }

            db.LtiScores.Add(new LtiScore
            {
                TargetId = target, ScoreGiven = scoreGiven, ScoreMaximum = 100,
                ActivityProgress = completed ? "Completed" : "Submitted", GradingProgress = "FullyGraded",
                Timestamp = time.GetUtcNow(), NextAttemptAt = time.GetUtcNow(),
            });
        }

        if (targets.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>Sends waiting scores: an access token from the platform (client credentials with a signed assertion), then the score.</summary>
public sealed class LtiScoreSender(
    IServiceScopeFactory scopes, IHttpClientFactory http, CredentialSigner signer, IMemoryCache cache, IOptions<LtiOptions> options,
    IOptions<CertificateOptions> certificates, TimeProvider time, ILogger<LtiScoreSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScoreCheckSeconds));
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending LTI scores failed; trying again shortly");
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Tries every score that is due; returns how many the platforms accepted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        var due = await db.LtiScores.Where(s => s.SentAt == null && s.NextAttemptAt <= now).OrderBy(s => s.Id).Take(50).ToListAsync(cancellationToken);
        var accepted = 0;
        foreach (var score in due)
        {
            var target = await db.LtiResultTargets.AsNoTracking().FirstAsync(t => t.Id == score.TargetId, cancellationToken);
            var platform = await db.LtiPlatforms.AsNoTracking().FirstAsync(p => p.Id == target.PlatformId, cancellationToken);
            try
            {
                var token = await AccessTokenAsync(platform, cancellationToken);
                var body = new JsonObject
                {
                    ["userId"] = target.Subject, ["scoreGiven"] = score.ScoreGiven, ["scoreMaximum"] = score.ScoreMaximum,
                    ["activityProgress"] = score.ActivityProgress, ["gradingProgress"] = score.GradingProgress,
                    ["timestamp"] = score.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, ScoresUrl(target.LineItemUrl))
                {
                    Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/vnd.ims.lis.v1.score+json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.CreateClient(LtiLaunches.HttpClientName).SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"the platform answered {(int)response.StatusCode}");
                }

                score.SentAt = time.GetUtcNow();
                score.LastError = null;
                accepted++;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                score.Attempts++;
                score.LastError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                score.NextAttemptAt = time.GetUtcNow().AddSeconds(Math.Min(3600, 10 * Math.Pow(2, score.Attempts)));
                logger.LogWarning("LTI score {Score} not accepted by {Issuer} (attempt {Attempt}): {Error}", score.Id, platform.Issuer, score.Attempts, score.LastError);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return accepted;
    }

    /// <summary>The scores endpoint of a line item: its path with "/scores" added, its query kept.</summary>
    public static string ScoresUrl(string lineItem)
    {
        var uri = new UriBuilder(lineItem);
        uri.Path = uri.Path.TrimEnd('/') + "/scores";
        return uri.Uri.ToString();
    }

    private async Task<string> AccessTokenAsync(LtiPlatform platform, CancellationToken cancellationToken)
    {
        var key = (nameof(LtiScoreSender), platform.Id);
        if (cache.TryGetValue(key, out string? cached))
        {
            return cached!;
        }

        // The assertion's key id must name this tool's key set, and a background task has no request to take the address from.
        var baseUrl = string.IsNullOrWhiteSpace(certificates.Value.PublicBaseUrl)
            ? throw new InvalidOperationException("Certificates:PublicBaseUrl is not set: the LMS finds this tool's signing key through it, so scores cannot be sent")
            : certificates.Value.PublicBaseUrl;
        var now = time.GetUtcNow();
        var assertion = signer.Sign(new JsonObject
        {
            ["iss"] = platform.ClientId, ["sub"] = platform.ClientId, ["aud"] = platform.TokenUrl,
            ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
        }, baseUrl);
        using var response = await http.CreateClient(LtiLaunches.HttpClientName).PostAsync(platform.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = "https://purl.imsglobal.org/spec/lti-ags/scope/score",
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the token endpoint answered {(int)response.StatusCode}");
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var token = json["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("the token endpoint gave no access_token");
        var lifetime = json["expires_in"]?.GetValue<int>() ?? 300;
        cache.Set(key, token, TimeSpan.FromSeconds(Math.Max(30, lifetime - 30)));
        return token;
    }
}
