namespace NmosdLearn.Content;

/// <summary>How serious a content problem is: errors keep a course from learners, warnings do not.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The course can still be offered, but an author should look.</summary>
    Warning,

    /// <summary>The course is not offered to learners until the problem is fixed.</summary>
    Error,
}

/// <summary>One problem found in a course file, located by 1-based line and column.</summary>
/// <param name="Path">The file, relative to the content folder's parent when known.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">The problem in words an author understands.</param>
public sealed record ContentDiagnostic(string Path, int Line, int Column, DiagnosticSeverity Severity, string Message)
{
    /// <summary>Formats as <c>path:line:column: error|warning: message</c>, the form compilers use.</summary>
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Collects diagnostics for one file, so parsers can report and carry on.</summary>
public sealed class DiagnosticBag(string path)
{
    private readonly List<ContentDiagnostic> _items = [];

    /// <summary>The file the diagnostics belong to.</summary>
    public string Path { get; } = path;

    /// <summary>Everything reported so far.</summary>
    public IReadOnlyList<ContentDiagnostic> Items => _items;

    /// <summary>Reports an error at a 1-based position.</summary>
    public void Error(int line, int column, string message) =>
        _items.Add(new ContentDiagnostic(Path, line, column, DiagnosticSeverity.Error, message));

    /// <summary>Reports a warning at a 1-based position.</summary>
    public void Warning(int line, int column, string message) =>
        _items.Add(new ContentDiagnostic(Path, line, column, DiagnosticSeverity.Warning, message));
}
