using NmosdLearn.Content.Loading;
using NmosdLearn.Tests.Shared;

namespace NmosdLearn.Content.Tests;

/// <summary>
/// Each folder under Fixtures/broken holds the files that differ from Fixtures/valid-course (and, in
/// delete.txt, the files to remove), plus expected.txt: every diagnostic the loader must report, exactly,
/// as the checker prints it. Nothing may be missed, added, or crash.
/// </summary>
public sealed class BrokenContentTests
{
    private static readonly string[] FixtureNames = BrokenFixtures.Names(TestPaths.RepositoryRoot);

    public static TheoryData<string> Fixtures => new(FixtureNames);

    [Fact]
    public void There_are_at_least_25_broken_fixtures() => Assert.True(FixtureNames.Length >= 25);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_problem_is_reported_with_its_exact_place_and_message(string fixture)
    {
        // In memory, as the studio and the database give a course to the loader.
        var files = BrokenFixtures.Files(TestPaths.RepositoryRoot, CourseFolder.ValidCourseFolder, fixture);

        var result = CourseLoader.Load(files, "test-course", "content/test-course", new DateOnly(2026, 11, 24));

        var expected = BrokenFixtures.Expected(TestPaths.RepositoryRoot, fixture);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
        var hasErrors = result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(!hasErrors, result.IsValid);
    }

    [Fact]
    public void All_broken_courses_together_leave_a_valid_course_offered()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-tests", Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var fixture in FixtureNames)
            {
                using var source = Apply(fixture);
                CopyFolder(source.Path, Path.Combine(root, fixture));
            }

            using var valid = new CourseFolder();
            CopyFolder(valid.Path, Path.Combine(root, "test-course"));

            var library = new ContentLibrary(root, "content", () => new DateOnly(2026, 11, 24));

            Assert.Contains(library.Current.Courses, c => c.Id == "test-course");
            Assert.Equal(FixtureNames.Length + 1, library.Current.Results.Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static CourseFolder Apply(string fixture)
    {
        var folder = new CourseFolder();
        BrokenFixtures.Apply(TestPaths.RepositoryRoot, fixture, folder.Path);
        return folder;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
