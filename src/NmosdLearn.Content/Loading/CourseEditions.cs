namespace NmosdLearn.Content.Loading;

/// <summary>What the edition check needs to know of another course: its language and the editions it names.</summary>
/// <param name="Language">The course's language.</param>
/// <param name="Names">Every <c>language: course-id</c> the course names under <c>translations</c> (in its published version or its draft).</param>
public sealed record EditionFacts(string Language, IReadOnlyCollection<(string Language, string CourseId)> Names)
{
    /// <summary>The facts of a loaded course.</summary>
    public static EditionFacts Of(CourseInfo info) => new(info.Language, info.Translations.Select(t => (t.Language, t.CourseId)).ToList());
}

/// <summary>
/// Checks the links between a course's language editions, which no single course can check alone: the course each
/// <c>translations</c> line names must exist, be written in that language and name this course back. Each problem is an
/// error at the line of <c>course.md</c> that names the edition.
/// </summary>
public static class CourseEditions
{
    /// <summary>The problems of one course's <c>translations</c>.</summary>
    /// <param name="course">The course whose editions are checked.</param>
    /// <param name="coursePath">How diagnostics name its course.md (such as <c>content/nmosd-pain-en/course.md</c>).</param>
    /// <param name="find">What is known of another course by id; null when there is no such course.</param>
    public static IReadOnlyList<ContentDiagnostic> Check(CourseInfo course, string coursePath, Func<string, EditionFacts?> find)
    {
        var bag = new DiagnosticBag(coursePath);
        foreach (var edition in course.Translations)
        {
            var other = find(edition.CourseId);
            if (other is null)
            {
                bag.Error(edition.Line, edition.Column, $"the {edition.Language} edition '{edition.CourseId}' named in 'translations' does not exist: check its id");
            }
            else if (other.Language != edition.Language)
            {
                bag.Error(edition.Line, edition.Column, $"'{edition.CourseId}', named as the {edition.Language} edition, is written in '{other.Language}'");
            }
            else if (!other.Names.Contains((course.Language, course.Id)))
            {
                bag.Error(edition.Line, edition.Column,
                    $"'{edition.CourseId}', named as the {edition.Language} edition, does not name this course back: add '{course.Language}: {course.Id}' under 'translations' in its course.md");
            }
        }

        return bag.Items;
    }

    /// <summary>
    /// Loaded courses with the problems of their editions added (to their diagnostics only: a course is not withdrawn
    /// for them, so that publishing one edition before the other never takes a course away from learners).
    /// </summary>
    public static IReadOnlyList<CourseLoadResult> WithChecks(IReadOnlyList<CourseLoadResult> results)
    {
        var facts = new Dictionary<string, EditionFacts>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if ((result.Course ?? result.Parsed)?.Info is { } info)
            {
                facts[result.FolderName] = EditionFacts.Of(info);
            }
        }

        return results.Select(result =>
        {
            if ((result.Course ?? result.Parsed)?.Info is not { Translations.Count: > 0 } info)
            {
                return result;
            }

            var problems = Check(info, $"{result.DisplayFolder}/course.md", id => facts.GetValueOrDefault(id));
            return problems.Count == 0 ? result : result with { Diagnostics = [.. result.Diagnostics, .. problems] };
        }).ToList();
    }
}
