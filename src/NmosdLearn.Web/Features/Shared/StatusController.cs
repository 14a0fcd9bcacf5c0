using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace NmosdLearn.Web.Features.Shared;

public sealed class StatusController : Controller
{
    // Both pages are re-executed with the failed request's own method: a POST whose form had expired would fail the
    // antiforgery check a second time here and leave an empty 400.
    [Route("/error")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error() => View("Error");

    /// <summary>The page shown for an error status that has no body of its own; the status code is kept.</summary>
    [Route("/status/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int code)
    {
        // Only error statuses: /status/0 or /status/302 would send a broken status line or a redirect without a location.
        if (code is < 400 or > 599)
        {
            code = StatusCodes.Status404NotFound;
        }

        Response.StatusCode = code;
        return View(code switch
        {
            StatusCodes.Status400BadRequest => "BadRequest",
            StatusCodes.Status404NotFound => "NotFound",
            StatusCodes.Status429TooManyRequests => "TooManyRequests",
            _ => "Error",
        });
    }

    /// <summary>Remembers the learner's language choice for a year.</summary>
    [HttpPost("/language")]
    public IActionResult SetLanguage(string culture, string? returnUrl)
    {
        if (WebSetup.Cultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
