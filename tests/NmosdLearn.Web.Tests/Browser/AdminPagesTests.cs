using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NmosdLearn.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-GB", "Accounts")]
    [InlineData("zh-CN", "账户")]
    public async Task On_a_phone_every_admin_page_has_no_serious_accessibility_violations_and_no_sideways_scroll(string locale, string accounts)
    {
        var learner = await browser.NewPageAsync();
        await learner.RegisterAsync("Report Learner 报告");
        await learner.ClickLinkAsync("How NmosdLearn works");
        await learner.CompleteTourFromCoursePageAsync();

        var page = await browser.NewPageAsync(375, 740, locale);
        await SignInAsAdministratorAsync(page);
        await page.GotoAsync("/admin/users");
        await page.ExpectHeadingAsync(accounts);
        var firstAccount = await page.Locator("main table a[href^='/admin/users/']").First.GetAttributeAsync("href");

        var problems = new List<string>();
        foreach (var path in new[] { "/admin", "/admin/users", firstAccount!, "/admin/reports", "/admin/reports/platform-tour", "/admin/audit", "/admin/certificates", "/admin/lti" })
        {
            await page.GotoAsync(path);
            var results = await page.RunAxe();
            problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{locale} {path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 375)
            {
                problems.Add($"{locale} {path} scrolls sideways: {width}px");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en-GB", "简体中文", "账户")]
    [InlineData("zh-CN", "English", "Accounts")]
    public async Task At_1280_pixels_the_administrators_header_is_one_line_and_one_key_press_changes_the_language(string locale, string otherLanguage, string accountsThere)
    {
        var page = await browser.NewPageAsync(1280, 900, locale);
        await SignInAsAdministratorAsync(page);
        await page.GotoAsync("/admin/users");

        // Every item of the header on the brand's line: none wrapped below it.
        var tops = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('header .navbar-brand, header .nav-item')].map(e => e.getBoundingClientRect().top)");
        Assert.True(tops.Max() - tops.Min() < 20, $"{locale}: the header wraps (item tops {string.Join(", ", tops)})");

        var button = page.GetByRole(AriaRole.Button, new() { Name = otherLanguage });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync(accountsThere);
        Assert.EndsWith("/admin/users", page.Url);
    }

    /// <summary>By the fields' ids, so that it works in either language.</summary>
    internal static async Task SignInAsAdministratorAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(AppFactory.AdminEmail);
        await page.Locator("#Password").FillAsync(AppFactory.AdminPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/(my|studio|admin)$");
    }
}
