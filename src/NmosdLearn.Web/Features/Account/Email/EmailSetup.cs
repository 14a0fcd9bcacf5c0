using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account.Email;

public static class EmailSetup
{
    /// <summary>Account email: SMTP or a pickup folder, validated at start.</summary>
    public static IServiceCollection AddAccountEmail(this IServiceCollection services, AppPaths paths)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .PostConfigure(options =>
            {
                if (options.UsesPickupFolder)
                {
                    options.PickupFolder = paths.Resolve(options.PickupFolder!);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<Mailer>();
        services.AddScoped<AccountEmails>();
        return services;
    }
}

/// <summary>Outside Development and Testing, a start without a way to send email (password resets need it) is refused.</summary>
internal sealed class EmailOptionsValidator(IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (!options.UsesPickupFolder && string.IsNullOrWhiteSpace(options.Smtp.Host) && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            failures.Add("Email:Smtp:Host is missing: password resets and address confirmations need email. Set Email__Smtp__Host " +
                "(and Email__Smtp__Port, Email__Smtp__Username, Email__Smtp__Password), or Email__PickupFolder to write messages to a folder.");
        }

        if (!string.IsNullOrWhiteSpace(options.Smtp.Host) || options.UsesPickupFolder)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(options.From, out _))
            {
                failures.Add($"Email:From must be the sender's address, such as learning@hospital.example, not '{options.From}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
