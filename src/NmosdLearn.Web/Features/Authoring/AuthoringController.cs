using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Features.Authoring;

public sealed record AuthoringViewModel(IReadOnlyList<CourseLoadResult> Courses, DateOnly Today);

/// <summary>Every course as loaded, with its problems: authors see here why a course is not offered.</summary>
[Authorize(Roles = $"{Roles.Author},{Roles.Admin}")]
[Route("authoring")]
public sealed class AuthoringController(ContentLibrary library, TimeProvider time) : Controller
{
    [HttpGet("")]
    public IActionResult Index() =>
        View(new AuthoringViewModel(library.Current.Results, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
}
