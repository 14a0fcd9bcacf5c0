using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using NmosdLearn.Web.Features.Account.Email;
using NmosdLearn.Web.Features.Certificates;
using NmosdLearn.Web.Features.Lti;
using NmosdLearn.Web.Features.Courses;
using NmosdLearn.Web.Features.Progress;
using NmosdLearn.Web.Features.Shared;

switch (args.FirstOrDefault())
{
    case "check-content":
        return ContentCheckCommand.Run(args[1..], Console.Out);
    case "backup":
        return BackupCommand.Run(args[1..], Console.Out, Console.Error);
}

NativeHeap.LimitArenas();
var builder = WebApplication.CreateBuilder(args);
var paths = AppPaths.AddRepositorySettings(builder);
DevelopmentAddress.Apply(builder);

builder.Services.AddWebInterface();
builder.Services.AddProxyAndTransportSecurity(builder.Configuration);
builder.Services.AddDatabase(builder.Configuration, paths);
builder.Services.AddKeyRing(builder.Configuration, builder.Environment, paths);
builder.Services.AddAccounts();
builder.Services.AddAccountEmail(paths);
builder.Services.AddCourseContent(paths);
builder.Services.AddLearnerPath();
builder.Services.AddCertificates();
builder.Services.AddLti();

var app = builder.Build();

try
{
    // Settings first (a missing signing key, no way to send email...), so a refused start changes nothing.
    app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
    await StartupWork.RunAsync(app.Services);
}
catch (Exception problem) when (problem is StartupProblem or Microsoft.Extensions.Options.OptionsValidationException || IsSettingsProblems(problem))
{
    return CannotStart(problem);
}

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseRequestLocalization();
app.UseResponseCompression();
app.UseFingerprintedStaticFiles();
app.UseRouting();
app.UseRequestLimits();
app.UseAuthentication();
app.UseAuthorization();
app.UseTwoFactorRequirement();
app.UseRateLimiter();
app.MapControllers();
app.MapHealthEndpoints();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        Console.WriteLine($"NmosdLearn is running at {address}");
    }
});

try
{
    await app.RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException problem)
{
    // Settings read only when a service starts (the LTI score sender needs the signing keys).
    return CannotStart(problem);
}

return 0;

// A clear line and a distinct exit code instead of a stack trace and an abort: a supervisor can show it and stop retrying.
static int CannotStart(Exception problem)
{
    var message = problem switch
    {
        Microsoft.Extensions.Options.OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // Several settings sections refused at once: every one of them, so the operator fixes them in one go.
        AggregateException several => string.Join(" ", several.InnerExceptions.OfType<Microsoft.Extensions.Options.OptionsValidationException>().SelectMany(e => e.Failures)),
        _ => problem.Message,
    };
    Console.Error.WriteLine($"NmosdLearn cannot start: {message}");
    return StartupProblem.ExitCode;
}

static bool IsSettingsProblems(Exception problem) =>
    problem is AggregateException { InnerExceptions: var inner } && inner.All(e => e is Microsoft.Extensions.Options.OptionsValidationException);

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
