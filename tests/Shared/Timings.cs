namespace NmosdLearn.Tests.Shared;

/// <summary>Figures a test measures (how long a refusal took): with NMOSDLEARN_TIMINGS=/tmp/file set, a run collects them all.</summary>
internal static class Timings
{
    /// <summary>
    /// What a refusal of an oversized or deeply nested input may take before a test fails: measured at 0-59 ms (at most
    /// 0.8 s) and reported by <see cref="Report"/>; the bound is ten times the one-second target so that a busy shared
    /// machine does not fail the suite, while the quadratic or unbounded work it guards against took 26-78 s.
    /// </summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    public static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        if (Environment.GetEnvironmentVariable("NMOSDLEARN_TIMINGS") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }
}
