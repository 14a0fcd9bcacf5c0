using System.Security.Claims;

namespace NmosdLearn.Web.Features;

public static class ClaimsExtensions
{
    /// <summary>The signed-in user's id, or null for an anonymous visitor.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
