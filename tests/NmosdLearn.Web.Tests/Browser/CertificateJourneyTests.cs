using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace NmosdLearn.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CertificateJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clinician_named_in_chinese_completes_the_example_course_and_verifies_the_certificate()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/account/register");
        await page.GetByLabel("Full name").FillAsync("张伟");
        await page.GetByLabel("Email address").FillAsync($"zhang-{Guid.NewGuid():N}@tests.nmosdlearn.local");
        await page.GetByLabel("Profession or degree").SelectOptionAsync("MD");
        await page.GetByLabel("Specialty").FillAsync("神经内科");
        await page.GetByLabel("Country").FillAsync("中国");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await page.WaitForURLAsync("**/courses");

        await page.GetByRole(AriaRole.Link, new() { Name = "How NmosdLearn works" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start the course" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "From lesson to certificate", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete this lesson" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Start the post-test" }).ClickAsync();
        await page.GetByLabel("On the server, after you submit").CheckAsync();
        await page.GetByLabel("Anyone who has the verification code or address").CheckAsync();
        await page.GetByLabel("True").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit your answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You passed" })).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download your certificate (PDF)" }).ClickAsync());
        var file = await download.PathAsync();
        using (var pdf = PdfDocument.Open(file))
        {
            var text = pdf.GetPage(1).Text;
            Assert.Contains("张伟", text);
            Assert.Contains("How NmosdLearn works", text);
        }

        await page.Locator("a[href^='/verify/']").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This certificate is valid" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("张伟")).ToBeVisibleAsync();
    }
}
