using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Credit;
using NmosdLearn.Web.Features.Quizzes;

namespace NmosdLearn.Web.Features.Progress;

public static class LearnerPathSetup
{
    /// <summary>The clinician's path: enrolment, lessons and checks, pre- and post-test, evaluation, credit.</summary>
    public static IServiceCollection AddLearnerPath(this IServiceCollection services)
    {
        services.AddScoped<CourseVersions>();
        services.AddScoped<ProgressService>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<TimeOnTask>();
        services.AddSingleton(AttemptSeeds.Random);
        services.AddScoped<CreditService>();
        return services;
    }
}
