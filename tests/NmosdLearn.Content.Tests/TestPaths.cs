namespace NmosdLearn.Content.Tests;

internal static class TestPaths
{
    /// <summary>The repository root, found by walking up to the solution file.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ContentFolder => Path.Combine(RepositoryRoot, "content");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NmosdLearn.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("NmosdLearn.sln not found above the test binaries");
    }
}

/// <summary>A throw-away copy of Fixtures/valid-course that a test changes one file at a time.</summary>
internal sealed class CourseFolder : IDisposable
{
    public static string ValidCourseFolder => System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "NmosdLearn.Content.Tests", "Fixtures", "valid-course");

    public CourseFolder(string id = "test-course")
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nmosdlearn-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Root, id);
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(ValidCourseFolder))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }

        Replace("course.md", "id: test-course", $"id: {id}");
    }

    public string Root { get; }

    public string Path { get; }

    public CourseFolder Delete(string fileName)
    {
        File.Delete(System.IO.Path.Combine(Path, fileName));
        return this;
    }

    public CourseFolder Write(string fileName, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), text.ReplaceLineEndings("\n"));
        return this;
    }

    public CourseFolder Replace(string fileName, string oldText, string newText)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        var text = File.ReadAllText(file);
        Assert.Contains(oldText, text);
        File.WriteAllText(file, text.Replace(oldText, newText));
        return this;
    }

    public Loading.CourseLoadResult Load(DateOnly? today = null) =>
        Loading.CourseLoader.Load(Path, "content/" + System.IO.Path.GetFileName(Path), today ?? new DateOnly(2026, 11, 24));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
