using Microsoft.Extensions.Options;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// <c>check-content [folder]</c>: loads every course in the folder (default: the configured content
/// folder) and prints each problem as <c>path:line:column: error|warning: message</c>. Exit code 1 when
/// any error was found, 0 otherwise.
/// </summary>
public static class ContentCheckCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string folder;
        string display;
        if (args.Length > 0)
        {
            folder = Path.GetFullPath(args[0], AppPaths.WhereTheCommandWasTyped());
            display = args[0].TrimEnd('/', '\\');
        }
        else
        {
            var builder = WebApplication.CreateBuilder();
            var paths = AppPaths.AddRepositorySettings(builder);
            var options = builder.Configuration.GetSection(ContentOptions.Section).Get<ContentOptions>() ?? new ContentOptions();
            folder = paths.Resolve(options.Folder);
            display = options.Folder.TrimEnd('/', '\\');
        }

        if (!Directory.Exists(folder))
        {
            output.WriteLine($"{display}: error: the content folder does not exist");
            return 1;
        }

        var isCourse = File.Exists(Path.Combine(folder, "course.md"));
        var results = isCourse
            ? [CourseLoader.Load(folder, display, DateOnly.FromDateTime(DateTime.UtcNow))]
            : new ContentLibrary(folder, display, () => DateOnly.FromDateTime(DateTime.UtcNow)).Current.Results;

        var errors = 0;
        var warnings = 0;
        foreach (var diagnostic in results.SelectMany(r => r.Diagnostics))
        {
            output.WriteLine(diagnostic);
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                errors++;
            }
            else
            {
                warnings++;
            }
        }

        output.WriteLine($"{results.Count} course(s) checked: {errors} error(s), {warnings} warning(s).");
        return errors > 0 ? 1 : 0;
    }
}
