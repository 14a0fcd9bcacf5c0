using NmosdLearn.Content;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Finds courses for pages. A course with errors is never offered; a valid one is open to new learners
/// from its release date to its expiry date.
/// </summary>
public sealed class CourseCatalogService(ContentLibrary library, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Courses a learner can start today.</summary>
    public IReadOnlyList<Course> OfferedCourses() => library.Current.Courses.Where(IsOpen).ToList();

    /// <summary>Every valid course, open or not, for administrators.</summary>
    public IReadOnlyList<Course> ValidCourses() => library.Current.Courses.ToList();

    public Course? Find(string courseId) => library.Current.Find(courseId);

    /// <summary>
    /// The course's editions in other languages that a learner can open: offered today, and naming this course back
    /// (a link the other edition does not confirm, say while only one of two is published, is not shown).
    /// </summary>
    public IReadOnlyList<Course> OtherEditions(Course course) =>
        course.Info.Translations
            .Select(t => Find(t.CourseId))
            .OfType<Course>()
            .Where(other => IsOpen(other) && other.Info.Translations.Any(t => t.Language == course.Info.Language && t.CourseId == course.Id))
            .Where(other => course.Info.Translations.Any(t => t.CourseId == other.Id && t.Language == other.Info.Language))
            .ToList();

    public bool IsOpen(Course course) => course.Info.ReleaseDate <= Today && Today <= course.Info.ExpiryDate;

    /// <summary>True once the last day to earn credit has passed.</summary>
    public bool IsExpired(Course course) => Today > course.Info.ExpiryDate;
}
