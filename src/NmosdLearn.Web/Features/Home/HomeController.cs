using Microsoft.AspNetCore.Mvc;

namespace NmosdLearn.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();
}
