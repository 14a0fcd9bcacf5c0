using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NmosdLearn.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StudioJourneyTests(BrowserFixture browser)
{
    private const string Course = "pool-course";

    [Fact]
    public async Task An_author_fixes_a_lesson_a_reviewer_approves_it_learners_get_the_new_text_and_one_mid_test_finishes_on_the_old_version()
    {
        var oldVersion = browser.App.Content.Current.Find(Course)!.ContentVersion;

        // A learner part-way through the post-test of the version published now.
        var midTest = await browser.NewPageAsync();
        await midTest.RegisterAsync("Mid Test Learner");
        await midTest.GotoAsync($"/courses/{Course}/start");
        await midTest.ClickButtonAsync("I have read this information: start the course");
        await midTest.ExpectHeadingAsync("First lesson");
        await midTest.ChooseAsync("check-one", "Right");
        await midTest.ClickButtonAsync("Check your answer");
        // The answer is sent by the page's script: wait for its feedback, as a learner would, before completing.
        await Assertions.Expect(midTest.Locator("#question-check-one .feedback")).ToContainTextAsync("Correct.");
        await midTest.ClickButtonAsync("Complete this lesson and continue");
        await midTest.ExpectHeadingAsync("Second lesson");
        await midTest.ClickButtonAsync("Complete this lesson");
        await midTest.GotoAsync($"/courses/{Course}/post-test");
        await midTest.ExpectHeadingAsync("Post-test");
        var firstQuestion = midTest.Locator("main fieldset").First;
        await firstQuestion.GetByLabel(new System.Text.RegularExpressions.Regex("^Right")).CheckAsync();
        await Assertions.Expect(midTest.Locator("#autosave-status")).ToHaveTextAsync("Your answers are saved.");

        // The author brings the course into the studio and edits a lesson; the checker names the broken line.
        var author = await SignInAsync(await browser.App.CreateUserAsync("Author"));
        await author.GotoAsync("/studio");
        await author.Locator($"form[action='/studio/import/{Course}'] button").ClickAsync();
        await author.ExpectHeadingAsync("Pool course");
        await author.ClickLinkAsync("01-first.md");
        // The code editor is laid over the form's textarea, which keeps the text.
        var editor = author.Locator(".cm-content");
        var text = await author.Locator("#text").InputValueAsync();
        await editor.FillAsync(text.Replace("Text with a citation.", "Revised text that learners read now.").Replace("- [x] Right", "- [ ] Right"));
        var message = author.Locator("#checker-messages button[data-line]").First;
        await Assertions.Expect(message).ToContainTextAsync("Line 13:");
        await Assertions.Expect(author.Locator("#checker-messages")).ToContainTextAsync("no correct answer");
        await Assertions.Expect(author.Locator(".cm-content .cm-line").Nth(12).Locator(".cm-lintRange-error")).ToHaveCountAsync(1);
        await message.ClickAsync();
        await Assertions.Expect(editor).ToBeFocusedAsync();
        await editor.FillAsync(text.Replace("Text with a citation.", "Revised text that learners read now."));
        await Assertions.Expect(author.Locator("#checker-messages")).ToContainTextAsync("No problems in this file.");
        await Assertions.Expect(author.Locator("#live-preview")).ToContainTextAsync("Revised text that learners read now.");
        await author.ClickButtonAsync("Save draft");
        await Assertions.Expect(author.Locator("main .alert-success")).ToHaveTextAsync("Saved.");

        await author.GotoAsync($"/studio/{Course}/preview?page=first");
        await Assertions.Expect(author.Locator("main")).ToContainTextAsync("Revised text that learners read now.");
        await Assertions.Expect(author.Locator("main .badge").First).ToHaveTextAsync("Correct answer");
        await author.GotoAsync($"/studio/{Course}");
        await author.ClickButtonAsync("Ask for review");
        await Assertions.Expect(author.Locator("main .alert-success")).ToHaveTextAsync("Review was asked for this draft.");

        // A reviewer reads the difference and approves; the author publishes.
        var reviewer = await SignInAsync(await browser.App.CreateUserAsync("Reviewer"));
        await reviewer.GotoAsync($"/studio/{Course}/review");
        await Assertions.Expect(reviewer.Locator("main")).ToContainTextAsync("Revised text that learners read now.");
        await reviewer.GetByLabel("Comment (required when asking for changes)").FillAsync("Checked against the source.");
        await reviewer.ClickButtonAsync("Approve this draft");
        await Assertions.Expect(reviewer.Locator("main .alert-success")).ToHaveTextAsync("You approved this draft.");
        await author.ReloadAsync();
        await author.ClickButtonAsync("Publish");
        await Assertions.Expect(author.Locator("main .alert-success")).ToContainTextAsync("Published");
        var newVersion = browser.App.Content.Current.Find(Course)!.ContentVersion;
        Assert.NotEqual(oldVersion, newVersion);

        // A new learner gets the new text, and the course information says who reviewed it.
        var newcomer = await browser.NewPageAsync();
        await newcomer.RegisterAsync("New Learner");
        await newcomer.GotoAsync($"/courses/{Course}/start");
        await Assertions.Expect(newcomer.Locator("main")).ToContainTextAsync("Reviewed by Test Reviewer on");
        await newcomer.ClickButtonAsync("I have read this information: start the course");
        await Assertions.Expect(newcomer.Locator("main")).ToContainTextAsync("Revised text that learners read now.");

        // The learner who was mid-test finishes on the version they started; the certificate names it.
        await midTest.ReloadAsync();
        var questions = midTest.Locator("main fieldset");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            await questions.Nth(i).GetByLabel(new System.Text.RegularExpressions.Regex("^Right")).CheckAsync();
        }

        await midTest.ClickButtonAsync("Continue to check your answers");
        await midTest.ClickButtonAsync("Submit your answers");
        await midTest.ExpectHeadingAsync("You passed");
        await midTest.ClickLinkAsync("Evaluate the course");
        await midTest.SubmitEvaluationAsync();
        await midTest.ClaimAsync();
        await midTest.ExpectHeadingAsync("Your certificate is ready");
        await midTest.Locator("a[href^='/verify/']").First.ClickAsync();
        await Assertions.Expect(midTest.Locator("main")).ToContainTextAsync(oldVersion);
        await Assertions.Expect(midTest.Locator("main")).Not.ToContainTextAsync(newVersion);
        await midTest.GotoAsync($"/courses/{Course}/lessons/first");
        await Assertions.Expect(midTest.Locator("main")).ToContainTextAsync("Text with a citation.");
    }

    [Fact]
    public async Task On_a_tablet_the_studio_works_with_the_keyboard_and_has_no_serious_accessibility_violations()
    {
        var page = await SignInAsync(await browser.App.CreateUserAsync("Author"), 768, 1024);
        var id = $"tablet-{Guid.NewGuid():N}"[..15];
        await page.GotoAsync("/studio");
        await page.GetByLabel("Course id").FillAsync(id);
        await page.GetByLabel("Title").FillAsync("Keyboard course");
        await page.GetByLabel("Title").PressAsync("Enter");
        await page.ExpectHeadingAsync("Keyboard course");

        // Keyboard only: from the file link to the editor, type, and save with the button reached by Tab.
        await page.Locator("a[href*='/edit?path=01-first-lesson.md']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectHeadingAsync("Edit 01-first-lesson.md");
        await page.Locator(".cm-content").FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("\nA sentence typed with the keyboard.\n");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main .alert-success")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("A sentence typed with the keyboard."));

        var problems = new List<string>();
        foreach (var path in new[]
        {
            "/studio", $"/studio/{id}", $"/studio/{id}/edit?path=01-first-lesson.md", $"/studio/{id}/history?path=01-first-lesson.md&from=1&to=2",
            $"/studio/{id}/review", $"/studio/{id}/preview?page=first-lesson",
        })
        {
            await page.GotoAsync(path);
            var results = await page.RunAxe();
            problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 768)
            {
                problems.Add($"{path} scrolls sideways: {width}px");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task On_a_375_px_phone_an_owner_adds_a_co_author_with_the_keyboard_and_the_authors_section_has_no_serious_accessibility_violations()
    {
        var coAuthor = await browser.App.CreateUserAsync("Author");
        var page = await SignInAsync(await browser.App.CreateUserAsync("Author"), 375, 812);
        var id = $"phone-{Guid.NewGuid():N}"[..14];
        await page.GotoAsync("/studio");
        await page.GetByLabel("Course id").FillAsync(id);
        await page.GetByLabel("Title").FillAsync("Phone course");
        await page.GetByLabel("Title").PressAsync("Enter");
        await page.ExpectHeadingAsync("Phone course");

        await page.GetByLabel("Email of an account with the Author role").FocusAsync();
        await page.Keyboard.TypeAsync(coAuthor);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add author" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main .alert-success")).ToHaveTextAsync("The author was added.");
        await Assertions.Expect(page.Locator("#authors + ul")).ToContainTextAsync(coAuthor);
        await Assertions.Expect(page.Locator("#authors + ul")).ToContainTextAsync("Co-author");

        var results = await page.RunAxe();
        var problems = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        // The section itself fits the phone's width (the files table above scrolls inside its own frame).
        var wide = await page.EvaluateAsync<string>(
            "[document.getElementById('authors'), ...document.querySelectorAll('#authors ~ *, #authors ~ * *')].filter(e => e.getBoundingClientRect().right > 375).map(e => e.tagName + '#' + e.id).join(', ')");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(wide.Length == 0, $"wider than 375 px: {wide}");
    }

    [Theory]
    [InlineData(375, 812, "zh-CN")]
    [InlineData(1280, 900, "en-GB")]
    public async Task An_author_types_and_inserts_an_uploaded_image_with_the_keyboard_alone_and_sees_checker_errors_marked_at_their_line(int width, int height, string locale)
    {
        var chinese = locale == "zh-CN";
        var authorEmail = await browser.App.CreateUserAsync("Author");
        var page = await SignInAsync(authorEmail, width, height, locale);
        var id = $"editor-{Guid.NewGuid():N}"[..15];
        await page.GotoAsync("/studio");
        await page.Locator("#new-id").FillAsync(id);
        await page.Locator("#new-title").FillAsync("Editor course");
        await page.Locator("#new-title").PressAsync("Enter");
        await page.ExpectUrlAsync($"/studio/{id}$");
        await page.Locator("#image").SetInputFilesAsync(Path.Combine(AppFactory.TestCourseFixture, "figure.png"));
        await page.Locator($"form[action='/studio/{id}/upload'] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("main .alert-success")).ToBeVisibleAsync();
        // The template's placeholders are checker errors: written over first, so the lesson's own messages show.
        var author = browser.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await author.LoginAsync(authorEmail, "a long enough password")).StatusCode);
        await Studio.StudioTests.FillPlaceholdersAsync(author, id);
        var editUrl = $"/studio/{id}/edit?path=01-first-lesson.md";
        await page.GotoAsync(editUrl);

        // The code editor takes the textarea's place; the textarea stays the form field.
        var editor = page.Locator(".cm-content");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("textarea#text")).ToBeHiddenAsync();
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-labelledby", "text-label");

        // Keyboard only: into the editor, type at the end, then Shift+Tab to "Insert image", choose and describe the image.
        await page.TabToAsync(".cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("\nA sentence typed with the keyboard.\n");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.Locator("#insert-image")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#insert-image")).ToHaveTextAsync(chinese ? "插入图片" : "Insert image");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#image-picker")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#picker-image-0")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#image-picker label[for=picker-image-0]")).ToHaveTextAsync("figure.png");
        var problems = Violations(await page.RunAxe(), "picker").ToList();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#image-description")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#image-description-error")).ToHaveTextAsync(chinese ? "请为看不到图片的人描述这张图片。" : "Describe the image for people who cannot see it.");
        await page.Keyboard.TypeAsync("Sagittal MRI of the spine");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#image-picker")).ToBeHiddenAsync();
        await Assertions.Expect(editor).ToBeFocusedAsync();
        await Assertions.Expect(editor).ToContainTextAsync("![Sagittal MRI of the spine](figure.png)");
        await Assertions.Expect(page.Locator("#save-state")).ToHaveTextAsync(chinese ? "您有未保存的更改。" : "You have unsaved changes.");

        // CodeMirror's own words are in the page's language too (its search panel here).
        await page.Keyboard.PressAsync("Control+f");
        await Assertions.Expect(page.Locator(".cm-search input[name=search]")).ToHaveAttributeAsync("aria-label", chinese ? "查找" : "Find");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(editor).ToBeFocusedAsync();

        // Escape, then Tab leaves the editor for the save button: the editor does not keep the Tab key.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#studio-editor button[type=submit]")).ToBeFocusedAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.DismissAsync();
        };
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main .alert-success")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("textarea#text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"A sentence typed with the keyboard\.\n+!\[Sagittal MRI of the spine\]\(figure\.png\)"));
        await Assertions.Expect(page.Locator("#checker-messages [data-checker-clean]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#checker-messages")).Not.ToContainTextAsync("missing image");
        await Assertions.Expect(page.Locator("#live-preview img[src$='/draft-files/figure.png']")).ToBeVisibleAsync();

        // Saved: leaving asks nothing.
        await page.GotoAsync(editUrl);
        Assert.Empty(dialogs);

        // A link to a lesson the course does not have: the checker's error is marked on its own line of the text.
        await page.TabToAsync(".cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("\nSee [the next lesson](no-such-lesson.md).");
        var message = page.Locator("#checker-messages button[data-line]").First;
        await Assertions.Expect(page.Locator("#checker-messages")).ToContainTextAsync("broken link");
        var line = int.Parse(await message.GetAttributeAsync("data-line") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var markedLine = page.Locator(".cm-content .cm-line").Nth(line - 1);
        await Assertions.Expect(markedLine).ToContainTextAsync("See [the next lesson](no-such-lesson.md).");
        await Assertions.Expect(markedLine.Locator(".cm-lintRange-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cm-gutter-lint .cm-lint-marker-error")).ToHaveCountAsync(1);
        problems.AddRange(Violations(await page.RunAxe(), "editor"));

        // Leaving with that unsaved line asks first; dismissed, the author stays with the text.
        await page.Locator("nav ol.breadcrumb a[href='/studio']").ClickAsync();
        for (var i = 0; i < 100 && dialogs.Count == 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal("beforeunload", dialogs.Single());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/edit\\?path="));
        await Assertions.Expect(editor).ToContainTextAsync("no-such-lesson.md");

        var wide = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(wide <= width, $"the page scrolls sideways: {wide}px");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var refused = browser.ContentSecurityRefusals(page);
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    private static IEnumerable<string> Violations(Deque.AxeCore.Commons.AxeResult results, string where) =>
        results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");

    /// <summary>
    /// A published course whose draft then changed a course field, a lesson's text and its figure: what a reviewer reads
    /// on the review page. Made through the platform's own forms; returns the course id and the reviewer's and author's emails.
    /// </summary>
    private async Task<(string Id, string Reviewer, string Author)> CourseWithChangesToReviewAsync()
    {
        var authorEmail = await browser.App.CreateUserAsync("Author");
        var reviewerEmail = await browser.App.CreateUserAsync("Reviewer");
        var author = browser.CreateHttpClient();
        var reviewer = browser.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await author.LoginAsync(authorEmail, "a long enough password")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await reviewer.LoginAsync(reviewerEmail, "a long enough password")).StatusCode);
        var id = await Studio.StudioTests.CreateCourseAsync(author, $"review-{Guid.NewGuid():N}"[..15]);
        await Studio.StudioTests.FillPlaceholdersAsync(author, id);
        var figure = await File.ReadAllBytesAsync(Path.Combine(AppFactory.TestCourseFixture, "figure.png"), TestContext.Current.CancellationToken);
        await Studio.StudioTests.UploadAsync(author, id, "figure.png", figure);
        await Studio.StudioTests.EditAsync(author, id, "01-first-lesson.md", text => text.Replace("## Knowledge check", "![The first figure](figure.png)\n\n## Knowledge check"));
        await Studio.StudioTests.PublishAsync(author, reviewer, id);

        await Studio.StudioTests.EditAsync(author, id, "course.md", text => text.Replace("The author's own text (course.md, 6).", "No commercial support was received for this activity."));
        await Studio.StudioTests.EditAsync(author, id, "01-first-lesson.md", text => text.Replace("The author's own text (01-first-lesson.md, 2).", "A sentence the reviewer must see."));
        await Studio.StudioTests.UploadAsync(author, id, "figure.png", Studio.StudioTests.OtherPng);
        return (id, reviewerEmail, authorEmail);
    }

    [Theory]
    [InlineData(375, 812, "zh-CN", "已发布：", "草稿：", "新增：")]
    [InlineData(1280, 900, "en-GB", "Published:", "Draft:", "Added:")]
    public async Task A_reviewer_reads_the_rendered_difference_and_both_versions_of_a_changed_image_and_the_page_is_accessible(
        int width, int height, string locale, string published, string draft, string added)
    {
        var (id, reviewerEmail, _) = await CourseWithChangesToReviewAsync();
        var page = await SignInAsync(reviewerEmail, width, height, locale);

        await page.GotoAsync($"/studio/{id}/review");

        // The course field by name, both values in words; the lesson's new sentence as text, marked for screen readers too.
        var field = page.Locator(".review-fields dd").First;
        await Assertions.Expect(field.Locator("del")).ToHaveTextAsync("The author's own text (course.md, 6).");
        await Assertions.Expect(field.Locator("ins")).ToHaveTextAsync("No commercial support was received for this activity.");
        await Assertions.Expect(field).ToContainTextAsync(published);
        await Assertions.Expect(field).ToContainTextAsync(draft);
        var sentence = page.Locator(".rendered-diff li.diff-added ins", new() { HasText = "A sentence the reviewer must see." });
        await Assertions.Expect(sentence).ToContainTextAsync(added);
        // Both versions of the figure are shown and load.
        var images = page.Locator("img.review-image");
        await Assertions.Expect(images).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            await Assertions.Expect(images.Nth(i)).ToBeVisibleAsync();
            Assert.True(await images.Nth(i).EvaluateAsync<bool>("image => image.complete && image.naturalWidth > 0"), $"image {i} did not load");
        }

        var problems = await page.ProblemsAsync(width);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(browser.ContentSecurityRefusals(page));
    }

    [Theory]
    [InlineData(375, 812, "zh-CN", "学习目标")]
    [InlineData(1280, 900, "en-GB", "Learning objectives")]
    public async Task The_preview_as_a_learner_shows_the_course_information_and_is_accessible(int width, int height, string locale, string objectives)
    {
        var (id, _, authorEmail) = await CourseWithChangesToReviewAsync();
        var page = await SignInAsync(authorEmail, width, height, locale);

        await page.GotoAsync($"/studio/{id}/preview");

        var information = page.Locator(".course-information");
        await Assertions.Expect(information).ToContainTextAsync(objectives);
        await Assertions.Expect(information).ToContainTextAsync("No commercial support was received for this activity.");
        await Assertions.Expect(page.Locator("#study-time")).ToBeVisibleAsync();
        var problems = await page.ProblemsAsync(width);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<IPage> SignInAsync(string email, int width = 1280, int height = 900, string locale = "en-GB")
    {
        var page = await browser.NewPageAsync(width, height, locale);
        await page.GotoAsync("/account/login");
        // By the fields' ids, which are the same in every language.
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync("a long enough password");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/(my|studio|admin)$");
        return page;
    }
}
