namespace NmosdLearn.Web.Features.Lti;

public static class LtiSetup
{
    public static IServiceCollection AddLti(this IServiceCollection services)
    {
        services.AddOptions<LtiOptions>().BindConfiguration(LtiOptions.Section);
        services.AddHttpClient(LtiLaunches.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<LtiLaunches>();
        services.AddScoped<LtiScores>();
        services.AddSingleton<LtiScoreSender>();
        services.AddHostedService(provider => provider.GetRequiredService<LtiScoreSender>());
        return services;
    }
}
