using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NmosdLearn.Content.Loading;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Shared;

/// <summary>Ready only when courses are loaded: a platform with an empty or missing content folder offers nothing.</summary>
public sealed class ContentLoadedCheck(ContentLibrary library) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var courses = library.Current.Courses.Count();
        return Task.FromResult(courses > 0
            ? HealthCheckResult.Healthy($"{courses} course(s) offered")
            : HealthCheckResult.Degraded("no course is loaded: check Content:Folder (it must hold one folder per course) or publish one from the studio"));
    }
}

/// <summary>Ready only when the database answers and takes a write (a full disk or a read-only standby is not ready).</summary>
public sealed class DatabaseWritableCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await DatabaseSetup.ProveWritableAsync(db, cancellationToken);
            return HealthCheckResult.Healthy("reachable and writable");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The exception's type only: its message may name a host or a file, which this public endpoint does not show.
            return HealthCheckResult.Unhealthy($"cannot be written or reached ({ex.GetType().Name}); the platform's log has the details", ex);
        }
    }
}

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers (for restarts). <c>/health/ready</c>: the database answers and courses are
    /// loaded (for a load balancer), with each check's status and description as JSON and no personal data.
    /// </summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
                });
            },
        });
    }
}
