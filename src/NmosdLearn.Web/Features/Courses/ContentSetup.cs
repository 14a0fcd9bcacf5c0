using System.ComponentModel.DataAnnotations;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>Where courses come from.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The folder holding one folder per course; relative paths as in <see cref="AppPaths"/>.</summary>
    [Required]
    public string Folder { get; set; } = "content";

    /// <summary>Reload a course when its files change (for authors in Development); off in production.</summary>
    public bool WatchForChanges { get; set; }
}

public static class ContentSetup
{
    public static IServiceCollection AddCourseContent(this IServiceCollection services, AppPaths paths)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section);
        services.AddSingleton<ProviderInformation>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContentOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            var folder = paths.Resolve(options.Folder);
            var library = new ContentLibrary(folder, options.Folder.TrimEnd('/'), () => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            var logger = provider.GetRequiredService<ILogger<ContentLibrary>>();
            ContentWatcher.LogProblems(library.Current, logger);
            return library;
        });
        services.AddHostedService<ContentWatcher>();
        services.AddScoped<CourseCatalogService>();
        return services;
    }
}
