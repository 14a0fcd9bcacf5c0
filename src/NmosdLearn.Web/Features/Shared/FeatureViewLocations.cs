using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>
/// Finds a controller's views in its feature folder, named after the controller's namespace
/// (Features.Quizzes.AssessmentsController looks in Features/Quizzes), then in Features/Shared.
/// </summary>
internal sealed class FeatureViewLocations : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor controller)
        {
            context.Values["feature"] = controller.ControllerTypeInfo.Namespace?.Split('.').Last() ?? "";
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        viewLocations.Select(location => location.Replace("{feature}", context.Values.TryGetValue("feature", out var feature) ? feature : ""));
}
