using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NmosdLearn.Web.Data;
using UglyToad.PdfPig;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>A clinician walks the whole test course in Chromium, on a phone-sized screen and on a desktop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LearnerJourneyTests(BrowserFixture browser)
{
    private const string Course = "test-course";

    [Theory]
    [InlineData(375, 740)]
    [InlineData(1280, 900)]
    public async Task A_clinician_walks_the_whole_course_reloads_mid_test_double_clicks_submit_and_gets_a_certificate(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        var name = $"Walker {width}";
        await page.RegisterAsync(name);
        await page.ClickLinkAsync("Test course");
        await page.ClickLinkAsync("Start the course");
        await page.ExpectHeadingAsync("Course information and disclosures");
        await page.ClickButtonAsync("I have read this information: start the course");

        await page.ExpectHeadingAsync("Pre-test");
        await page.ChooseAsync("pre-one", "Right");
        await page.ChooseAsync("pre-two", "True");
        await page.ClickButtonAsync("Continue to check your answers");
        await page.ClickButtonAsync("Submit your answers");
        await page.ExpectHeadingAsync("Pre-test complete");
        await page.ClickLinkAsync("Start the first lesson");

        await page.ExpectHeadingAsync("First lesson");
        await page.ChooseAsync("check-one", "Right");
        await page.ClickButtonAsync("Check your answer");
        await Assertions.Expect(page.Locator("#question-check-one .feedback")).ToContainTextAsync("Correct.");
        await page.ClickButtonAsync("Complete this lesson and continue");
        await page.ExpectHeadingAsync("Second lesson");
        // The lesson's six-column table is wider than the text column (42 rem) even on a desktop: it says it scrolls.
        Assert.Equal(1, await page.ExpectTableScrollCuesAsync("This table is wider than the screen: scroll it sideways to see every column."));
        await page.ClickButtonAsync("Complete this lesson");

        await page.ClickLinkAsync("Continue where you left off");
        await page.ExpectHeadingAsync("Post-test");
        await page.ChooseAsync("post-one", "Right");
        await page.ChooseAsync("post-two", "Right A");
        await page.ChooseAsync("post-two", "Right B");
        await Assertions.Expect(page.Locator("#autosave-status")).ToHaveTextAsync("Your answers are saved.");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#question-post-one").GetByLabel("Right", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#question-post-two").GetByLabel("Right A", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#question-post-two").GetByLabel("Right B", new() { Exact = true })).ToBeCheckedAsync();
        await page.ChooseAsync("post-three", "True");
        await page.ChooseAsync("post-four", "Yes");
        await page.ClickButtonAsync("Continue to check your answers");
        await page.ExpectHeadingAsync("Check your answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit your answers" }).DblClickAsync();
        await page.ExpectHeadingAsync("You passed");

        await page.ClickLinkAsync("Evaluate the course");
        await page.SubmitEvaluationAsync();
        await page.ClaimAsync();
        await page.ExpectHeadingAsync("Your certificate is ready");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickLinkAsync("Download your certificate (PDF)"));
        using (var pdf = PdfDocument.Open(await download.PathAsync()))
        {
            Assert.Contains(name, pdf.GetPage(1).Text);
        }

        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.FullName == name, TestContext.Current.CancellationToken);
        var attempts = await db.QuizAttempts.Where(a => a.UserId == user.Id && a.Kind == AssessmentKind.PostTest).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Single(attempts);
        Assert.NotNull(attempts[0].SubmittedAt);
        // The lesson and test pages sent their heartbeats (script, antiforgery token and endpoint together).
        var enrollment = await db.Enrollments.SingleAsync(e => e.UserId == user.Id && e.CourseId == Course, TestContext.Current.CancellationToken);
        Assert.NotNull(enrollment.LastHeartbeatAt);
        Assert.Contains(enrollment.LastHeartbeatStep, new[] { "pre-test", "first", "second", "post-test" });
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= width, $"the page scrolls sideways: {pageWidth}px wide on a {width}px screen");
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }

    [Fact]
    public async Task The_pre_test_and_a_knowledge_check_work_with_the_keyboard_alone()
    {
        var page = await browser.NewPageAsync(375, 740);
        await page.RegisterAsync("Keyboard User");
        await page.GotoAsync($"/courses/{Course}/start");
        await page.TabToAsync("button[type=submit].btn-lg");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync("Pre-test");
        await page.ChooseWithKeyboardAsync("pre-one", "b");
        await page.ChooseWithKeyboardAsync("pre-two", "a");
        await page.TabToAsync("form[data-autosave] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync("Check your answers");
        await page.TabToAsync("form[data-submit-once] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync("Pre-test complete");

        await page.GotoAsync($"/courses/{Course}/lessons/first");
        await page.ChooseWithKeyboardAsync("check-one", "b");
        await page.TabToAsync("#question-check-one button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#question-check-one .feedback")).ToContainTextAsync("Correct.");
        await Assertions.Expect(page.Locator("#question-check-one .feedback")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Learner_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var page = await browser.NewPageAsync(375, 740);
        await page.RegisterAsync("Axe Checker");
        await page.GotoAsync($"/courses/{Course}/start");
        await page.ClickButtonAsync("I have read this information: start the course");
        await page.AnswerAllCorrectlyAsync(browser.App.Content.Current.Find(Course)!.PreTest!.Questions);
        await page.ClickButtonAsync("Continue to check your answers");
        await page.ClickButtonAsync("Submit your answers");

        var problems = new List<string>();
        async Task Check(string path)
        {
            await page.GotoAsync(path);
            var results = await page.RunAxe();
            problems.AddRange(results.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }

        await Check("/courses");
        await Check($"/courses/{Course}");
        await Check($"/courses/{Course}/start");
        await Check($"/courses/{Course}/lessons/first");
        await page.ChooseAsync("check-one", "Right");
        await page.ClickButtonAsync("Check your answer");
        await Assertions.Expect(page.Locator("#question-check-one .feedback")).ToContainTextAsync("Correct.");
        await Check($"/courses/{Course}/lessons/first");
        await page.ClickButtonAsync("Complete this lesson and continue");
        await page.ClickButtonAsync("Complete this lesson");
        await Check($"/courses/{Course}/post-test");
        await page.AnswerAllCorrectlyAsync(browser.App.Content.Current.Find(Course)!.PostTest.Questions);
        await page.ClickButtonAsync("Continue to check your answers");
        var reviewUrl = page.Url;
        await Check(new Uri(reviewUrl).PathAndQuery);
        await page.ClickButtonAsync("Submit your answers");
        await Check(new Uri(page.Url).PathAndQuery);
        await Check($"/courses/{Course}/evaluation");
        await page.ClickButtonAsync("Submit your evaluation");
        await Check($"/courses/{Course}/evaluation");
        await page.GotoAsync($"/courses/{Course}/evaluation");
        await page.SubmitEvaluationAsync();
        await Check($"/courses/{Course}/claim");
        await page.ClaimAsync();
        await Check(new Uri(page.Url).PathAndQuery);
        await Check("/my");
        await Check("/account/register");
        await Check("/");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }

    [Fact]
    public async Task On_a_phone_a_step_opened_too_early_and_a_failed_attempt_say_what_to_do_and_are_accessible()
    {
        var page = await browser.NewPageAsync(375, 740);
        await page.RegisterAsync("Early Bird");
        var problems = new List<string>();
        async Task CheckAxe()
        {
            var results = await page.RunAxe();
            problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id} {v.Help}"));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{page.Url} scrolls sideways: {width}px");
        }

        await page.GotoAsync("/courses/platform-tour/lessons/from-lesson-to-certificate");
        await Assertions.Expect(page.Locator("main .alert")).ToContainTextAsync("Read the course information and disclosures before you start.");
        await CheckAxe();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "nmosdlearn-not-yet-375.png"), FullPage = true });
        await page.TabToAsync("main a.btn-primary");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync("Course information and disclosures");
        await page.ClickButtonAsync("I have read this information: start the course");

        await page.GotoAsync("/courses/platform-tour/lessons/from-lesson-to-certificate");
        await page.ClickButtonAsync("Complete this lesson");
        await page.GotoAsync("/courses/platform-tour/post-test");
        await page.ChooseAsync("tour-grading", "In your browser, as you choose each answer");
        await page.ChooseAsync("tour-verification", "Only an administrator");
        await page.ChooseAsync("tour-version", "False");
        await page.ClickButtonAsync("Continue to check your answers");
        await page.ClickButtonAsync("Submit your answers");
        await page.ExpectHeadingAsync("Your result");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("What to revisit");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Anyone who has the verification code or address");
        await CheckAxe();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "nmosdlearn-failed-attempt-375.png"), FullPage = true });
        await page.TabToAsync("main ol.list-unstyled a");
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync("From lesson to certificate");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }
    [Fact]
    public async Task A_change_after_submitting_in_another_tab_says_the_attempt_is_closed_not_the_connection()
    {
        var page = await browser.NewPageAsync(375, 740);
        await page.RegisterAsync("Two tabs");
        await page.ClickLinkAsync("Test course");
        await page.ClickLinkAsync("Start the course");
        await page.ClickButtonAsync("I have read this information: start the course");
        await page.ExpectHeadingAsync("Pre-test");
        var testAddress = page.Url;

        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(testAddress);
        await other.ExpectHeadingAsync("Pre-test");

        await page.ChooseAsync("pre-one", "Right");
        await page.ClickButtonAsync("Continue to check your answers");
        await page.ClickButtonAsync("Submit your answers");
        await page.ExpectHeadingAsync("Pre-test complete");

        await other.ChooseAsync("pre-two", "True");
        var status = other.Locator("#autosave-status");
        await Assertions.Expect(status).ToContainTextAsync("already submitted");
        await Assertions.Expect(status).Not.ToContainTextAsync("connection");
        // The message leads to the submitted attempt's result.
        await status.GetByRole(AriaRole.Link).ClickAsync();
        await other.ExpectHeadingAsync("Pre-test complete");
    }
}
