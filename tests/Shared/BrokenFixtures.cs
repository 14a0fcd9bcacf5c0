namespace NmosdLearn.Tests.Shared;

/// <summary>
/// The broken courses under tests/NmosdLearn.Content.Tests/Fixtures/broken. Each folder holds the files
/// that differ from Fixtures/valid-course, delete.txt (files to remove) and expected.txt (every
/// diagnostic, exactly as the checker prints it). Shared by the content tests, which check each one
/// alone, and the web tests, which load all of them into one site.
/// </summary>
internal static class BrokenFixtures
{
    public static string Folder(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "tests", "NmosdLearn.Content.Tests", "Fixtures", "broken");

    public static string[] Names(string repositoryRoot) =>
        Directory.GetDirectories(Folder(repositoryRoot)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>The diagnostics fixture <paramref name="name"/> must produce, one line each.</summary>
    public static string[] Expected(string repositoryRoot, string name) =>
        File.ReadAllLines(Path.Combine(Folder(repositoryRoot), name, "expected.txt")).Where(l => l.Length > 0).ToArray();

    /// <summary>Turns a copy of the valid course in <paramref name="courseFolder"/> into fixture <paramref name="name"/>.</summary>
    public static void Apply(string repositoryRoot, string name, string courseFolder)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Folder(repositoryRoot), name)))
        {
            switch (Path.GetFileName(file))
            {
                case "expected.txt":
                    break;
                case "delete.txt":
                    foreach (var line in File.ReadAllLines(file).Where(l => l.Length > 0))
                    {
                        File.Delete(Path.Combine(courseFolder, line));
                    }

                    break;
                case var fileName:
                    File.WriteAllText(Path.Combine(courseFolder, fileName), File.ReadAllText(file).ReplaceLineEndings("\n"));
                    break;
            }
        }
    }
}
