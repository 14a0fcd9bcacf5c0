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
        var files = Files(repositoryRoot, courseFolder, name);
        foreach (var file in Directory.GetFiles(courseFolder))
        {
            File.Delete(file);
        }

        foreach (var (relative, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(courseFolder, relative), bytes);
        }
    }

    /// <summary>Fixture <paramref name="name"/> as files in memory: the valid course (a copy of it in <paramref name="validCourseFolder"/>) with the fixture's changes.</summary>
    public static IReadOnlyList<(string Relative, byte[] Bytes)> Files(string repositoryRoot, string validCourseFolder, string name)
    {
        var files = Directory.GetFiles(validCourseFolder).ToDictionary(f => Path.GetFileName(f), Bytes, StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Folder(repositoryRoot), name)))
        {
            switch (Path.GetFileName(file))
            {
                case "expected.txt":
                    break;
                case "delete.txt":
                    foreach (var line in File.ReadAllLines(file).Where(l => l.Length > 0))
                    {
                        files.Remove(line);
                    }

                    break;
                case var fileName:
                    files[fileName] = Bytes(file);
                    break;
            }
        }

        return files.Select(f => (f.Key, f.Value)).ToList();
    }

    /// <summary>A fixture file's bytes as written (a fixture may hold bytes that are not UTF-8 on purpose), with Unix line ends.</summary>
    private static byte[] Bytes(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!(bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n'))
            {
                result.Add(bytes[i]);
            }
        }

        return result.ToArray();
    }
}
