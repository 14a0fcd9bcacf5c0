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

/// <summary>Builds a throw-away course folder, valid by default, that a test changes one file at a time.</summary>
internal sealed class CourseFolder : IDisposable
{
    public const string ValidCourse = """
        ---
        id: test-course
        title: Test course
        language: en
        version: 1.0.0
        summary: A course for tests.
        audience: Tests.
        objectives:
          - Pass the tests.
        faculty:
          - name: Test Author
            credentials: MD
            role: Author
            disclosure: None.
        commercial_support: None.
        accreditation: Not accredited.
        credit_designation: Certificate of completion.
        credits: 1.5
        credit_type: Certificate of completion
        minutes: 30
        release_date: 2026-01-01
        review_date: 2026-01-01
        expiry_date: 2028-12-31
        passing_score: 75
        attempt_limit: 3
        references:
          - A reference.
        ---

        Introduction.
        """;

    public const string ValidLesson = """
        ---
        id: first
        title: First lesson
        minutes: 10
        objectives:
          - Learn.
        ---

        ## Part one

        Text with a citation.[^1] See [the next lesson](02-second.md).

        ::: question check-one
        Which is right?

        - [ ] Wrong
        - [x] Right

        > Because it is.[^1]
        :::

        ## Part two

        More text.

        [^1]: The reference.
        """;

    public const string ValidSecondLesson = """
        ---
        id: second
        title: Second lesson
        minutes: 10
        objectives:
          - Learn more.
        ---

        Back to [the first lesson](01-first.md#part-one).
        """;

    public const string ValidPostTest = """
        ---
        title: Post-test
        ---

        ::: question post-one
        Pick the right one.

        - [x] Right
        - [ ] Wrong

        > Explanation one.
        :::

        ::: question post-two multiple
        Pick both right ones.

        - [x] Right A
        - [ ] Wrong
        - [x] Right B

        > Explanation two.
        :::

        ::: question post-three true-false
        The sky is blue.

        - [x] True
        - [ ] False

        > Explanation three.
        :::

        ::: question post-four
        Pick the last.

        - [ ] No
        - [ ] Nope
        - [x] Yes

        > Explanation four.
        :::
        """;

    public CourseFolder(string id = "test-course")
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nmosdlearn-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Root, id);
        Directory.CreateDirectory(Path);
        Write("course.md", ValidCourse.Replace("id: test-course", $"id: {id}"));
        Write("01-first.md", ValidLesson);
        Write("02-second.md", ValidSecondLesson);
        Write("post-test.md", ValidPostTest);
    }

    public string Root { get; }

    public string Path { get; }

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
