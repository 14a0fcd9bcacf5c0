using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Tests.Studio;

namespace NmosdLearn.Web.Tests.Shared;

/// <summary>
/// Every form of the platform, found from its actions rather than listed by hand (a new form is covered the day it is
/// added), posted by a person who holds every role with each field empty, far too long and full of control characters:
/// the answer is a page with errors, a redirect or a refusal, never a 500. A host of its own: the posts change data.
/// </summary>
public sealed partial class AllFormsTests(AllFormsTests.Factory app) : IClassFixture<AllFormsTests.Factory>
{
    /// <summary>The account steps' limits raised: the test posts each form dozens of times from one address.</summary>
    public sealed class Factory : StudioFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var step in new[] { "SignIn", "TwoFactor", "Register", "PasswordReset" })
            {
                builder.UseSetting($"Accounts:Limits:{step}:PerAddress", "100000");
                builder.UseSetting($"Accounts:Limits:{step}:PerAccount", "100000");
                builder.UseSetting($"Accounts:Limits:{step}:WindowSeconds", "60");
            }
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Actions that end the session that posts the rest; signing out is covered elsewhere.</summary>
    private static readonly string[] Skipped = ["Logout"];

    public static readonly string[] BadValues = ["", new string('x', 20_000), "a\r\nb\0c\u202Ed\u0007", "-9999999999999999999999"];

    [Fact]
    public async Task No_form_answers_500_to_empty_too_long_or_control_character_fields()
    {
        var client = app.CreateTestClient();
        var email = await EveryRoleAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, "a long enough password")).StatusCode);
        var studioCourse = $"forms-{Guid.NewGuid():N}"[..18];
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/studio", "/studio/new",
            [new("courseId", studioCourse), new("title", "Forms course"), new("language", "en")])).StatusCode);
        var userId = await UserIdAsync(email);

        var forms = PostActions().ToList();
        Assert.True(forms.Count > 30, $"only {forms.Count} forms found: the action discovery is broken");
        var failures = new List<string>();
        string? token = null;
        foreach (var (template, action) in forms)
        {
            var path = "/" + RouteParameter().Replace(template, match => ValueFor(match.Groups[1].Value, studioCourse, userId));
            // A route parameter comes from the address the form posts to, not from a field.
            var routeParameters = RouteParameter().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var fields = FieldsOf(action).Where(f => !routeParameters.Contains(f)).ToList();
            foreach (var bad in BadValues)
            {
                // Each field alone with the bad value (the others plausible), then all of them at once.
                var variants = fields.Select(field => fields.Select(f => new KeyValuePair<string, string>(f, f == field ? bad : Plausible(f)))).ToList();
                variants.Add(fields.Select(f => new KeyValuePair<string, string>(f, bad)));
                foreach (var variant in variants)
                {
                    token ??= TestClient.AntiforgeryTokenIn(await client.GetPageAsync("/account/settings"));
                    var response = await client.Http.PostAsync(path, new FormUrlEncodedContent(variant.Append(new("__RequestVerificationToken", token))), Cancel);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{path} [{string.Join(", ", variant.Select(v => $"{v.Key}={Show(v.Value)}"))}]: {(int)response.StatusCode}");
                    }
                    else if (response.StatusCode == HttpStatusCode.BadRequest)
                    {
                        token = null; // perhaps refused for its token: take a fresh one
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} posts answered 500:\n" + string.Join('\n', failures.Take(40)));
    }

    private IEnumerable<(string Template, ControllerActionDescriptor Action)> PostActions() =>
        app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.ActionConstraints?.OfType<HttpMethodActionConstraint>().Any(c => c.HttpMethods.Contains("POST")) == true)
            .Where(a => a.AttributeRouteInfo?.Template is not null && !Skipped.Contains(a.ActionName))
            // Machine-to-machine endpoints (LTI, heartbeats) answer their own protocols' errors; their limits are tested with them.
            .Where(a => !a.AttributeRouteInfo!.Template!.StartsWith("lti", StringComparison.Ordinal))
            .Select(a => (a.AttributeRouteInfo!.Template!, a))
            .OrderBy(a => a.Item1, StringComparer.Ordinal);

    /// <summary>The form field names an action binds: its simple parameters and the properties of its input models.</summary>
    private static IEnumerable<string> FieldsOf(ControllerActionDescriptor action)
    {
        foreach (var parameter in action.Parameters.OfType<ControllerParameterDescriptor>())
        {
            var type = parameter.ParameterType;
            if (type == typeof(CancellationToken) || parameter.BindingInfo?.BindingSource?.Id is "Path" or "Services" or "Header")
            {
                continue;
            }

            if (IsSimple(type))
            {
                yield return parameter.BindingInfo?.BinderModelName ?? parameter.Name;
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                if (IsSimple(property.PropertyType))
                {
                    yield return property.Name;
                }
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset);
    }

    private static string ValueFor(string parameter, string studioCourse, string userId) => parameter switch
    {
        "courseId" => studioCourse,
        "userId" => userId,
        "lessonId" => "01-first-lesson",
        "test" => "post-test",
        "code" => "NOSUCHCODE",
        "questionId" => "no-such-question",
        "reviewId" => "1",
        _ => Guid.NewGuid().ToString(),
    };

    private static string Plausible(string field) => field.Contains("mail", StringComparison.OrdinalIgnoreCase) ? "someone@example.org" : "1";

    private static string Show(string value) => value.Length > 12 ? $"<{value.Length} chars>" : Regex.Escape(value);

    private async Task<string> EveryRoleAsync()
    {
        var email = await app.CreateUserAsync("Clinician");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.AddToRolesAsync(user, ["Author", "Reviewer", "Admin"])).Succeeded);
        return email;
    }

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
