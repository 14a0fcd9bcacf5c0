using Microsoft.AspNetCore.Mvc;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Features.Home;

public sealed class HomeController(CourseCatalogService catalog) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(new CatalogViewModel(catalog.OfferedCourses()));
}
