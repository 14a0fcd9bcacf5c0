using System.Net;
using System.Text.RegularExpressions;

namespace NmosdLearn.Web.Tests;

/// <summary>A course's catalog image (#34 provider identity): named in its front matter, shown on the catalog and the course page with its alt text.</summary>
public sealed partial class CatalogImageTests(CatalogImageTests.Factory app) : IClassFixture<CatalogImageTests.Factory>
{
    /// <summary>Only "test-course", with <c>image</c> and <c>image_alt</c> added to its front matter.</summary>
    public sealed class Factory : AppFactory
    {
        private readonly Lazy<string> _content;

        public Factory() => _content = new(() =>
        {
            var course = Path.Combine(Folder, "image-content", "test-course");
            CopyFolder(TestCourseFixture, course);
            var file = Path.Combine(course, "course.md");
            File.WriteAllText(file, File.ReadAllText(file).Replace(
                "minimum_minutes: 0\n", "minimum_minutes: 0\nimage: figure.png\nimage_alt: \"A test figure: one blue square\"\n", StringComparison.Ordinal));
            return Path.GetDirectoryName(course)!;
        });

        protected override string ContentFolder => _content.Value;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_catalog_and_the_course_page_show_the_course_image_with_its_alt_text()
    {
        var client = app.CreateTestClient();

        var catalog = await client.GetPageAsync("/courses");
        var course = await client.GetPageAsync("/courses/test-course");

        var shown = CourseImage().Match(catalog);
        Assert.True(shown.Success, "the catalog shows no course image");
        Assert.Equal("A test figure: one blue square", shown.Groups[2].Value);
        Assert.Matches(CourseImage(), course);
        var image = await client.Http.GetAsync(shown.Groups[1].Value, Cancel);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<img[^>]*class=\"[^\"]*course-image[^\"]*\"[^>]*src=\"(/courses/test-course/files/[^\"]+/figure.png)\"[^>]*alt=\"([^\"]+)\"")]
    private static partial Regex CourseImage();
}
