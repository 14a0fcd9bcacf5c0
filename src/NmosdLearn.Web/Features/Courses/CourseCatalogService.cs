using NmosdLearn.Content;
using NmosdLearn.Content.Loading;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>Finds courses for pages. Courses with errors are never offered to learners.</summary>
public sealed class CourseCatalogService(ContentLibrary library)
{
    public IReadOnlyList<Course> OfferedCourses() => library.Current.Courses.ToList();

    public Course? Find(string courseId) => library.Current.Find(courseId);
}
