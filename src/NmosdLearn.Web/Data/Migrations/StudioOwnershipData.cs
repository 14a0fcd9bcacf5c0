using Microsoft.EntityFrameworkCore.Migrations;

namespace NmosdLearn.Web.Data.Migrations;

/// <summary>Data step of the StudioOwnership migration, the same SQL on both providers.</summary>
internal static class StudioOwnershipData
{
    /// <summary>
    /// Courses already in the studio had no owners. The account that saved a course's first revision (who created it or
    /// brought it in from the content folder) becomes its owner, when that account still exists and is not deleted.
    /// Otherwise the course stays without an owner: only administrators can change it, and they can add one.
    /// </summary>
    public static void OwnersFromFirstRevisions(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        INSERT INTO "StudioCourseAuthors" ("CourseId", "UserId", "Role", "AddedAt", "AddedById")
        SELECT r."CourseId", r."SavedById", 'owner', r."SavedAt", NULL
        FROM "StudioFileRevisions" r
        WHERE r."Id" = (SELECT MIN(f."Id") FROM "StudioFileRevisions" f WHERE f."CourseId" = r."CourseId")
          AND EXISTS (SELECT 1 FROM "StudioCourses" c WHERE c."CourseId" = r."CourseId")
          AND EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u."Id" = r."SavedById" AND u."DeletedAt" IS NULL);
        """);
}
