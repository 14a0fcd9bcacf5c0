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
        await page.ClickLinkAsync("Start the course");
        await page.ClickButtonAsync("I have read this information: start the course");
        await page.ExpectHeadingAsync("From lesson to certificate");
        await page.ClickButtonAsync("Complete this lesson");

        await page.ClickLinkAsync("Continue where you left off");
        await page.ChooseAsync("tour-grading", "On the server, after you submit");
        await page.ChooseAsync("tour-verification", "Anyone who has the verification code or address");
        await page.ChooseAsync("tour-version", "True");
        await page.ClickButtonAsync("Continue to check your answers");
        await page.ClickButtonAsync("Submit your answers");
        await page.ExpectHeadingAsync("You passed");
        await page.ClickLinkAsync("Evaluate the course");
        await page.EvaluateAsync();
        await page.ClaimAsync();
        await page.ExpectHeadingAsync("Credit claimed");

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
