using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Finds a course at the exact content version a learner is held to. Versions seen since start are in
/// memory; older ones are restored from the archive that is written when a learner enrols, so a
/// learner finishes on the version they started even after the files change and the platform restarts.
/// </summary>
public sealed class CourseVersions(ContentLibrary library, AppDbContext db, TimeProvider time)
{
    public Course? Current(string courseId) => library.Current.Find(courseId);

    public async Task<Course?> GetAsync(string courseId, string version, CancellationToken cancellationToken)
    {
        if (library.FindVersion(courseId, version) is { } known)
        {
            return known;
        }

        var archive = await db.CourseVersionArchives.AsNoTracking()
            .FirstOrDefaultAsync(a => a.CourseId == courseId && a.ContentVersion == version, cancellationToken);
        if (archive is null)
        {
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-versions", version, courseId);
        if (!Directory.Exists(folder))
        {
            var staging = folder + "." + Guid.NewGuid().ToString("N");
            using (var zip = new ZipArchive(new MemoryStream(archive.Files), ZipArchiveMode.Read))
            {
                zip.ExtractToDirectory(staging);
            }

            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException)
            {
                // Another request restored the same version first; its copy is identical.
                Directory.Delete(staging, recursive: true);
            }
        }

        var course = library.LoadVersion(folder);
        return course?.ContentVersion == version ? course : null;
    }

    /// <summary>
    /// Opens a file of the course folder as it was at <paramref name="version"/>: from the folder while that
    /// is the current version, from the archive afterwards. Null when neither has it.
    /// </summary>
    public async Task<Stream?> OpenFileAsync(string courseId, string version, string fileName, CancellationToken cancellationToken)
    {
        if (Current(courseId) is { } current && current.ContentVersion == version)
        {
            var file = new FileInfo(Path.Combine(current.FolderPath, fileName));
            return file.Exists && file.LinkTarget is null ? file.OpenRead() : null;
        }

        var archive = await db.CourseVersionArchives.AsNoTracking()
            .FirstOrDefaultAsync(a => a.CourseId == courseId && a.ContentVersion == version, cancellationToken);
        if (archive is null)
        {
            return null;
        }

        using var zip = new ZipArchive(new MemoryStream(archive.Files), ZipArchiveMode.Read);
        if (zip.GetEntry(fileName) is not { } entry)
        {
            return null;
        }

        var copy = new MemoryStream();
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            await stream.CopyToAsync(copy, cancellationToken);
        }

        copy.Position = 0;
        return copy;
    }

    /// <summary>Keeps a copy of the course's files at this version, once.</summary>
    public async Task ArchiveAsync(Course course, CancellationToken cancellationToken)
    {
        var exists = await db.CourseVersionArchives.AnyAsync(
            a => a.CourseId == course.Id && a.ContentVersion == course.ContentVersion, cancellationToken);
        if (exists)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (relative, file) in CourseLoader.FilesOf(course.FolderPath))
            {
                zip.CreateEntryFromFile(file.FullName, relative);
            }
        }

        db.CourseVersionArchives.Add(new CourseVersionArchive
        {
            CourseId = course.Id,
            ContentVersion = course.ContentVersion,
            Files = buffer.ToArray(),
            ArchivedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Archived by a concurrent enrolment: the unique index keeps one copy.
            db.ChangeTracker.Clear();
        }
    }
}
