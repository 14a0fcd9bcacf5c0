using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Account;

/// <summary>The first administrator, from configuration or environment variables (Admin__Email, Admin__Password).</summary>
public sealed class AccountSeedOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string FullName { get; set; } = "Administrator";
}

/// <summary>One demo account per role, for Development only.</summary>
public sealed class DemoAccountsOptions
{
    public const string Section = "DemoAccounts";

    public bool Enabled { get; set; }

    public string Password { get; set; } = "";

    public List<DemoAccount> Accounts { get; set; } = [];
}

public sealed class DemoAccount
{
    public string Email { get; set; } = "";

    public string FullName { get; set; } = "";

    public string Role { get; set; } = Roles.Clinician;
}

/// <summary>Creates the roles, the first administrator and (in Development) the demo accounts.</summary>
public sealed class AccountSeeder(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AccountSeedOptions> admin,
    IOptions<DemoAccountsOptions> demo,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<AccountSeeder> logger)
{
    /// <summary>
    /// Seeds at start. Instances started together on one PostgreSQL database may create the same role at the same
    /// moment: the loser's unique violation means the row is there, so it looks again.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, Task<PreparedPassword?>? administratorPassword = null)
    {
        var prepared = administratorPassword is null ? null : await administratorPassword;
        for (var attempt = 1; ; attempt++)
        {
            using var scope = services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync(prepared);
                return;
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 10)
            {
                // Another instance seeded the same row first; step out of its way (it may be one row ahead), then look again.
                await Task.Delay(Random.Shared.Next(20, 200));
            }
        }
    }

    /// <summary>
    /// The first administrator's password checked and hashed before the database is there: the word lists and the
    /// deliberately slow hash were most of the 0.6 s the first administrator added to a new database's start, and they
    /// need no table, so they run while the tables are made. Null without an administrator in the settings.
    /// </summary>
    public static async Task<PreparedPassword?> PrepareAdministratorPasswordAsync(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<AccountSeedOptions>>().Value is not { Email: { Length: > 0 } email, Password: { Length: > 0 } password } admin)
        {
            return null;
        }

        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = NewUser(email, admin.FullName, services.GetRequiredService<TimeProvider>());
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return new PreparedPassword(errors.Count == 0 ? users.PasswordHasher.HashPassword(user, password) : null, errors);
    }

    public async Task SeedAsync(PreparedPassword? administratorPassword = null)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (admin.Value is { Email: { Length: > 0 } email, Password: { Length: > 0 } password })
        {
            var problem = await EnsureUserAsync(email, admin.Value.FullName, password, Roles.Admin, administratorPassword);
            if (problem is not null)
            {
                throw new StartupProblem(
                    $"The first administrator ({AccountSeedOptions.Section}__Email) could not be created: {problem} " +
                    $"Choose a longer password of several unrelated words for {AccountSeedOptions.Section}__Password and start again.");
            }
        }

        if (demo.Value.Enabled && environment.IsDevelopment())
        {
            await SeedDemoAccountsAsync();
        }
    }

    private async Task SeedDemoAccountsAsync()
    {
        var lines = new List<string>();
        foreach (var account in demo.Value.Accounts)
        {
            await EnsureUserAsync(account.Email, account.FullName, demo.Value.Password, account.Role);
            lines.Add($"  {account.Role,-10} {account.Email}  password: {demo.Value.Password}");
        }

        // Printed once at start so a developer can sign in straight away; never outside Development.
        Console.WriteLine();
        Console.WriteLine("Demo accounts (Development only; they sign in without two-factor, which real administrators and authors must use):");
        lines.ForEach(Console.WriteLine);
        Console.WriteLine("Email is not sent in Development: read it at /dev/mail.");
        Console.WriteLine();
    }

    /// <summary>Creates the account if missing and gives it the role; returns why it could not be created, or null.</summary>
    private async Task<string?> EnsureUserAsync(string email, string fullName, string password, string role, PreparedPassword? prepared = null)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = NewUser(email, fullName, time);
            IdentityResult result;
            if (prepared is { Hash: { } hash })
            {
                // What CreateAsync(user, password) does, with the checks and the hash already done.
                user.PasswordHash = hash;
                result = await users.CreateAsync(user);
            }
            else
            {
                result = prepared is null ? await users.CreateAsync(user, password) : IdentityResult.Failed([.. prepared.Errors]);
            }

            if (!result.Succeeded && result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                && await users.FindByEmailAsync(email) is { } createdElsewhere)
            {
                // Another instance, started at the same moment, created it first: use theirs.
                user = createdElsewhere;
            }
            else if (!result.Succeeded)
            {
                var problem = string.Join(" ", result.Errors.Select(e => e.Description));
                logger.LogError("Could not create account {Email}: {Errors}", SecurityEvents.MaskEmail(email), problem);
                return problem;
            }
        }

        foreach (var needed in role == Roles.Clinician ? [Roles.Clinician] : new[] { Roles.Clinician, role })
        {
            if (!await users.IsInRoleAsync(user, needed))
            {
                await users.AddToRoleAsync(user, needed);
            }
        }

        return null;
    }

    private static AppUser NewUser(string email, string fullName, TimeProvider time) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        FullName = fullName,
        Profession = "MD",
        Specialty = "Neurology",
        Country = "—",
        CreatedAt = time.GetUtcNow(),
    };
}

/// <summary>The first administrator's password as every password validator judged it and, if it passed, its hash.</summary>
public sealed record PreparedPassword(string? Hash, IReadOnlyList<IdentityError> Errors);
