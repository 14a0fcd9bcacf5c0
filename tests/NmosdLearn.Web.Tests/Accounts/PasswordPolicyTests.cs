using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>Common and guessable passwords are refused; long phrases in any script pass.</summary>
[Collection(AppCollection.Name)]
public sealed class PasswordPolicyTests(AppFactory app)
{
    [Theory]
    [InlineData("password123")]
    [InlineData("12345678")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou1")]
    [InlineData("Password1!")]
    [InlineData("ana.lopez.md")]
    public async Task A_common_or_personal_password_is_refused(string password)
    {
        var result = await Validate(password, "ana.lopez@example.org", "Ana Lopez");

        Assert.False(result.Succeeded);
        Assert.Equal("PasswordTooCommon", result.Errors.Single().Code);
    }

    [Theory]
    [InlineData("a long enough password")]
    [InlineData("correct horse battery staple")]
    [InlineData("一个足够长的密码")]
    [InlineData("violet harbour lantern 2026")]
    [InlineData("orchid lantern quarry seventeen")]
    public async Task A_long_phrase_passes(string password)
    {
        Assert.True((await Validate(password, "someone@example.org", "Some One")).Succeeded);
    }

    private async Task<IdentityResult> Validate(string password, string email, string name)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var validator = scope.ServiceProvider.GetServices<IPasswordValidator<AppUser>>().OfType<CommonPasswordValidator>().Single();
        return await validator.ValidateAsync(users, new AppUser { Email = email, UserName = email, FullName = name }, password);
    }
}
