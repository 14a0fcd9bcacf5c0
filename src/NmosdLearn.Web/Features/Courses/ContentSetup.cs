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

    /// <summary>How often an instance checks the database for courses published from the studio (by any instance).</summary>
    [Range(1, 3600)]
    public int PublishedCheckSeconds { get; set; } = 5;
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
            return new FolderCourseSource(paths.Resolve(options.Folder), options.Folder.TrimEnd('/'));
        });
        services.AddSingleton<Authoring.StudioCourseSource>();
        // Loaded by ContentWatcher when the host starts: the studio's courses are in the database, which is migrated first.
        services.AddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            ICourseSource[] sources = [provider.GetRequiredService<FolderCourseSource>(), provider.GetRequiredService<Authoring.StudioCourseSource>()];
            return new ContentLibrary(sources, () => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), loadNow: false);
        });
        services.AddHostedService<ContentWatcher>();
        services.AddScoped<CourseCatalogService>();
        services.AddScoped<Authoring.StudioService>();
        services.AddScoped<Authoring.StudioAccess>();
        services.AddScoped<Authoring.ReviewNotifications>();
        services.AddScoped<CourseApprovals>();
        return services;
    }
}
