using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace NmosdLearn.Web.Features.Lti;

public static class LtiSetup
{
    /// <summary>The rate-limiting policy of the anonymous login initiation.</summary>
    public const string LoginPolicy = "lti-login";

    public static IServiceCollection AddLti(this IServiceCollection services)
    {
        services.AddOptions<LtiOptions>().BindConfiguration(LtiOptions.Section).ValidateOnStart();
        services.AddOptions<LtiLoginLimits>().BindConfiguration(LtiOptions.Section + ":Login").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter => limiter.AddPolicy(LoginPolicy, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<LtiLoginLimits>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(Shared.RateLimitKey.For(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PerAddress, Window = TimeSpan.FromSeconds(limits.WindowSeconds), QueueLimit = 0,
            });
        }));
        services.AddHttpClient(LtiLaunches.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<LtiLaunches>();
        services.AddScoped<LtiScores>();
        services.AddSingleton<LtiScoreSender>();
        services.AddHostedService(provider => provider.GetRequiredService<LtiScoreSender>());
        return services;
    }
}
