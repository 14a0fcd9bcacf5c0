namespace NmosdLearn.Content.Loading;

/// <summary>
/// Where the web platform serves a course's pages and files. Links between lessons and images are
/// rewritten to these addresses once, when the course is loaded, so no page view rewrites HTML.
/// </summary>
public static class CourseUrls
{
    /// <summary>The address of a lesson.</summary>
    public static string Lesson(string courseId, string lessonId) => $"/courses/{courseId}/lessons/{lessonId}";

    /// <summary>The address of the course page.</summary>
    public static string Course(string courseId) => $"/courses/{courseId}";

    /// <summary>
    /// The address of a file (an image) in the course folder at one content version: a learner held to an
    /// older version sees that version's figures, and the address never names two different files.
    /// </summary>
    public static string File(string courseId, string contentVersion, string fileName) =>
        $"/courses/{courseId}/files/{contentVersion}/{Uri.EscapeDataString(fileName)}";

    /// <summary>
    /// The files of a course folder the platform serves, by extension, with their content types: images
    /// and PDF handouts only. Anything a browser would run from the platform's own origin (HTML, SVG,
    /// scripts, style sheets) is never served, whatever an author puts in the folder.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServedFileTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
    };
}
