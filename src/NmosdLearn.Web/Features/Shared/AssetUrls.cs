using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace NmosdLearn.Web.Features.Shared;

public static class AssetUrls
{
    /// <summary>
    /// A file under wwwroot with its content hash (?v=...), which the static files are served with a year's caching
    /// for: what asp-append-version gives, without a link or script tag helper on every page (each one was created,
    /// run and its output buffered on every request; the hash itself is cached either way).
    /// </summary>
    public static string Asset(this IUrlHelper url, string path)
    {
        var context = url.ActionContext.HttpContext;
        var versions = context.RequestServices.GetRequiredService<IFileVersionProvider>();
        return versions.AddFileVersionToPath(context.Request.PathBase, context.Request.PathBase.Add(path).Value!);
    }
}
