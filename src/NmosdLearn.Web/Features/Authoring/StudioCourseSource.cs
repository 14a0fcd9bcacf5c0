using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Courses;

namespace NmosdLearn.Web.Features.Authoring;

/// <summary>
/// Courses published from the studio: the newest published version of each, read from the database, so
/// every instance and every restart offers the same one.
/// </summary>
public sealed class StudioCourseSource(IServiceScopeFactory scopes) : ICourseSource
{
    public IReadOnlyList<SourcedCourse> ListCourses()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var latest = db.CourseVersionArchives.AsNoTracking()
            .Where(a => a.PublishedAt != null)
            .Select(a => new { a.Id, a.CourseId, a.ContentVersion, a.PublishedAt })
            .AsEnumerable()
            .GroupBy(a => a.CourseId)
            .Select(g => g.MaxBy(a => a.PublishedAt)!)
            .ToList();
        return latest.Select(a => new SourcedCourse(a.CourseId, $"studio/{a.CourseId}", CourseOrigins.Studio, a.ContentVersion, () => ReadFiles(a.Id)))
            .ToList();
    }

    /// <summary>A number that changes whenever any course is published, so instances notice cheaply.</summary>
    public static Task<long?> PublishedMarkAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.CourseVersionArchives.Where(a => a.PublishedAt != null).MaxAsync(a => (long?)a.Id, cancellationToken);

    private IReadOnlyList<(string Relative, byte[] Bytes)> ReadFiles(long archiveId)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var zip = db.CourseVersionArchives.AsNoTracking().Where(a => a.Id == archiveId).Select(a => a.Files).Single();
        return StoredFiles.Unpack(zip);
    }
}
