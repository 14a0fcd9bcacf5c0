using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>A clinician whose browser prefers Chinese completes the Chinese NMOSD course and gets a Chinese certificate.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChineseCourseTests(BrowserFixture browser)
{
    private const string Course = "nmosd-pain-zh";

    [Fact]
    public async Task The_chinese_course_ends_with_a_chinese_certificate()
    {
        var course = browser.App.Content.Current.Find(Course)!;
        var page = await browser.NewPageAsync(390, 844, locale: "zh-CN");

        await page.GotoAsync("/account/register");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.Locator("#FullName").FillAsync("李娜");
        var email = $"li-{Guid.NewGuid():N}@tests.nmosdlearn.local";
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Profession").SelectOptionAsync("MD");
        await page.Locator("#Specialty").FillAsync("神经内科");
        await page.Locator("#Country").FillAsync("中国");
        await page.Locator("#Password").FillAsync("一个足够长的密码");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/account/check-email");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("查看您的电子邮件");
        await page.ConfirmEmailFromMailboxAsync(email);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("电子邮件地址已确认");
        await page.SignInAsync(email, "一个足够长的密码");

        await page.GotoAsync($"/courses/{Course}/start");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("课程信息及利益披露");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.SubmitTestAsync(course.PreTest!.Questions);

        foreach (var lesson in course.Lessons)
        {
            await page.GotoAsync($"/courses/{Course}/lessons/{lesson.Id}");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lesson.Title);
            await page.ExpectTableScrollCuesAsync("这个表格比屏幕宽：请左右滑动查看所有列。");
            foreach (var question in lesson.Questions)
            {
                await page.AnswerAllCorrectlyAsync([question]);
                await page.Locator($"#question-{question.Id} button[type=submit]").ClickAsync();
                await Assertions.Expect(page.Locator($"#question-{question.Id} .feedback p.fw-bold")).ToHaveTextAsync("正确。");
            }

            await page.Locator($"form[action$='/lessons/{lesson.Id}/complete'] button").ClickAsync();
        }

        // The course asks for measured study time before the post-test; a browser run is faster than a reader.
        await page.GotoAsync($"/courses/{Course}/post-test");
        await Assertions.Expect(page.Locator("main .alert")).ToContainTextAsync($"至少{course.RequiredMinutes}分钟");
        await browser.App.RecordStudyTimeAsync(email, Course, course.Lessons[0].Id, course.RequiredMinutes);
        await page.GotoAsync($"/courses/{Course}/post-test");
        await page.SubmitTestAsync(course.PostTest.Questions);
        await page.GotoAsync($"/courses/{Course}/evaluation");
        await page.SubmitEvaluationAsync("每次随访都询问疼痛。");
        await page.Locator("#Credits").FillAsync("1");
        await page.Locator("#Minutes").FillAsync("60");
        await page.Locator("#Attest").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("您的证书已生成");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href$='/pdf']").First.ClickAsync());
        using var pdf = PdfDocument.Open(await download.PathAsync());
        var text = pdf.GetPage(1).Text;
        Assert.Contains("结业证书", text);
        Assert.Contains("李娜", text);
        Assert.Contains(course.Info.Title.Replace(" ", ""), text.Replace(" ", ""));
    }
}
