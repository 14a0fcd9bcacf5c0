using Microsoft.Playwright;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>
/// The course page's study-time panel and the claim with its time rule, on a phone in Chinese and on a desktop in
/// English: shown from the start, refused when the hours exceed the time attested, accessible and without sideways scroll.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditPagesTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(375, 740, "zh-CN", "nmosd-pain-zh", "大约还需 45 分钟", "5 分钟最多可申报 0 小时")]
    [InlineData(1280, 900, "en-GB", "nmosd-pain-en", "about 45 minutes to go", "5 minutes allow a claim of at most 0 hours")]
    public async Task The_time_panel_and_the_claim_say_what_counts_on_a_phone_and_a_desktop_in_both_languages(
        int width, int height, string locale, string course, string minutesToGo, string claimLimit)
    {
        var page = await browser.NewPageAsync(width, height, locale);
        await page.RegisterAsync($"Time Keeper {width}");
        var problems = new List<string>();
        async Task CheckPage() => problems.AddRange(await page.ProblemsAsync(width));

        // The minimum study time is on the course page from the moment the course starts, not discovered at the post-test.
        await page.GotoAsync($"/courses/{course}/start");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GotoAsync($"/courses/{course}");
        await Assertions.Expect(page.Locator("#study-time")).ToContainTextAsync(minutesToGo);
        await Assertions.Expect(page.Locator("#study-time progress")).ToHaveAttributeAsync("max", "45");
        await CheckPage();

        // The claim: the platform tour to its claim page, then more hours than the 5 minutes attested allow.
        var tour = browser.App.Content.Current.Find("platform-tour")!;
        await page.GotoAsync("/courses/platform-tour/start");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GotoAsync($"/courses/platform-tour/lessons/{tour.Lessons[0].Id}");
        await page.Locator($"form[action$='/complete'] button").ClickAsync();
        await page.GotoAsync("/courses/platform-tour/post-test");
        await page.SubmitTestAsync(tour.PostTest.Questions);
        await page.GotoAsync("/courses/platform-tour/evaluation");
        await page.SubmitEvaluationAsync();
        await page.ExpectUrlAsync("/courses/platform-tour/claim$");
        await CheckPage();

        await page.Locator("#Credits").FillAsync("0.25");
        await page.Locator("#Minutes").FillAsync("5");
        await page.Locator("#Attest").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync(claimLimit);
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await CheckPage();

        await page.Locator("#Minutes").FillAsync("15");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/claim/confirmation$");
        await CheckPage();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }
}
