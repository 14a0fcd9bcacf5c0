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
        await page.RegisterAsync("张伟");

        await page.ClickLinkAsync("How NmosdLearn works");
        await page.CompleteTourFromCoursePageAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickLinkAsync("Download your certificate (PDF)"));
        using (var pdf = PdfDocument.Open(await download.PathAsync()))
        {
            var text = pdf.GetPage(1).Text;
            Assert.Contains("张伟", text);
            Assert.Contains("How NmosdLearn works", text);
        }

        await page.Locator("a[href^='/verify/']").First.ClickAsync();
        await page.ExpectHeadingAsync("This certificate is valid");
        await Assertions.Expect(page.GetByText("张伟")).ToBeVisibleAsync();
    }
}
