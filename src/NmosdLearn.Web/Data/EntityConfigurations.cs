using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NmosdLearn.Web.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.FullName).HasMaxLength(200);
        user.Property(u => u.Profession).HasMaxLength(40);
        user.Property(u => u.Specialty).HasMaxLength(100);
        user.Property(u => u.Country).HasMaxLength(100);
        user.Property(u => u.LicenceNumber).HasMaxLength(60);
        user.Property(u => u.LockedById).HasMaxLength(450);
        user.Property(u => u.PreferredLanguage).HasMaxLength(16);
    }
}

internal sealed class LessonProgressConfiguration : IEntityTypeConfiguration<LessonProgress>
{
    public void Configure(EntityTypeBuilder<LessonProgress> progress)
    {
        // One mark per learner and lesson: a repeated "complete" is a no-op, not a second row.
        progress.HasIndex(p => new { p.UserId, p.CourseId, p.LessonId }).IsUnique();
        progress.Property(p => p.CourseId).HasMaxLength(100);
        progress.Property(p => p.LessonId).HasMaxLength(100);
        progress.Property(p => p.ContentVersion).HasMaxLength(64);
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> attempt)
    {
        attempt.HasIndex(a => new { a.UserId, a.CourseId, a.Kind });
        // One open attempt per learner and test: two tabs opening the test at once resume the same attempt.
        attempt.HasIndex(a => new { a.UserId, a.CourseId, a.Kind }, "IX_QuizAttempts_OneOpenAttempt")
            .IsUnique()
            .HasFilter("\"SubmittedAt\" IS NULL AND \"DiscardedAt\" IS NULL");
        attempt.Property(a => a.CourseId).HasMaxLength(100);
        attempt.Property(a => a.ContentVersion).HasMaxLength(64);
    }
}

internal sealed class AttemptAnswerConfiguration : IEntityTypeConfiguration<AttemptAnswer>
{
    public void Configure(EntityTypeBuilder<AttemptAnswer> answer)
    {
        answer.HasKey(a => new { a.AttemptId, a.QuestionId });
        answer.Property(a => a.QuestionId).HasMaxLength(100);
        answer.HasOne<QuizAttempt>().WithMany().HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudyTimeConfiguration : IEntityTypeConfiguration<StudyTime>
{
    public void Configure(EntityTypeBuilder<StudyTime> time)
    {
        time.HasIndex(t => new { t.UserId, t.CourseId, t.Step }).IsUnique();
        time.Property(t => t.CourseId).HasMaxLength(100);
        time.Property(t => t.Step).HasMaxLength(100);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> certificate)
    {
        // Every issue of a certificate shares its code; only one issue is current at a time.
        certificate.HasIndex(c => c.Code).IsUnique().HasFilter("\"SupersededAt\" IS NULL");
        certificate.HasIndex(c => new { c.UserId, c.CourseId });
        certificate.Property(c => c.Code).HasMaxLength(64);
        certificate.Property(c => c.RecipientName).HasMaxLength(200);
        certificate.Property(c => c.Profession).HasMaxLength(40);
        certificate.Property(c => c.Provider).HasMaxLength(200);
        certificate.Property(c => c.CourseId).HasMaxLength(100);
        certificate.Property(c => c.CourseTitle).HasMaxLength(300);
        certificate.Property(c => c.Format).HasMaxLength(100);
        certificate.Property(c => c.ContentVersion).HasMaxLength(64);
        certificate.Property(c => c.Language).HasMaxLength(20);
        certificate.Property(c => c.CreditType).HasMaxLength(200);
        certificate.Property(c => c.CreditDesignation).HasMaxLength(2000);
        certificate.Property(c => c.AccreditationStatement).HasMaxLength(2000);
        certificate.Property(c => c.Note).HasMaxLength(1000);
        certificate.Property(c => c.RevokedReason).HasMaxLength(1000);
        // SQLite has no decimal type; store credits as text so 0.25 steps stay exact.
        certificate.Property(c => c.Credits).HasConversion<string>();
        certificate.Ignore(c => c.IsCurrent);
    }
}

internal sealed class ProviderIdentityConfiguration : IEntityTypeConfiguration<ProviderIdentity>
{
    public void Configure(EntityTypeBuilder<ProviderIdentity> identity)
    {
        identity.Property(i => i.SavedByUserId).HasMaxLength(450);
        identity.Property(i => i.LogoContentType).HasMaxLength(40);
        identity.Property(i => i.SignatoryName).HasMaxLength(200);
        identity.Property(i => i.SignatoryTitle).HasMaxLength(200);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasIndex(e => e.CertificateCode);
        entry.HasIndex(e => e.At);
        entry.Property(e => e.UserEmail).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.CertificateCode).HasMaxLength(64);
        entry.HasIndex(e => e.CourseId);
        entry.HasIndex(e => e.UserId);
        entry.HasIndex(e => e.Action);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.Device).HasMaxLength(100);
        session.Property(s => s.Network).HasMaxLength(64);
        session.HasIndex(s => s.UserId);
    }
}
