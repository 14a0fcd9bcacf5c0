namespace NmosdLearn.Web.Data;

/// <summary>
/// Resolves relative paths from configuration. In Development the repository's top-level
/// <c>appsettings.Development.json</c> is used, and its paths (content folder, database) are relative
/// to the repository root; otherwise relative paths are relative to the app's content root.
/// </summary>
public sealed class AppPaths(string baseDirectory)
{
    public string BaseDirectory { get; } = baseDirectory;

    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));

    /// <summary>
    /// Adds the repository's development settings (if this is a source checkout in Development) just
    /// after the app's own JSON files, so environment variables and the command line still win.
    /// </summary>
    public static AppPaths AddRepositorySettings(WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        var repositoryRoot = Path.GetFullPath(Path.Combine(contentRoot, "..", ".."));
        var settingsFile = Path.Combine(repositoryRoot, $"appsettings.{builder.Environment.EnvironmentName}.json");
        if (!builder.Environment.IsDevelopment() || !File.Exists(Path.Combine(repositoryRoot, "NmosdLearn.sln")) || !File.Exists(settingsFile))
        {
            return new AppPaths(contentRoot);
        }

        var sources = builder.Configuration.Sources;
        var lastJson = sources.Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).index;
        var repositorySettings = new ConfigurationBuilder().AddJsonFile(settingsFile, optional: false, reloadOnChange: true).Sources[0];
        sources.Insert(lastJson + 1, repositorySettings);
        return new AppPaths(repositoryRoot);
    }

    /// <summary>
    /// The folder a command (check-content, backup) was typed in. <c>dotnet run --project</c> starts the app in the
    /// project's folder, but the shell's PWD still names where the person was, and a relative path means that folder.
    /// </summary>
    public static string WhereTheCommandWasTyped() =>
        Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell && Directory.Exists(shell) ? shell : Directory.GetCurrentDirectory();
}
