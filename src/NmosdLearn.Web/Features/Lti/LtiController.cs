using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Lti;

public sealed record LtiContinueViewModel(string ContinueUrl, string? CourseTitle);

/// <summary>Someone else is signed in in this browser: ask before the launch's account replaces them.</summary>
public sealed record LtiSwitchViewModel(string Token, string SignedInAs, string LaunchedAs);

public sealed record LtiRefusedViewModel(string Reason);

public sealed record DeepLinkViewModel(IReadOnlyList<NmosdLearn.Content.Course> Courses, string Request);

public sealed record DeepLinkReturnViewModel(string ReturnUrl, string Jwt, string CourseTitle);

/// <summary>
/// The LTI 1.3 tool endpoints: login initiation, launch, the first-party handoff that signs the learner in, and
/// deep linking for instructors choosing a course.
/// </summary>
[AllowAnonymous]
[Route("lti")]
public sealed class LtiController(
    LtiLaunches launches, CourseCatalogService catalog, SignInManager<AppUser> signIn, SignInAuthority authority, UserManager<AppUser> users, CredentialSigner signer,
    IDataProtectionProvider protection, IOptions<CertificateOptions> options, TimeProvider time) : Controller
{
    private const string Views = "/Features/Lti/";

    /// <summary>Holds the random value that binds a handoff to the browser that launched (login CSRF: nobody else's link signs you in).</summary>
    public const string BrowserCookie = "nmosdlearn.lti-browser";

    private ITimeLimitedDataProtector DeepLinkProtector => protection.CreateProtector("lti-deep-linking").ToTimeLimitedDataProtector();

    private string Root => options.PublicBaseUrl(Request).TrimEnd('/');

    /// <summary>Third-party initiated login (OIDC): the platform sends the browser here first, by GET or POST.</summary>
    [HttpGet("login")]
    [HttpPost("login")]
    [IgnoreAntiforgeryToken]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(LtiSetup.LoginPolicy)]
    public async Task<IActionResult> Login(
        [FromQuery(Name = "iss")] string? issuerQuery, [FromForm(Name = "iss")] string? issuerForm,
        [FromQuery(Name = "login_hint")] string? hintQuery, [FromForm(Name = "login_hint")] string? hintForm,
        [FromQuery(Name = "lti_message_hint")] string? messageQuery, [FromForm(Name = "lti_message_hint")] string? messageForm,
        [FromQuery(Name = "client_id")] string? clientQuery, [FromForm(Name = "client_id")] string? clientForm,
        CancellationToken cancellationToken)
    {
        var issuer = issuerForm ?? issuerQuery;
        var hint = hintForm ?? hintQuery;
        if (string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(hint))
        {
            return Refused("The login request names no platform (iss) or user (login_hint).");
        }

        var (redirect, busy) = await launches.StartLoginAsync(issuer, clientForm ?? clientQuery, hint, messageForm ?? messageQuery, Root + "/lti/launch", cancellationToken);
        if (busy is not null)
        {
            Response.Headers.RetryAfter = "60";
            return Refused(busy, StatusCodes.Status503ServiceUnavailable);
        }

        return redirect is null ? Refused($"The platform '{issuer}' is not registered with this tool: an administrator registers it at /admin/lti.") : Redirect(redirect);
    }

    /// <summary>The launch: the platform posts its signed id token here.</summary>
    [HttpPost("launch")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Launch([FromForm(Name = "id_token")] string? idToken, [FromForm(Name = "state")] string? state, CancellationToken cancellationToken)
    {
        var (launch, refusal) = await launches.ValidateAsync(idToken, state, cancellationToken);
        if (launch is null)
        {
            return Refused(refusal!.Reason);
        }

        AllowFramingBy(launch.Platform.Issuer);
        if (launch.MessageType == LtiClaims.DeepLinkingRequest)
        {
            if (!launch.IsInstructor)
            {
                return Refused("Only an instructor can choose a course for the LMS.");
            }

            var settings = launch.Claims[LtiClaims.DeepLinkingSettings]!.AsObject();
            var request = new JsonObject
            {
                ["platform"] = launch.Platform.Id, ["issuer"] = launch.Platform.Issuer, ["clientId"] = launch.Platform.ClientId,
                ["deploymentId"] = launch.DeploymentId, ["returnUrl"] = settings["deep_link_return_url"]!.GetValue<string>(),
                ["data"] = settings["data"]?.GetValue<string>(), ["nonce"] = launch.Claims["nonce"]!.GetValue<string>(),
            };
            return View(Views + "DeepLink.cshtml", new DeepLinkViewModel(catalog.OfferedCourses(), DeepLinkProtector.Protect(request.ToJsonString(), TimeSpan.FromMinutes(30))));
        }

        var courseId = launch.CourseId;
        var course = courseId is null ? null : catalog.Find(courseId);
        var user = await launches.UserForAsync(launch, cancellationToken);
        if (course is not null)
        {
            await launches.RememberResultTargetAsync(launch, user.Id, course.Id, cancellationToken);
        }

        var (browserValue, browserHash) = LtiLaunches.NewBrowserBinding();
        // SameSite=None: the launch is often framed by the LMS; the value only has to come back from this browser's own window.
        Response.Cookies.Append(BrowserCookie, browserValue, new CookieOptions
        {
            HttpOnly = true, Secure = Request.IsHttps, SameSite = Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax, Path = "/lti", MaxAge = TimeSpan.FromMinutes(5),
        });
        var token = await launches.HandoffAsync(user.Id, course is null ? "/courses" : $"/courses/{course.Id}", browserHash, cancellationToken);
        return View(Views + "Continue.cshtml", new LtiContinueViewModel($"/lti/continue/{token}", course?.Info.Title));
    }

    /// <summary>
    /// Opened in a window of its own (first-party, so the sign-in cookie is kept): signs the learner in once, only in
    /// the browser that launched, through the same checks as every sign-in; asks first when someone else is signed in here.
    /// </summary>
    [HttpGet("continue/{token}")]
    public async Task<IActionResult> Continue(string token, CancellationToken cancellationToken)
    {
        var browser = LtiLaunches.BrowserHash(Request.Cookies[BrowserCookie]);
        if (await launches.FindHandoffAsync(token, browser, cancellationToken) is not { } handoff || await users.FindByIdAsync(handoff.UserId) is not { } user)
        {
            return Refused(UnusableLink);
        }

        if (User.UserId() is { } current && current != user.Id)
        {
            var signedIn = await users.FindByIdAsync(current);
            return View(Views + "Switch.cshtml", new LtiSwitchViewModel(token, signedIn?.FullName ?? "", user.FullName));
        }

        return await SignInAsync(token, browser, cancellationToken);
    }

    /// <summary>The answer to "someone else is signed in here": continue as the launch's account.</summary>
    [HttpPost("continue/{token}")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> ContinueAfterAsking(string token, CancellationToken cancellationToken) =>
        SignInAsync(token, LtiLaunches.BrowserHash(Request.Cookies[BrowserCookie]), cancellationToken);

    private const string UnusableLink = "This link was used already, has expired, or was opened in another browser. Launch the course again from your LMS.";

    private async Task<IActionResult> SignInAsync(string token, string? browser, CancellationToken cancellationToken)
    {
        if (await launches.TakeHandoffAsync(token, browser, cancellationToken) is not { } handoff || await users.FindByIdAsync(handoff.UserId) is not { } user)
        {
            return Refused(UnusableLink);
        }

        Response.Cookies.Delete(BrowserCookie, new CookieOptions { Path = "/lti" });
        if (User.UserId() == user.Id)
        {
            return LocalRedirect(handoff.TargetPath);
        }

        await signIn.SignOutAsync();
        return await authority.VouchedAsync(user, "lti") switch
        {
            SignInOutcome.SignedIn => LocalRedirect(handoff.TargetPath),
            SignInOutcome.SecondFactorNeeded => LocalRedirect($"/account/login/two-factor?returnUrl={Uri.EscapeDataString(handoff.TargetPath)}"),
            _ => Refused("This account is locked. Contact your course provider to have it unlocked."),
        };
    }

    /// <summary>The instructor's choice: a signed deep-linking response naming the course, posted back to the platform.</summary>
    [HttpPost("deep-link")]
    [IgnoreAntiforgeryToken]
    public IActionResult DeepLink([FromForm] string request, [FromForm] string courseId)
    {
        JsonObject details;
        try
        {
            details = JsonNode.Parse(DeepLinkProtector.Unprotect(request))!.AsObject();
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return Refused("The course choice has expired. Open the selection again from your LMS.");
        }

        if (catalog.Find(courseId) is not { } course)
        {
            return Refused("There is no such course.");
        }

        var now = time.GetUtcNow();
        var response = new JsonObject
        {
            ["iss"] = details["clientId"]!.GetValue<string>(), ["aud"] = details["issuer"]!.GetValue<string>(),
            ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(), ["nonce"] = Guid.NewGuid().ToString("N"),
            [LtiClaims.MessageType] = LtiClaims.DeepLinkingResponse, [LtiClaims.Version] = "1.3.0",
            [LtiClaims.DeploymentId] = details["deploymentId"]!.GetValue<string>(),
            [LtiClaims.ContentItems] = new JsonArray(new JsonObject
            {
                ["type"] = "ltiResourceLink", ["title"] = course.Info.Title, ["url"] = Root + "/lti/launch",
                ["custom"] = new JsonObject { ["course"] = course.Id },
                ["lineItem"] = new JsonObject { ["scoreMaximum"] = 100, ["label"] = course.Info.Title, ["resourceId"] = course.Id },
            }),
        };
        if (details["data"]?.GetValue<string>() is { } data)
        {
            response[LtiClaims.Data] = data;
        }

        var returnUrl = details["returnUrl"]!.GetValue<string>();
        // The form posts to the platform: the page's policy allows that one address as a form target.
        AllowFramingBy(details["issuer"]!.GetValue<string>(), formTarget: returnUrl);
        return View(Views + "DeepLinkReturn.cshtml", new DeepLinkReturnViewModel(returnUrl, signer.Sign(response, Root), course.Info.Title));
    }

    /// <summary>Launch pages are shown inside the LMS: that platform, and only it, may frame them.</summary>
    private void AllowFramingBy(string issuer, string? formTarget = null)
    {
        Response.Headers.Remove("X-Frame-Options");
        var policy = Shared.SecurityHeaders.ContentSecurityPolicy.Replace("frame-ancestors 'none'", $"frame-ancestors {Origin(issuer)}");
        Response.Headers.ContentSecurityPolicy = formTarget is null ? policy : policy.Replace("form-action 'self'", $"form-action 'self' {Origin(formTarget)}");
    }

    private static string Origin(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "'none'";

    private IActionResult Refused(string reason, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View(Views + "Refused.cshtml", new LtiRefusedViewModel(reason));
    }
}
