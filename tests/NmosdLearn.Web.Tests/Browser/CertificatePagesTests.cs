using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>The certificate pages on a 375 px phone screen, used with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificatePagesTests(BrowserFixture browser)
{
    private const int PhoneWidth = 375;

    private static async Task<bool> OverflowsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");

    /// <summary>Presses Tab until the element has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {target}");
    }

    private async Task<IPage> LearnerWithCertificateAsync(string name)
    {
        var page = await browser.NewPageAsync(width: PhoneWidth, height: 800);
        await page.RegisterAsync(name, profession: "RN");
        await page.GotoAsync("/courses/platform-tour");
        await page.CompleteTourFromCoursePageAsync();
        return page;
    }

    [Fact]
    public async Task On_a_phone_a_learner_downloads_and_checks_a_certificate_with_the_keyboard()
    {
        var page = await LearnerWithCertificateAsync("Siobhán Ní Bhriain");

        await page.GotoAsync("/my/certificates");
        Assert.False(await OverflowsSidewaysAsync(page), "the list fits 375 px");
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download the certificate (PDF)" });
        await TabToAsync(page, download);
        var file = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        using (var pdf = PdfDocument.Open(await file.PathAsync()))
        {
            Assert.Contains("Siobhán Ní Bhriain", pdf.GetPage(1).Text);
        }

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Public verification page" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This certificate is valid" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Siobhán Ní Bhriain")).ToBeVisibleAsync();
        Assert.False(await OverflowsSidewaysAsync(page), "the verification page fits 375 px");
    }

    [Fact]
    public async Task On_a_phone_an_administrator_finds_and_revokes_a_certificate_with_the_keyboard()
    {
        var learner = await LearnerWithCertificateAsync("Revoke By Keyboard");
        var verifyPath = await learner.Locator("a[href^='/verify/']").First.GetAttributeAsync("href");
        var code = verifyPath!.Split('/')[^1];
        var admin = await browser.NewPageAsync(width: PhoneWidth, height: 800);
        await admin.GotoAsync("/account/login");
        await admin.GetByLabel("Email address").FillAsync(AppFactory.AdminEmail);
        await admin.GetByLabel("Password").FillAsync(AppFactory.AdminPassword);
        await admin.Keyboard.PressAsync("Enter");
        await admin.ExpectUrlAsync("/admin$");

        await admin.GotoAsync("/admin/certificates");
        await TabToAsync(admin, admin.GetByLabel("Search by name, email address, course or certificate number"));
        await admin.Keyboard.TypeAsync(code);
        await admin.Keyboard.PressAsync("Enter");
        await admin.ExpectUrlAsync(@"/admin/certificates\?q=");
        Assert.False(await OverflowsSidewaysAsync(admin), "the search page fits 375 px");
        await TabToAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = code }));
        await admin.Keyboard.PressAsync("Enter");
        await admin.ExpectUrlAsync($"/admin/certificates/{code}$");
        Assert.False(await OverflowsSidewaysAsync(admin), "the certificate page fits 375 px");
        await TabToAsync(admin, admin.GetByLabel("Reason, shown publicly"));
        await admin.Keyboard.TypeAsync("Completed by someone else");
        await TabToAsync(admin, admin.GetByRole(AriaRole.Button, new() { Name = "Revoke the certificate" }));
        await admin.Keyboard.PressAsync("Enter");

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "The certificate has been revoked" })).ToBeVisibleAsync();
        await learner.GotoAsync(verifyPath);
        await Assertions.Expect(learner.GetByRole(AriaRole.Heading, new() { Name = "This certificate has been revoked" })).ToBeVisibleAsync();
        await Assertions.Expect(learner.GetByText("Completed by someone else")).ToBeVisibleAsync();
    }
}
