using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using static NmosdLearn.Web.Tests.LearnerSteps;

namespace NmosdLearn.Web.Tests;

/// <summary>Many learners answering and submitting at the same moment: no error, no lost answer, one attempt each.</summary>
[Collection(AppCollection.Name)]
public sealed class ConcurrentLearnersTests(AppFactory app)
{
    private const int Learners = 64;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sixty_four_learners_answering_at_once_lose_nothing()
    {
        var learners = new List<(TestClient Client, Guid Attempt, string Token)>();
        for (var i = 0; i < Learners; i++)
        {
            var client = await app.NewLearnerAsync($"Learner {i}");
            await client.AcknowledgeAsync(Tour);
            await client.CompleteLessonAsync(Tour, TourLesson);
            var (attempt, page) = await client.OpenTestAsync(Tour);
            learners.Add((client, attempt, TestClient.AntiforgeryTokenIn(page)));
        }

        // Each learner answers differently (by their index), so a lost or crossed answer shows.
        static string Choice(int learner, int question) => ((char)('a' + (learner + question) % 2)).ToString();
        var start = new TaskCompletionSource();
        var autosaves = learners.Select(async (learner, i) =>
        {
            await start.Task;
            var responses = new List<HttpStatusCode>();
            foreach (var (question, index) in TourCorrectAnswers.Select((a, index) => (a.Question, index)))
            {
                var form = new FormUrlEncodedContent([new("__RequestVerificationToken", learner.Token), new($"q:{question}", Choice(i, index))]);
                responses.Add((await learner.Client.Http.PostAsync($"/courses/{Tour}/post-test/attempts/{learner.Attempt}/answers", form, Cancel)).StatusCode);
            }

            return responses;
        }).ToList();
        start.SetResult();
        var saved = await Task.WhenAll(autosaves);

        var submits = learners.Select(learner => learner.Client.Http.PostAsync(
            $"/courses/{Tour}/post-test/attempts/{learner.Attempt}/submit",
            new FormUrlEncodedContent([new("__RequestVerificationToken", learner.Token)]), Cancel)).ToList();
        var submitted = await Task.WhenAll(submits);

        Assert.All(saved.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.All(submitted, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = learners.Select(l => l.Attempt).ToList();
        var attempts = await db.QuizAttempts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(Cancel);
        Assert.Equal(Learners, attempts.Count(a => a.SubmittedAt != null));
        for (var i = 0; i < Learners; i++)
        {
            var attemptId = learners[i].Attempt;
            var answers = (await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attemptId).ToListAsync(Cancel))
                .ToDictionary(a => a.QuestionId, a => JsonSerializer.Deserialize<string[]>(a.SelectedJson)!);
            Assert.Equal(TourCorrectAnswers.Length, answers.Count);
            foreach (var (question, index) in TourCorrectAnswers.Select((a, index) => (a.Question, index)))
            {
                Assert.Equal([Choice(i, index)], answers[question]);
            }
        }
    }
}
