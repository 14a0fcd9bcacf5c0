namespace NmosdLearn.Web.Tests;

/// <summary>Figures a test measures (how long a refusal took): with NMOSDLEARN_TIMINGS=/tmp/file set, a run collects them all.</summary>
internal static class Timings
{
    public static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        if (Environment.GetEnvironmentVariable("NMOSDLEARN_TIMINGS") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }
}
