using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Web.Features.Account.Sessions;
using NmosdLearn.Web.Features.Shared;

namespace NmosdLearn.Web.Features.Account;

public sealed record SessionsViewModel(IReadOnlyList<SessionSummary> Sessions, string? Done);

/// <summary>The person's own sessions: where they are signed in, and signing any of them out.</summary>
[Authorize]
[Route("account/settings/sessions")]
public sealed class SessionsController(SessionGuard sessions, ILogger<SessionsController> logger) : Controller
{
    private string? CurrentSessionId => User.FindFirst(SessionGuard.SessionClaim)?.Value;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? done, CancellationToken cancellationToken) =>
        View("Sessions", new SessionsViewModel(await sessions.LiveSessionsAsync(User.UserId()!, CurrentSessionId, cancellationToken), done));

    [HttpPost("{handle}/end")]
    public async Task<IActionResult> End(string handle, CancellationToken cancellationToken)
    {
        if (!await sessions.EndOwnSessionAsync(User.UserId()!, handle, cancellationToken))
        {
            return Redirect("/account/settings/sessions?done=gone");
        }

        logger.LogInformation(SecurityEvents.SessionEndedByOwner, "A session of {UserId} was signed out by its owner", User.UserId());
        return Redirect("/account/settings/sessions?done=ended");
    }

    [HttpPost("end-others")]
    public async Task<IActionResult> EndOthers(CancellationToken cancellationToken)
    {
        await sessions.EndOtherSessionsAsync(User.UserId()!, CurrentSessionId, cancellationToken);
        logger.LogInformation(SecurityEvents.SessionEndedByOwner, "Every other session of {UserId} was signed out by its owner", User.UserId());
        return Redirect("/account/settings/sessions?done=others");
    }
}
