using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Quizzes;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Quizzes;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>Which learners a report covers: those who started the course in a date range, on one content version or any.</summary>
public sealed record ReportFilter(DateOnly? From, DateOnly? To, string? Version)
{
    public bool Includes(DateTimeOffset started, string version) =>
        (From is null || DateOnly.FromDateTime(started.UtcDateTime) >= From)
        && (To is null || DateOnly.FromDateTime(started.UtcDateTime) <= To)
        && (string.IsNullOrEmpty(Version) || Version == version);
}

/// <summary>A learner's pre-test and post-test scores.</summary>
public sealed record LearnerGain(string UserId, string Name, int PreTest, int PostTest)
{
    public int Gain => PostTest - PreTest;
}

/// <summary>One completion, with what accreditation reporting needs.</summary>
public sealed record CompletionRow(Certificate Certificate, string? LicenceNumber, string Country, string Email);

/// <summary>A question with its statistics and what it says.</summary>
public sealed record ItemRow(Question Question, string StemText, ItemStatistic Statistic)
{
    /// <summary>
    /// Each option by its text: learners saw the options shuffled, so the letter an author gave one means nothing to them
    /// or to whoever reads the report.
    /// </summary>
    public IReadOnlyList<OptionRow> Options { get; init; } = [];
}

public sealed record OptionRow(string Text, bool Correct, int Count);

/// <summary>How one objective was rated: the mean and how many chose each point of the 1–5 scale.</summary>
public sealed record ObjectiveRating(string Objective, double? Mean, IReadOnlyList<int> Counts);

public sealed record EvaluationSummary(
    int Count, IReadOnlyList<ObjectiveRating> Objectives, double? MeanRelevance, double? MeanQuality,
    IReadOnlyList<string> IntendedChanges, int PerceivedBias, IReadOnlyList<string> BiasComments);

public sealed record CourseReport(
    Course Course, ReportFilter Filter, IReadOnlyList<string> Versions, int Enrolments, IReadOnlyList<CompletionRow> Completions,
    double? MedianMeasuredMinutes, double? MedianAttestedMinutes, IReadOnlyList<LearnerGain> Gains,
    IReadOnlyList<ItemRow> Items, EvaluationSummary Evaluation, IReadOnlyList<ResponseRow> Responses)
{
    public double CompletionRate => Enrolments == 0 ? 0 : Completions.Count / (double)Enrolments;

    public double? MeanGain => Gains.Count == 0 ? null : Gains.Average(g => g.Gain);

    public IReadOnlyList<(int From, int To, int Count)> GainDistribution => ReportStatistics.Distribution(Gains.Select(g => g.Gain));
}

/// <summary>One answer to one post-test question, for the responses export.</summary>
public sealed record ResponseRow(Guid AttemptId, string UserId, string ContentVersion, DateTimeOffset SubmittedAt, int AttemptNumber, string QuestionId, string Selected, bool Correct);

