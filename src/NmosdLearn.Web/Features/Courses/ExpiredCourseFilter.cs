using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Any page of an expired course (its page, a lesson, a test, the evaluation, the claim) that would answer "not found"
/// says instead that the activity expired, with its date: links to them live on in emails, bookmarks and LMSs.
/// Verification of issued certificates is not under /courses and is unaffected. Applied to the learner's controllers only:
/// the studio and the reports name courses by the same route value, and their "not found" means something else.
/// </summary>
public sealed class ExpiredCourseFilter(CourseCatalogService catalog) : IAsyncAlwaysRunResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is IStatusCodeActionResult { StatusCode: StatusCodes.Status404NotFound } and not ViewResult
            && context.RouteData.Values["courseId"] is string courseId
            && context.Controller is Controller controller
            && catalog.Find(courseId) is { } course
            && catalog.IsExpired(course))
        {
            var expired = controller.View("~/Features/Courses/Expired.cshtml", course);
            expired.StatusCode = StatusCodes.Status410Gone;
            context.Result = expired;
        }

        return next();
    }
}
