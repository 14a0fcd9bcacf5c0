using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests.Studio;

/// <summary>What the editor's page asks of the server: the images its picker lists, and a policy that admits the editor's styles.</summary>
public sealed partial class StudioTests
{
    private sealed record PickedImage(string Name, string Reference, string Url);

    private static async Task UploadAsync(TestClient author, string id, string fileName)
    {
        var page = await author.GetPageAsync($"/studio/{id}");
        using var form = new MultipartFormDataContent { { new StringContent(TestClient.AntiforgeryTokenIn(page)), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppFactory.TestCourseFixture, "figure.png"), Cancel)), "image", fileName);
        Assert.Equal(HttpStatusCode.Redirect, (await author.Http.PostAsync($"/studio/{id}/upload", form, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_image_picker_lists_the_drafts_images_to_its_authors_only_and_the_reference_it_gives_passes_the_checker()
    {
        var owner = await app.StaffAsync("Author");
        var otherAuthor = await app.StaffAsync("Author");
        var reviewer = await app.StaffAsync("Reviewer");
        var id = await CreateCourseAsync(owner, NewId());
        await UploadAsync(owner, id, "Spinal MRI.PNG");

        var images = await owner.Http.GetFromJsonAsync<List<PickedImage>>($"/studio/{id}/images", Cancel);
        var notTheirs = await otherAuthor.Http.GetAsync($"/studio/{id}/images", Cancel);
        var notAnEditor = await reviewer.Http.GetAsync($"/studio/{id}/images", Cancel);
        var anonymous = await app.CreateTestClient().Http.GetAsync($"/studio/{id}/images", Cancel);
        var noCourse = await owner.Http.GetAsync($"/studio/{NewId()}/images", Cancel);

        // Only images: the course's Markdown files are not offered.
        var image = Assert.Single(images!);
        Assert.Equal(new PickedImage("spinal-mri.png", "spinal-mri.png", $"/studio/{id}/draft-files/spinal-mri.png"), image);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync(image.Url, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal("/account/access-denied", notAnEditor.Headers.Location?.AbsolutePath);
        Assert.Equal("/account/login", anonymous.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, noCourse.StatusCode);

        // What the picker inserts, checked as the live preview checks it.
        var (text, _) = await OpenAsync(owner, id, "01-first-lesson.md");
        var check = await owner.SubmitAsync($"/studio/{id}/edit?path=01-first-lesson.md", $"/studio/{id}/check?path=01-first-lesson.md",
            [new("text", text + $"\n![Sagittal MRI of the spine](" + image.Reference + ")\n")]);
        var messages = WebUtility.HtmlDecode(await check.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.DoesNotContain("missing image", messages);
        Assert.Contains($"/draft-files/spinal-mri.png", messages);
    }

    [Fact]
    public async Task The_editor_page_admits_its_own_style_elements_by_a_fresh_nonce_and_no_page_allows_inline_styles()
    {
        var author = await app.StaffAsync("Author");
        var id = await CreateCourseAsync(author, NewId());

        async Task<(string Policy, string Html)> GetAsync(string path)
        {
            var response = await author.Http.GetAsync(path, Cancel);
            return (string.Join(";", response.Headers.GetValues("Content-Security-Policy")), await response.Content.ReadAsStringAsync(Cancel));
        }

        var first = await GetAsync($"/studio/{id}/edit?path=01-first-lesson.md");
        var second = await GetAsync($"/studio/{id}/edit?path=01-first-lesson.md");
        var coursePage = await GetAsync($"/studio/{id}");

        var nonce = Regex.Match(first.Policy, "style-src 'self' 'nonce-([^']+)';").Groups[1].Value;
        Assert.True(nonce.Length >= 24, first.Policy);
        Assert.Contains($"studio-editor.min.js?v=", first.Html);
        Assert.Matches($"<script src=\"[^\"]*studio-editor.min.js[^\"]*\" nonce=\"{Regex.Escape(nonce)}\"", first.Html);
        Assert.DoesNotContain(nonce, second.Policy);
        Assert.Contains("script-src 'self';", first.Policy);
        Assert.Contains("style-src 'self';", coursePage.Policy);
        Assert.All([first.Policy, second.Policy, coursePage.Policy], policy => Assert.DoesNotContain("unsafe-inline", policy));
    }
}
