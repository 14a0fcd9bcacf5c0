using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OtpNet;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>The account pages in Chromium: register, confirm from the development mailbox, two factors, recovery.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clinician_confirms_the_address_enrols_an_authenticator_and_signs_in_with_a_code_and_a_recovery_code()
    {
        var page = await browser.NewPageAsync(375, 740);
        var problems = new List<string>();
        async Task Check()
        {
            var results = await page.RunAxe();
            problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id} {v.Help}"));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 375)
            {
                problems.Add($"{page.Url} scrolls sideways: {width}px");
            }
        }

        var email = await page.RegisterAsync("Two Factor");
        await page.GotoAsync("/dev/mail");
        await Check();
        await page.GotoAsync("/account/settings");
        await Check();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up" }).ClickAsync();
        await page.ExpectHeadingAsync("Two-factor authentication");
        await Check();
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.TabToAsync("#Code");
        await page.Keyboard.TypeAsync(totp.ComputeTotp());
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await Check();
        var recovery = await page.Locator(".recovery-codes li").First.InnerTextAsync();
        await page.GotoAsync("/account/settings/sessions");
        await page.ExpectHeadingAsync("Where you are signed in");
        await Check();
        await page.GotoAsync("/account/settings/confirm-it-is-you?returnUrl=%2Faccount%2Fsettings%2Ftwo-factor");
        await page.ExpectHeadingAsync("Confirm it's you");
        await Check();

        async Task SignOutAndInWithPassword()
        {
            await page.SignOutAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email address").FillAsync(email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.ExpectHeadingAsync("Enter your code");
        }

        await SignOutAndInWithPassword();
        await Check();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectUrlAsync("/my$");

        await SignOutAndInWithPassword();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(recovery);
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectUrlAsync("/my$");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("zh-CN")]
    public async Task The_signed_out_account_pages_are_accessible_on_a_phone_in_both_languages(string locale)
    {
        var page = await browser.NewPageAsync(375, 740, locale);
        var problems = new List<string>();
        foreach (var path in new[] { "/account/login", "/account/register", "/account/forgot-password", "/account/check-email?purpose=reset",
                     "/account/check-email?purpose=confirm", "/account/reset-password?user=x&code=y", "/account/confirm?user=x&code=y" })
        {
            await page.GotoAsync(path);
            var results = await page.RunAxe();
            problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id} {v.Help}"));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{path} scrolls sideways: {width}px");
            Assert.Equal(locale == "zh-CN" ? "zh-CN" : "en", await page.Locator("html").GetAttributeAsync("lang"));
        }

        // The reset request works from the keyboard alone.
        await page.GotoAsync("/account/forgot-password");
        await page.TabToAsync("#Email");
        await page.Keyboard.TypeAsync($"nobody-{Guid.NewGuid():N}@tests.nmosdlearn.local");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectUrlAsync("/account/check-email");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }
}
