using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NmosdLearn.Web.Data;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> enrollment)
    {
        enrollment.HasIndex(e => new { e.UserId, e.CourseId }).IsUnique();
        enrollment.Property(e => e.CourseId).HasMaxLength(100);
        enrollment.Property(e => e.ContentVersion).HasMaxLength(64);
        enrollment.Property(e => e.LastLessonId).HasMaxLength(100);
        enrollment.Property(e => e.LastHeartbeatStep).HasMaxLength(100);
        enrollment.Property(e => e.CreditsClaimed).HasConversion<string>();
    }
}

internal sealed class KnowledgeCheckAnswerConfiguration : IEntityTypeConfiguration<KnowledgeCheckAnswer>
{
    public void Configure(EntityTypeBuilder<KnowledgeCheckAnswer> answer)
    {
        answer.HasIndex(a => new { a.UserId, a.CourseId, a.QuestionId }).IsUnique();
        answer.Property(a => a.CourseId).HasMaxLength(100);
        answer.Property(a => a.QuestionId).HasMaxLength(100);
        answer.Property(a => a.ContentVersion).HasMaxLength(64);
    }
}

internal sealed class CourseEvaluationConfiguration : IEntityTypeConfiguration<CourseEvaluation>
{
    public void Configure(EntityTypeBuilder<CourseEvaluation> evaluation)
    {
        evaluation.HasIndex(e => new { e.UserId, e.CourseId }).IsUnique();
        evaluation.Property(e => e.CourseId).HasMaxLength(100);
        evaluation.Property(e => e.ContentVersion).HasMaxLength(64);
        evaluation.Property(e => e.IntendedChange).HasMaxLength(4000);
        evaluation.Property(e => e.CommercialBiasComment).HasMaxLength(4000);
    }
}

internal sealed class CourseVersionArchiveConfiguration : IEntityTypeConfiguration<CourseVersionArchive>
{
    public void Configure(EntityTypeBuilder<CourseVersionArchive> archive)
    {
        archive.HasIndex(a => new { a.CourseId, a.ContentVersion }).IsUnique();
        archive.Property(a => a.CourseId).HasMaxLength(100);
        archive.Property(a => a.ContentVersion).HasMaxLength(64);
        archive.HasIndex(a => new { a.CourseId, a.PublishedAt });
    }
}

internal sealed class LtiConfiguration :
    IEntityTypeConfiguration<LtiPlatform>, IEntityTypeConfiguration<LtiLogin>, IEntityTypeConfiguration<LtiUserLink>,
    IEntityTypeConfiguration<LtiResultTarget>, IEntityTypeConfiguration<LtiScore>, IEntityTypeConfiguration<LtiHandoff>
{
    public void Configure(EntityTypeBuilder<LtiPlatform> platform) => platform.HasIndex(p => new { p.Issuer, p.ClientId }).IsUnique();

    public void Configure(EntityTypeBuilder<LtiLogin> login)
    {
        login.HasKey(l => l.State);
        // A nonce is used once, ever.
        login.HasIndex(l => l.Nonce).IsUnique();
        // Expired logins are found and deleted by age.
        login.HasIndex(l => l.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<LtiUserLink> link) => link.HasIndex(l => new { l.PlatformId, l.Subject }).IsUnique();

    public void Configure(EntityTypeBuilder<LtiResultTarget> target) => target.HasIndex(t => new { t.UserId, t.CourseId, t.PlatformId }).IsUnique();

    public void Configure(EntityTypeBuilder<LtiScore> score) => score.HasIndex(s => new { s.SentAt, s.NextAttemptAt });

    public void Configure(EntityTypeBuilder<LtiHandoff> handoff)
    {
        handoff.HasKey(h => h.Token);
        handoff.Property(h => h.BrowserHash).HasMaxLength(64);
    }
}

internal sealed class StudioCourseConfiguration : IEntityTypeConfiguration<StudioCourse>
{
    public void Configure(EntityTypeBuilder<StudioCourse> course)
    {
        course.HasKey(c => c.CourseId);
        course.Property(c => c.CourseId).HasMaxLength(100);
    }
}

internal sealed class StudioCourseAuthorConfiguration : IEntityTypeConfiguration<StudioCourseAuthor>
{
    public void Configure(EntityTypeBuilder<StudioCourseAuthor> author)
    {
        author.HasKey(a => new { a.CourseId, a.UserId });
        author.Property(a => a.CourseId).HasMaxLength(100);
        author.Property(a => a.Role).HasMaxLength(20);
        author.HasOne<StudioCourse>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);

        // A deleted account stops being an author; the course keeps its other authors (or only administrators can act).
        author.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        author.HasIndex(a => a.UserId);
    }
}

internal sealed class StudioFileRevisionConfiguration : IEntityTypeConfiguration<StudioFileRevision>
{
    public void Configure(EntityTypeBuilder<StudioFileRevision> revision)
    {
        // Two saves based on the same revision both try to write the next one: the second is refused.
        revision.HasIndex(r => new { r.CourseId, r.Path, r.Revision }).IsUnique();
        revision.Property(r => r.CourseId).HasMaxLength(100);
        revision.Property(r => r.Path).HasMaxLength(200);
    }
}

internal sealed class StudioReviewConfiguration : IEntityTypeConfiguration<StudioReview>
{
    public void Configure(EntityTypeBuilder<StudioReview> review)
    {
        review.HasIndex(r => new { r.CourseId, r.RequestedAt });
        review.Property(r => r.CourseId).HasMaxLength(100);
        review.Property(r => r.DraftVersion).HasMaxLength(64);
    }
}
