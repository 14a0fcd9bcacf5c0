using Microsoft.AspNetCore.Mvc;

namespace NmosdLearn.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>The platform's own privacy notice; a deployment may point to its provider's instead (Provider:PrivacyPolicyUrl).</summary>
    [HttpGet("/privacy")]
    public IActionResult Privacy() => View();
}
