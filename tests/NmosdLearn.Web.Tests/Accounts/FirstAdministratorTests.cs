using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// The first administrator comes from the settings. On a new SQLite database its password is checked and hashed
/// while the tables are made; the result must be the same as checking and hashing it afterwards.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FirstAdministratorTests(AppFactory app)
{
    [Fact]
    public async Task A_new_database_starts_with_the_first_administrator_who_signs_in_with_the_configured_password()
    {
        const string email = "first-admin@tests.nmosdlearn.local", password = "saffron ledger willow ninety";
        using var platform = OnNewDatabase(email, password);
        _ = platform.CreateClient();

        using var scope = platform.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(email);

        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.False(await users.CheckPasswordAsync(admin, password + "x"));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.NotNull(admin.SecurityStamp);
    }

    [Fact]
    public void A_new_database_with_a_guessable_administrator_password_does_not_start_and_says_what_to_choose()
    {
        using var platform = OnNewDatabase("weak-admin@tests.nmosdlearn.local", "password123");

        var failure = StartRefusal.Of(platform);

        Assert.Contains("The first administrator (Admin__Email) could not be created", failure);
        Assert.Contains("Choose a longer password of several unrelated words for Admin__Password", failure);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> OnNewDatabase(string email, string password)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        return app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Path", Path.Combine(folder, "new.db"));
            builder.UseSetting("Admin:Email", email);
            builder.UseSetting("Admin:Password", password);
        });
    }
}
