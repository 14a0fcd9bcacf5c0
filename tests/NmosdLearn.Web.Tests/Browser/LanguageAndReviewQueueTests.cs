using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Authoring;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>The reviewer's queue on the studio index and the email language in the account settings, on a phone in Chinese and a desktop in English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageAndReviewQueueTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(375, 812, "zh-CN", "等待您审核", "电子邮件的语言", "今后的电子邮件将使用您选择的语言。")]
    [InlineData(1280, 900, "en-GB", "Waiting for your review", "Language of your email", "Your email will come in the language you chose.")]
    public async Task A_reviewer_finds_the_course_waiting_for_review_and_chooses_the_language_of_their_email_by_keyboard(
        int width, int height, string locale, string waitingHeading, string languageHeading, string saved)
    {
        // An author asks for review of a new course (through the studio's service: the author's pages are tested elsewhere).
        var id = $"queue-{Guid.NewGuid():N}"[..16];
        await AskForReviewAsync(id, "Queued course");

        var reviewerEmail = await browser.App.CreateUserAsync("Reviewer");
        var page = await browser.NewPageAsync(width, height, locale);
        await page.SignInAsync(reviewerEmail, "a long enough password");
        var problems = new List<string>();

        await page.GotoAsync("/studio");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = waitingHeading })).ToBeVisibleAsync();
        var review = page.Locator($"main a[href='/studio/{id}/review']");
        await Assertions.Expect(review).ToContainTextAsync("Queued course");
        await page.TabToAsync($"main a[href='/studio/{id}/review']");
        problems.AddRange(await page.ProblemsAsync(width));

        await page.GotoAsync("/account/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = languageHeading })).ToBeVisibleAsync();
        await page.TabToAsync("#PreferredLanguage");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("#PreferredLanguage")).ToHaveValueAsync("zh-CN");
        await page.TabToAsync("form[action='/account/settings/language'] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main .alert-success")).ToHaveTextAsync(saved);
        await Assertions.Expect(page.Locator("#PreferredLanguage")).ToHaveValueAsync("zh-CN");
        problems.AddRange(await page.ProblemsAsync(width));

        using var scope = browser.App.Services.CreateScope();
        var language = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
            .Where(u => u.Email == reviewerEmail).Select(u => u.PreferredLanguage).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("zh-CN", language);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }

    private async Task AskForReviewAsync(string id, string title)
    {
        var cancel = TestContext.Current.CancellationToken;
        var email = await browser.App.CreateUserAsync("Author");
        using var scope = browser.App.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(cancel);
        var actor = new StudioActor(userId, "Test Author", email);
        var studio = scope.ServiceProvider.GetRequiredService<StudioService>();
        Assert.True((await studio.CreateAsync(id, title, "en", actor, cancel)).Succeeded);
        // The author's own text over the template's placeholders ('{{…}}'), which the checker refuses for review.
        foreach (var file in (await studio.DraftAsync(id, cancel))!.Files.Where(f => StudioFiles.IsMarkdown(f.Path) && f.Text.Contains("{{", StringComparison.Ordinal)))
        {
            // Each its own text: identical options or objectives are checker errors too.
            var written = 0;
            var text = System.Text.RegularExpressions.Regex.Replace(file.Text, @"\{\{[\s\S]*?\}\}", _ => $"The author's own text ({file.Path}, {++written}).");
            Assert.True((await studio.SaveAsync(id, file.Path, text, file.Revision, actor, cancel)).Result.Succeeded);
        }

        var requested = await studio.RequestReviewAsync(id, null, actor, cancel);
        Assert.True(requested.Succeeded, requested.Problem);
    }
}
