using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Where signing in leads, and the recovery codes a person keeps after turning on two-factor.</summary>
[Collection(AppCollection.Name)]
public sealed partial class SignInLandingTests(AppFactory app)
{
    private const string Password = "a long enough password";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string?> LandingAsync(string email, string? returnUrl = null)
    {
        var client = app.CreateTestClient();
        var response = await client.SubmitAsync("/account/login", "/account/login",
            [new("Email", email), new("Password", email == AppFactory.AdminEmail ? AppFactory.AdminPassword : Password), new("ReturnUrl", returnUrl ?? "")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    [Fact]
    public async Task A_learner_lands_on_my_learning_staff_on_their_work_and_anyone_on_a_safe_local_return_address()
    {
        var learner = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: learner);

        Assert.Equal("/my", await LandingAsync(learner));
        Assert.Equal("/courses/tour", await LandingAsync(learner, "/courses/tour"));
        Assert.Equal("/my", await LandingAsync(learner, "https://elsewhere.example/phish"));
        Assert.Equal("/my", await LandingAsync(learner, "//elsewhere.example/phish"));
        Assert.Equal("/studio", await LandingAsync(await app.CreateUserAsync("Author")));
        Assert.Equal("/studio", await LandingAsync(await app.CreateUserAsync("Reviewer")));
        Assert.Equal("/admin", await LandingAsync(AppFactory.AdminEmail));
    }

    [Fact]
    public async Task New_recovery_codes_download_as_a_text_file_from_the_server_and_have_a_copy_button()
    {
        var client = await app.SignedInLearnerAsync();
        await client.EnableTwoFactorAsync();
        // Making new codes asks for the password again after a few minutes; right after enabling it does not.
        var made = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor/recovery-codes", []);
        var page = await made.Content.ReadAsStringAsync(Cancel);
        var codes = RecoveryCode().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Matches("<button[^>]*data-copy=\"recovery-codes\"", page);

        var form = DownloadForm().Match(page);
        Assert.True(form.Success, "no download form for the recovery codes");
        var fields = HiddenCode().Matches(form.Value).Select(m => new KeyValuePair<string, string>("codes", m.Groups[1].Value))
            .Append(new("__RequestVerificationToken", TestClient.AntiforgeryTokenIn(page)));
        var download = await client.Http.PostAsync(form.Groups[1].Value, new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".txt", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await download.Content.ReadAsStringAsync(Cancel);
        Assert.All(codes, code => Assert.Contains(code, text));

        // Only codes go into the file: anything else posted is refused, never written into a download.
        var forged = await client.Http.PostAsync(form.Groups[1].Value, new FormUrlEncodedContent(
            [new("codes", "<script>alert(1)</script>"), new("__RequestVerificationToken", TestClient.AntiforgeryTokenIn(page))]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [GeneratedRegex("<li>([A-Za-z0-9-]{8,})</li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex(@"<form[^>]*action=""(/account/settings/two-factor/recovery-codes[^""]*\.txt)""[\s\S]*?</form>")]
    private static partial Regex DownloadForm();

    [GeneratedRegex(@"type=""hidden"" name=""codes"" value=""([^""]+)""")]
    private static partial Regex HiddenCode();
}