/// <summary>
/// The reports of one course. Everything is read in a fixed number of queries whatever the number of
/// learners (enrolments, certificates, accounts, attempts, answers, evaluations), then computed in memory.
/// Item analysis uses each learner's first post-test attempt, so repeated attempts do not weigh twice.
/// </summary>
public sealed class CourseReports(AppDbContext db, CourseVersions versions)
{
    public async Task<CourseReport?> BuildAsync(string courseId, ReportFilter filter, CancellationToken cancellationToken)
    {
        if (versions.Current(courseId) is not { } current)
        {
            return null;
        }

        var enrolments = await db.Enrollments.AsNoTracking().Where(e => e.CourseId == courseId)
            .Select(e => new { e.UserId, e.ContentVersion, e.AcknowledgedAt }).ToListAsync(cancellationToken);
        var allVersions = enrolments.Select(e => e.ContentVersion).Distinct().Order().ToList();
        var cohort = enrolments.Where(e => filter.Includes(e.AcknowledgedAt, e.ContentVersion)).Select(e => e.UserId).ToHashSet();
        var course = string.IsNullOrEmpty(filter.Version) ? current : await versions.GetAsync(courseId, filter.Version, cancellationToken) ?? current;

        var certificates = (await db.Certificates.AsNoTracking()
                .Where(c => c.CourseId == courseId && c.SupersededAt == null && c.RevokedAt == null).ToListAsync(cancellationToken))
            .Where(c => cohort.Contains(c.UserId)).ToList();
        var people = (await db.Users.AsNoTracking()
                .Where(u => db.Enrollments.Any(e => e.CourseId == courseId && e.UserId == u.Id))
                .Select(u => new { u.Id, u.FullName, u.LicenceNumber, u.Country, u.Email }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id);
        var completions = certificates.OrderBy(c => c.CompletedOn)
            .Select(c => new CompletionRow(c, people.GetValueOrDefault(c.UserId)?.LicenceNumber, people.GetValueOrDefault(c.UserId)?.Country ?? "",
                people.GetValueOrDefault(c.UserId)?.Email ?? ""))
            .ToList();

        var attempts = (await db.QuizAttempts.AsNoTracking()
                .Where(a => a.CourseId == courseId && a.SubmittedAt != null)
                .Select(a => new { a.Id, a.UserId, a.Kind, a.ContentVersion, a.SubmittedAt, a.ScorePercent, a.Passed, a.OrderJson })
                .ToListAsync(cancellationToken))
            .Where(a => cohort.Contains(a.UserId))
            .OrderBy(a => a.SubmittedAt)
            .ToList();
        var gains = attempts.GroupBy(a => a.UserId)
            .Select(g => (UserId: g.Key, Pre: g.FirstOrDefault(a => a.Kind == AssessmentKind.PreTest),
                Post: g.FirstOrDefault(a => a.Kind == AssessmentKind.PostTest && a.Passed) ?? g.LastOrDefault(a => a.Kind == AssessmentKind.PostTest)))
            .Where(x => x.Pre is not null && x.Post is not null)
            .Select(x => new LearnerGain(x.UserId, people.GetValueOrDefault(x.UserId)?.FullName ?? "", x.Pre!.ScorePercent, x.Post!.ScorePercent))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

        var postAttempts = attempts.Where(a => a.Kind == AssessmentKind.PostTest).ToList();
        var attemptIds = postAttempts.Select(a => a.Id).ToHashSet();
        var answers = (await db.AttemptAnswers.AsNoTracking()
                .Where(x => db.QuizAttempts.Any(a => a.Id == x.AttemptId && a.CourseId == courseId && a.Kind == AssessmentKind.PostTest && a.SubmittedAt != null))
                .ToListAsync(cancellationToken))
            .Where(x => attemptIds.Contains(x.AttemptId))
            .ToLookup(x => x.AttemptId);

        // Each attempt is graded against the content version it was taken on.
        var coursesByVersion = new Dictionary<string, Course>();
        foreach (var version in postAttempts.Select(a => a.ContentVersion).Distinct())
        {
            coursesByVersion[version] = await versions.GetAsync(courseId, version, cancellationToken) ?? current;
        }

        var responses = new List<ResponseRow>();
        var firstAttemptResponses = new List<ItemResponse>();
        foreach (var learner in postAttempts.GroupBy(a => a.UserId))
        {
            var number = 0;
            foreach (var attempt in learner)
            {
                number++;
                var attemptCourse = coursesByVersion[attempt.ContentVersion];
                var chosen = answers[attempt.Id].ToDictionary(x => x.QuestionId, x => AssessmentService.ReadKeys(x.SelectedJson));
                foreach (var drawn in JsonSerializer.Deserialize<DrawnQuestion[]>(attempt.OrderJson) ?? [])
                {
                    if (attemptCourse.PostTest.Questions.FirstOrDefault(q => q.Id == drawn.QuestionId) is not { } question)
                    {
                        continue;
                    }

                    var selected = chosen.GetValueOrDefault(question.Id) ?? new HashSet<string>();
                    var correct = QuizGrader.Grade([question], new Dictionary<string, IReadOnlySet<string>> { [question.Id] = selected }, 100).Questions[0].IsCorrect;
                    responses.Add(new ResponseRow(attempt.Id, attempt.UserId, attempt.ContentVersion, attempt.SubmittedAt!.Value, number, question.Id,
                        string.Join(";", selected.Order(StringComparer.Ordinal)), correct));
                    if (number == 1)
                    {
                        firstAttemptResponses.Add(new ItemResponse(question.Id, selected, correct, attempt.ScorePercent));
                    }
                }
            }
        }

        var byQuestion = firstAttemptResponses.ToLookup(r => r.QuestionId);
        var items = course.PostTest.Questions
            .Select(q => ItemRowOf(q, ReportStatistics.Item(q.Id, byQuestion[q.Id].ToList(), q.Options.Select(o => o.Key))))
            .ToList();

        var evaluations = (await db.CourseEvaluations.AsNoTracking().Where(e => e.CourseId == courseId).ToListAsync(cancellationToken))
            .Where(e => cohort.Contains(e.UserId)).ToList();

        return new CourseReport(course, filter, allVersions, cohort.Count, completions,
            ReportStatistics.Median(completions.Where(c => c.Certificate.MinutesMeasured is not null).Select(c => c.Certificate.MinutesMeasured!.Value)),
            ReportStatistics.Median(completions.Where(c => c.Certificate.MinutesAttested is not null).Select(c => c.Certificate.MinutesAttested!.Value)),
            gains, items, Summarise(course, evaluations), responses);
    }

    private static EvaluationSummary Summarise(Course course, IReadOnlyList<CourseEvaluation> evaluations)
    {
        var ratings = evaluations.Select(e => JsonSerializer.Deserialize<int[]>(e.ObjectiveRatingsJson) ?? []).ToList();
        var objectives = course.Info.Objectives.Select((objective, index) =>
        {
            var given = ratings.Where(r => r.Length > index).Select(r => r[index]).ToList();
            return new ObjectiveRating(objective, given.Count == 0 ? null : given.Average(), Enumerable.Range(1, 5).Select(point => given.Count(g => g == point)).ToList());
        }).ToList();
        return new EvaluationSummary(
            evaluations.Count, objectives,
            evaluations.Count == 0 ? null : evaluations.Average(e => e.Relevance),
            evaluations.Count == 0 ? null : evaluations.Average(e => e.OverallQuality),
            evaluations.Select(e => e.IntendedChange).Where(t => !string.IsNullOrWhiteSpace(t)).ToList(),
            evaluations.Count(e => e.PerceivedCommercialBias),
            evaluations.Where(e => e.PerceivedCommercialBias && !string.IsNullOrWhiteSpace(e.CommercialBiasComment)).Select(e => e.CommercialBiasComment!).ToList());
    }

    private static ItemRow ItemRowOf(Question question, ItemStatistic statistic) =>
        new(question, PlainText(question.StemHtml), statistic)
        {
            Options = question.Options
                .Select(o => new OptionRow(PlainText(o.Html), question.CorrectKeys.Contains(o.Key), statistic.OptionCounts.GetValueOrDefault(o.Key)))
                .ToList(),
        };

    private static string PlainText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")).Trim();
}
