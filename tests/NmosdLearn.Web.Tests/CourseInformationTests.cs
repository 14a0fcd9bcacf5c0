using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests;

/// <summary>What a learner is told before starting: the kind of certificate, what they need, privacy and whom to write to.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CourseInformationTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("nmosd-pain-en", "nmosd-pain-zh", "zh-CN", "这门课程的中文版")]
    [InlineData("nmosd-pain-zh", "nmosd-pain-en", "en", "This course in English")]
    public async Task The_course_page_links_the_course_in_the_other_language(string course, string other, string language, string text)
    {
        var signedOut = await app.CreateTestClient().GetPageAsync($"/courses/{course}");
        var learner = await (await app.SignedInLearnerAsync()).GetPageAsync($"/courses/{course}");

        foreach (var page in new[] { signedOut, learner })
        {
            var link = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector($"main a[href='/courses/{other}']");
            Assert.NotNull(link);
            Assert.Equal(text, link.TextContent);
            Assert.Equal(language, link.GetAttribute("lang"));
        }
    }

    [Theory]
    [InlineData("en", "nmosd-pain-en", "hours of participation; no CME or CPD credit", @"\(\d+(\.\d+)? credits\)")]
    [InlineData("zh-CN", "nmosd-pain-zh", "小时学习时长，非继续教育学分", @"（\d+(\.\d+)? 学分）")]
    public async Task A_course_without_accredited_credit_shows_hours_of_participation_never_credits(
        string language, string course, string hours, string credits)
    {
        var client = app.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var catalog = await client.GetPageAsync("/courses");
        var details = await client.GetPageAsync($"/courses/{course}");

        var card = CatalogCard(catalog, course);
        Assert.Contains(hours, card);
        Assert.DoesNotMatch(credits, card);
        Assert.Contains(hours, details);
        Assert.DoesNotMatch(credits, details);
    }

    [Fact]
    public async Task A_course_whose_credit_type_the_provider_awards_shows_credits()
    {
        await using var accredited = new AccreditedTourFactory();
        var client = accredited.CreateTestClient();

        var card = CatalogCard(await client.GetPageAsync("/courses"), "platform-tour");

        Assert.Contains("(0.25 credits)", card);
        Assert.DoesNotContain("hours of participation", card);
    }

    [Fact]
    public async Task The_course_information_states_requirements_privacy_and_a_contact_address()
    {
        var client = await app.SignedInLearnerAsync();
        var information = await client.GetPageAsync("/courses/nmosd-pain-en/start");
        var privacy = await client.Http.GetAsync("/privacy", Cancel);

        Assert.Contains("What you need", information);
        Assert.Contains("at least 375 pixels wide", information);
        Assert.Contains("href=\"/privacy\"", information);
        Assert.Contains("mailto:learning@tests.nmosdlearn.local", information);
        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
        Assert.Contains("Privacy notice", await privacy.Content.ReadAsStringAsync(Cancel));
    }

    private static string CatalogCard(string catalog, string course)
    {
        var start = catalog.IndexOf($"href=\"/courses/{course}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{course} is not in the catalog");
        var end = catalog.IndexOf("</li>", start, StringComparison.Ordinal);
        return catalog[start..end];
    }

    /// <summary>A deployment accredited for the tour's credit type.</summary>
    private sealed class AccreditedTourFactory : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Certificates:CreditTypes:0:CreditType", "Certificate of completion");
            builder.UseSetting("Certificates:CreditTypes:0:Professions:0", "MD");
        }
    }
}
