using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace NmosdLearn.Web.Features.Progress;

/// <summary>Heartbeats from a visible lesson or test page with an active learner: the server measures time on task from them.</summary>
[Authorize]
public sealed class HeartbeatController(ProgressService progress, TimeOnTask timeOnTask) : Controller
{
    [HttpPost("courses/{courseId}/heartbeat")]
    public async Task<IActionResult> Beat(string courseId, [FromForm] string? step, CancellationToken cancellationToken)
    {
        var state = await progress.GetAsync(User.UserId(), courseId, cancellationToken);
        if (state?.Enrollment is null || step is null || !TimeOnTask.IsStep(state, step))
        {
            return NotFound();
        }

        await timeOnTask.HeartbeatAsync(User.UserId()!, courseId, step, cancellationToken);
        return NoContent();
    }
}
