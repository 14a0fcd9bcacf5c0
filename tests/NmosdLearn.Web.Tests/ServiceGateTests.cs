using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Progress;
using NmosdLearn.Web.Features.Quizzes;

namespace NmosdLearn.Web.Tests;

/// <summary>The services enforce the learner-path gates themselves: a caller that skips the page's check (a new page, the studio) still cannot record a step early.</summary>
[Collection(AppCollection.Name)]
public sealed class ServiceGateTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Knowledge_checks_lessons_and_tests_are_refused_by_the_services_before_the_path_allows_them()
    {
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: email);
        await client.AcknowledgeAsync("test-course");
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var progress = scope.ServiceProvider.GetRequiredService<ProgressService>();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var state = (await progress.GetAsync(user!.Id, "test-course", Cancel))!;
        var lesson = state.Course.Lessons[0];

        // Acknowledged, but the pre-test comes first.
        var check = await Assert.ThrowsAsync<PathRefusedException>(() => progress.AnswerCheckAsync(state, lesson.Questions[0], new HashSet<string> { "b" }, Cancel));
        var complete = await Assert.ThrowsAsync<PathRefusedException>(() => progress.CompleteLessonAsync(state, lesson, Cancel));
        var postTest = await Assert.ThrowsAsync<PathRefusedException>(() => assessments.StartOrResumeAsync(state, AssessmentKind.PostTest, Cancel));

        Assert.Equal(PathRefusal.PreTestFirst, check.Refusal);
        Assert.Equal(PathRefusal.PreTestFirst, complete.Refusal);
        Assert.Equal(PathRefusal.PreTestFirst, postTest.Refusal);
        Assert.NotNull(await assessments.StartOrResumeAsync(state, AssessmentKind.PreTest, Cancel));
    }
}

/// <summary>Whatever the checker accepts can be submitted: the largest test's form is read, not refused.</summary>
[Collection(AppCollection.Name)]
public sealed class FormLimitTests(AppFactory app)
{
    [Fact]
    public async Task A_form_as_large_as_the_largest_test_the_checker_accepts_is_read()
    {
        var client = await app.SignedInLearnerAsync();
        await client.AcknowledgeAsync("test-course");
        var fields = Enumerable.Range(0, NmosdLearn.Content.Loading.ContentLimits.MaxTestFormValues - 2)
            .Select(i => new KeyValuePair<string, string>($"q:pre-{i % 200}", "a")).ToList();

        var page = await client.GetPageAsync("/courses/test-course/pre-test");
        var answers = System.Text.RegularExpressions.Regex.Match(page, "data-autosave=\"(/courses/test-course/pre-test/attempts/[0-9a-f-]+/answers)\"").Groups[1].Value;

        var response = await client.SubmitAsync("/courses/test-course/pre-test", answers, fields);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }
}
