using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using NmosdLearn.Content;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Courses;

/// <summary>
/// Finds a course at the exact content version a learner is held to. Recent versions are in memory;
/// others are loaded from the files stored when a learner enrolled or an author published, so a learner
/// finishes on the version they started even after the course changes and the platform restarts.
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

        var course = library.LoadVersion(courseId, StoredFiles.Unpack(archive.Files));
        return course?.ContentVersion == version ? course : null;
    }

    /// <summary>A file of the course as it was at <paramref name="version"/>, from that version's own bytes; null when it has none.</summary>
    public async Task<byte[]?> OpenFileAsync(string courseId, string version, string fileName, CancellationToken cancellationToken) =>
        (await GetAsync(courseId, version, cancellationToken))?.Files.Bytes(fileName);

    /// <summary>
    /// Stores the course's current version, once, and returns it: the version a new learner is held to.
    /// The course holds the very files it was parsed from, so what is stored is exactly that version.
    /// Null when the course is gone.
    /// </summary>
    public async Task<Course?> ArchiveCurrentAsync(string courseId, CancellationToken cancellationToken)
    {
        if (Current(courseId) is not { } course)
        {
            return null;
        }

        if (!await ArchiveOf(courseId, course.ContentVersion).AnyAsync(cancellationToken))
        {
            await SaveArchiveAsync(course, cancellationToken);
        }

        return course;
    }

    private async Task SaveArchiveAsync(Course course, CancellationToken cancellationToken)
    {
        db.CourseVersionArchives.Add(new CourseVersionArchive
        {
            CourseId = course.Id,
            ContentVersion = course.ContentVersion,
            Files = StoredFiles.Pack(course.Files.All),
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

/// <summary>A course version's files as one zip, the form they are stored in the database.</summary>
public static class StoredFiles
{
    public static byte[] Pack(IEnumerable<(string Relative, byte[] Bytes)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (relative, bytes) in files)
            {
                using var entry = zip.CreateEntry(relative).Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static IReadOnlyList<(string Relative, byte[] Bytes)> Unpack(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var files = new List<(string, byte[])>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((entry.FullName, copy.ToArray()));
        }

        return files;
    }
}
