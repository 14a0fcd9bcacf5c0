using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>Every route that needs a staff role, found from the app's own endpoints, so a new one cannot be missed.</summary>
[Collection(AppCollection.Name)]
public sealed class StaffRouteTests(AppFactory app)
{
    private static readonly string[] StaffRoles = ["Author", "Reviewer", "Admin"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IReadOnlyList<(string Method, string Path)> StaffRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Roles?.Split(',').Any(StaffRoles.Contains) == true))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (method, Path(e.RoutePattern.RawText!))))
            .Distinct()
            .ToList();

    /// <summary>A concrete address for a route template: every parameter gets a plausible value.</summary>
    private static string Path(string template) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(template.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", m => m.Groups[2].Value.Contains("long") || m.Groups[2].Value.Contains("int") || m.Groups[2].Value.Contains("guid") ? (m.Groups[2].Value.Contains("guid") ? Guid.Empty.ToString() : "1") : "x");

    [Fact]
    public void The_staff_routes_include_the_studio_review_authoring_and_administration()
    {
        var paths = StaffRoutes().Select(r => r.Path).ToList();

        Assert.Contains("/studio", paths);
        Assert.Contains("/studio/x/review/1", paths);
        Assert.Contains("/studio/x/publish", paths);
        Assert.Contains("/authoring", paths);
        Assert.Contains("/admin", paths);
        Assert.True(paths.Count >= 25, $"only {paths.Count} staff routes found");
    }

    [Fact]
    public async Task Every_author_reviewer_and_admin_route_sends_anonymous_visitors_to_sign_in()
    {
        var client = app.CreateTestClient();

        foreach (var (method, path) in StaffRoutes())
        {
            var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/login",
                $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>Routes only an administrator may use: every role list on the endpoint names Admin alone.</summary>
    private IReadOnlyList<(string Method, string Path)> AdminRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Roles == "Admin"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (method, Path(e.RoutePattern.RawText!))))
            .Distinct()
            .ToList();

    [Theory]
    [InlineData("Author")]
    [InlineData("Reviewer")]
    public async Task Every_admin_route_refuses_authors_and_reviewers_with_403(string role)
    {
        var client = app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(await app.CreateUserAsync(role), "a long enough password")).StatusCode);
        var routes = AdminRoutes();
        Assert.Contains(("GET", "/admin/users"), routes);
        Assert.Contains(("GET", "/admin/reports/x/completions.csv"), routes);
        Assert.Contains(("GET", "/admin/audit"), routes);

        foreach (var (method, path) in routes)
        {
            var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/access-denied",
                $"{role}: {method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task Every_author_reviewer_and_admin_route_refuses_a_clinician_with_403()
    {
        var client = await app.SignedInLearnerAsync();

        foreach (var (method, path) in StaffRoutes())
        {
            var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/access-denied",
                $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var denied = await client.Http.GetAsync("/account/access-denied", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
