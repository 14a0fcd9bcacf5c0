using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NmosdLearn.Web.Tests.Admin;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>
/// The verification page with a typed certificate number and the administrator's identity page (#34), on a 375 px
/// phone in Chinese and at 1280 px in English, with the keyboard: no serious axe violation, no sideways scroll.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityAndVerificationPagesTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(375, "zh-CN", "出现问题", "该证书有效")]
    [InlineData(1280, "en-GB", "There is a problem", "This certificate is valid")]
    public async Task A_certificate_number_typed_with_the_keyboard_is_checked(int width, string locale, string problemTitle, string valid)
    {
        var learner = await browser.NewPageAsync();
        await learner.RegisterAsync("Typed Number 输入");
        await learner.GotoAsync("/courses/platform-tour");
        await learner.CompleteTourFromCoursePageAsync();
        var code = (await learner.Locator("main a[href^='/verify/']").First.GetAttributeAsync("href"))!["/verify/".Length..];

        var page = await browser.NewPageAsync(width, 800, locale);
        await page.GotoAsync("/verify");
        var problems = await page.ProblemsAsync(width, $"{locale} /verify");

        // A number that cannot be one: the error summary takes focus and names the field.
        await page.TabToAsync("#code");
        await page.Keyboard.TypeAsync("12345");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync(problemTitle);
        problems.AddRange(await page.ProblemsAsync(width, $"{locale} /verify with an error"));

        // Typed as people copy from paper: in groups, with spaces.
        await page.TabToAsync("#code");
        await page.Keyboard.TypeAsync($"{code[..8]} {code[8..16]} {code[16..]}");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync(valid);
        await Assertions.Expect(page.Locator("main a[href$='.jwt']")).ToBeVisibleAsync();
        problems.AddRange(await page.ProblemsAsync(width, $"{locale} /verify?code="));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }

    [Theory]
    [InlineData(375, "zh-CN", "出现问题")]
    [InlineData(1280, "en-GB", "There is a problem")]
    public async Task An_administrator_sets_the_logo_and_signatory_with_the_keyboard(int width, string locale, string problemTitle)
    {
        var page = await browser.NewPageAsync(width, 900, locale);
        await AdminPagesTests.SignInAsAdministratorAsync(page);
        await page.GotoAsync("/admin/identity");
        var problems = await page.ProblemsAsync(width, $"{locale} /admin/identity");

        // A logo that could run a script is refused, with the reason in the error summary.
        await page.Locator("#Logo").SetInputFilesAsync(new FilePayload
        {
            Name = "logo.svg", MimeType = "image/svg+xml",
            Buffer = System.Text.Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
        });
        await page.TabToAsync("main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync(problemTitle);
        await Assertions.Expect(page.Locator("#Logo-error")).ToContainTextAsync("onload");
        problems.AddRange(await page.ProblemsAsync(width, $"{locale} /admin/identity with an error"));

        await page.Locator("#Logo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = TestImages.Png(240, 80) });
        await page.TabToAsync("#SignatoryName");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Dr Mei Chen 陈梅");
        await page.TabToAsync("#SignatoryTitle");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Course Director");
        await page.TabToAsync("main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main .alert-success")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header img.provider-logo")).ToBeVisibleAsync();
        Assert.True(await page.Locator("header img.provider-logo").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the logo does not load");
        problems.AddRange(await page.ProblemsAsync(width, $"{locale} /admin/identity saved"));
        if (width >= 1280)
        {
            // The logo must not push the administrator's header onto two lines.
            var tops = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('header .navbar-brand, header .nav-item')].map(e => e.getBoundingClientRect().top)");
            Assert.True(tops.Max() - tops.Min() < 20, $"{locale}: the header wraps with a logo (item tops {string.Join(", ", tops)})");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }
}
