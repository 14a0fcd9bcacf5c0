using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NmosdLearn.Web.Data;

/// <summary>
/// The one model of the platform. On SQLite it is used as it is; on PostgreSQL through
/// <see cref="PostgresAppDbContext"/>, which only gives that provider its own migrations.
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<LessonProgress> LessonProgress => Set<LessonProgress>();

    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();

    public DbSet<AttemptAnswer> AttemptAnswers => Set<AttemptAnswer>();

    public DbSet<StudyTime> StudyTimes => Set<StudyTime>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<KnowledgeCheckAnswer> KnowledgeCheckAnswers => Set<KnowledgeCheckAnswer>();

    public DbSet<CourseEvaluation> CourseEvaluations => Set<CourseEvaluation>();

    public DbSet<CourseVersionArchive> CourseVersionArchives => Set<CourseVersionArchive>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ProviderIdentity> ProviderIdentities => Set<ProviderIdentity>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<StudioCourse> StudioCourses => Set<StudioCourse>();
    public DbSet<StudioCourseAuthor> StudioCourseAuthors => Set<StudioCourseAuthor>();

    public DbSet<StudioFileRevision> StudioFileRevisions => Set<StudioFileRevision>();

    public DbSet<StudioReview> StudioReviews => Set<StudioReview>();

    public DbSet<LtiPlatform> LtiPlatforms => Set<LtiPlatform>();

    /// <summary>The keys that protect sign-in cookies and forms: in the database, so a moved folder or a second instance keeps them.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<LtiLogin> LtiLogins => Set<LtiLogin>();

    public DbSet<LtiUserLink> LtiUserLinks => Set<LtiUserLink>();

    public DbSet<LtiResultTarget> LtiResultTargets => Set<LtiResultTarget>();

    public DbSet<LtiScore> LtiScores => Set<LtiScore>();

    public DbSet<LtiHandoff> LtiHandoffs => Set<LtiHandoff>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; as ticks it can. PostgreSQL stores the same
        // ticks (bigint), so both providers keep identical values and a database moves between them unchanged.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
