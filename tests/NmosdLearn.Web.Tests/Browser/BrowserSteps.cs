using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NmosdLearn.Web.Tests.Browser;

/// <summary>What a clinician does in the browser, one step each, by the names a person reads on screen.</summary>
public static class BrowserSteps
{
    /// <summary>
    /// Waits until the address matches. Unlike WaitForURLAsync it does not also wait for a load event,
    /// which on a busy machine can be missed when the navigation finished before the wait began.
    /// </summary>
    public static Task ExpectUrlAsync(this IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 15_000 });

    /// <summary>Registers, confirms the address from the development mailbox page and signs in; returns the email address.</summary>
    public static async Task<string> RegisterAsync(this IPage page, string name, string password = "a long enough password", string profession = "MD")
    {
        var email = $"browser-{Guid.NewGuid():N}@tests.nmosdlearn.local";
        // By the fields' ids: the same steps in either language of the interface.
        await page.GotoAsync("/account/register");
        await page.Locator("#FullName").FillAsync(name);
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Profession").SelectOptionAsync(profession);
        await page.Locator("#Specialty").FillAsync("Neurology");
        await page.Locator("#Country").FillAsync("United Kingdom");
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/account/check-email");
        await page.ConfirmEmailFromMailboxAsync(email);
        await page.SignInAsync(email, password);
        await page.GotoAsync("/courses");
        return email;
    }

    /// <summary>Signs in on the sign-in page (in any language: by the fields' ids), as the confirmation page asks.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/(my|studio|admin)$");
    }

    /// <summary>Signs out from the header, opening the menu first on a narrow screen.</summary>
    public static async Task SignOutAsync(this IPage page)
    {
        var toggler = page.Locator("button.navbar-toggler");
        if (await toggler.IsVisibleAsync())
        {
            await toggler.ClickAsync();
        }

        await page.ClickButtonAsync("Sign out");
    }

    /// <summary>Opens the development mailbox page and follows the confirmation link sent to the address.</summary>
    public static async Task ConfirmEmailFromMailboxAsync(this IPage page, string email)
    {
        await page.GotoAsync("/dev/mail");
        var message = page.Locator("article").Filter(new() { Has = page.Locator(".mail-to", new() { HasText = email }) }).First;
        await message.Locator("a[href^='/account/confirm']").ClickAsync();
        // The confirmation page, in whichever language the browser asked for.
        await Assertions.Expect(page.Locator("main .certificate-panel h1")).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until the element has focus, as a keyboard user would; fails if it is never reached.</summary>
    public static async Task TabToAsync(this IPage page, string selector)
    {
        var target = await page.QuerySelectorAsync(selector) ?? throw new InvalidOperationException($"no element {selector}");
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{selector} cannot be reached with the Tab key");
    }

    /// <summary>
    /// Chooses a radio option the way a keyboard user does: Tab into the group (one tab stop), then the
    /// arrow keys, which move the choice through the options.
    /// </summary>
    public static async Task ChooseWithKeyboardAsync(this IPage page, string questionId, string key)
    {
        var inGroup = $"element => element === document.activeElement || document.activeElement?.name === 'q:{questionId}'";
        var first = page.Locator($"input[name='q:{questionId}']").First;
        for (var i = 0; i < 300 && !await first.EvaluateAsync<bool>(inGroup); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var target = page.Locator($"#{questionId}-{key}");
        for (var i = 0; i < 10 && !await target.IsCheckedAsync(); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await target.IsCheckedAsync(), $"option {key} of {questionId} cannot be chosen with the keyboard");
    }

    /// <summary>Ticks the correct options of every question of a test, as the answer key says (read from the server's content).</summary>
    public static async Task AnswerAllCorrectlyAsync(this IPage page, IEnumerable<NmosdLearn.Content.Question> questions)
    {
        foreach (var question in questions)
        {
            foreach (var key in question.CorrectKeys)
            {
                await page.Locator($"#{question.Id}-{key}").CheckAsync();
            }
        }
    }

    /// <summary>
    /// Every table of the page that is wider than its space has the note that it scrolls sideways and takes keyboard
    /// focus; a table that fits has neither. Returns how many tables scroll.
    /// </summary>
    public static async Task<int> ExpectTableScrollCuesAsync(this IPage page, string cue)
    {
        var tables = page.Locator(".lesson-body table");
        var scrolling = 0;
        for (var i = 0; i < await tables.CountAsync(); i++)
        {
            var table = tables.Nth(i);
            if (await table.EvaluateAsync<bool>("t => t.scrollWidth > t.clientWidth + 1"))
            {
                scrolling++;
                await Assertions.Expect(table).ToHaveAttributeAsync("tabindex", "0");
                var note = page.Locator("#" + await table.GetAttributeAsync("aria-describedby"));
                await Assertions.Expect(note).ToBeVisibleAsync();
                await Assertions.Expect(note).ToHaveTextAsync(cue);
            }
            else
            {
                await Assertions.Expect(table).Not.ToHaveAttributeAsync("tabindex", "0");
            }
        }

        return scrolling;
    }

    /// <summary>Answers the questions this attempt drew (a post-test pool asks only some of them), all correctly, and submits.</summary>
    public static async Task SubmitTestAsync(this IPage page, IEnumerable<NmosdLearn.Content.Question> questions)
    {
        var drawn = new List<NmosdLearn.Content.Question>();
        foreach (var question in questions)
        {
            if (await page.Locator($"[id='{question.Id}-{question.Options[0].Key}']").CountAsync() > 0)
            {
                drawn.Add(question);
            }
        }

        await page.AnswerAllCorrectlyAsync(drawn);
        await page.Locator("form[data-autosave] button[type=submit]").ClickAsync();
        await page.Locator("form[data-submit-once] button[type=submit]").ClickAsync();
        await page.ExpectUrlAsync("/attempts/[0-9a-f-]+$");
    }

    public static Task ClickButtonAsync(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    public static Task ClickLinkAsync(this IPage page, string name) =>
        page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();

    /// <summary>Ticks an option of one question, found by the question's id and the option's label.</summary>
    public static Task ChooseAsync(this IPage page, string questionId, string option) =>
        page.Locator($"#question-{questionId}").GetByLabel(option, new() { Exact = true }).CheckAsync();

    public static Task ExpectHeadingAsync(this IPage page, string name) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();

    /// <summary>
    /// From the example course's page to its claimed certificate: the lesson, the post-test answered
    /// correctly, the evaluation and the claim.
    /// </summary>
    public static async Task CompleteTourFromCoursePageAsync(this IPage page)
    {
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
        await page.SubmitEvaluationAsync();
        await page.ClaimAsync();
        await page.ExpectHeadingAsync("Your certificate is ready");
    }

    public static async Task ClaimAsync(this IPage page)
    {
        // The form starts empty: the learner states what they claim.
        await page.GetByLabel("Hours of participation you claim").FillAsync("0.25");
        await page.GetByLabel("Time you spent, in minutes").FillAsync("15");
        await page.GetByLabel("I completed this activity myself and the time above is accurate.").CheckAsync();
        await page.ClickButtonAsync("Get your certificate");
    }

    /// <summary>The evaluation form, answered with the controls a person uses (found by ids: the same in either language).</summary>
    public static async Task SubmitEvaluationAsync(this IPage page, string intendedChange = "Ask about pain at every visit.")
    {
        var scales = page.Locator("fieldset:has(input[type=radio][value='4'])");
        for (var i = 0; i < await scales.CountAsync(); i++)
        {
            await scales.Nth(i).Locator("input[value='4']").CheckAsync();
        }

        await page.Locator("#IntendedChange").FillAsync(intendedChange);
        await page.Locator("#CommercialBias-no").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    /// <summary>The page's serious and critical axe violations, and sideways scrolling past the window's width.</summary>
    public static async Task<List<string>> ProblemsAsync(this IPage page, int width, string? where = null)
    {
        where ??= page.Url;
        var results = await page.RunAxe();
        var problems = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (scrollWidth > width)
        {
            problems.Add($"{where} scrolls sideways: {scrollWidth}px at {width}px");
        }

        return problems;
    }
}
