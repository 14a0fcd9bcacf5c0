using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Finds a course at the exact content version a learner is held to. Recent versions are in memory;
/// others are restored from the archive that is written when a learner enrols, so a learner finishes on
/// the version they started even after the files change and the platform restarts.
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

        var archive = await ArchiveOf(courseId, version).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (archive is null)
        {
            return null;
        }

        // Loaded from a fresh copy every time, never from a folder left by an earlier run: the course keeps
        // everything it needs in memory, so the copy goes as soon as it is read.
        var staging = Path.Combine(Path.GetTempPath(), "nmosdlearn-versions", Guid.NewGuid().ToString("N"));
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(archive.Files), ZipArchiveMode.Read))
            {
                zip.ExtractToDirectory(Path.Combine(staging, courseId));
            }

            var course = library.LoadVersion(Path.Combine(staging, courseId));
            return course?.ContentVersion == version ? course : null;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
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

        var archive = await ArchiveOf(courseId, version).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
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

    /// <summary>
    /// Archives the course's current version, once, and returns it: the version a new learner is held to.
    /// The files are read and hashed together, so the archive holds exactly that version; when the folder
    /// has moved on since it was loaded, the content is loaded again first. Null when the course is gone.
    /// </summary>
    public async Task<Course?> ArchiveCurrentAsync(string courseId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (Current(courseId) is not { } course)
            {
                return null;
            }

            if (await ArchiveOf(courseId, course.ContentVersion).AnyAsync(cancellationToken))
            {
                return course;
            }

            IReadOnlyList<(string Relative, byte[] Bytes)> files;
            try
            {
                files = CourseLoader.ReadFiles(course.FolderPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                library.Reload();
                continue;
            }

            if (CourseLoader.ComputeContentVersion(files) != course.ContentVersion)
            {
                library.Reload();
                continue;
            }

            await SaveArchiveAsync(course, files, cancellationToken);
            return course;
        }

        return null;
    }

    private async Task SaveArchiveAsync(Course course, IReadOnlyList<(string Relative, byte[] Bytes)> files, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (relative, bytes) in files)
            {
                await using var entry = await zip.CreateEntry(relative).OpenAsync(cancellationToken);
                await entry.WriteAsync(bytes, cancellationToken);
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
            db.ChangeTracker.Clear();
            // Archived by a concurrent enrolment (the unique index keeps one copy); anything else is a real failure.
            if (!await ArchiveOf(course.Id, course.ContentVersion).AnyAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    private IQueryable<CourseVersionArchive> ArchiveOf(string courseId, string version) =>
        db.CourseVersionArchives.Where(a => a.CourseId == courseId && a.ContentVersion == version);
}
