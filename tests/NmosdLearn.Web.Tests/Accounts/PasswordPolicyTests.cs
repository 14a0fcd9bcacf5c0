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

    /// <summary>The word lists are read once per process: the estimate must stay the library's own, checks in parallel too.</summary>
    [Fact]
    public void The_estimate_with_shared_word_lists_equals_the_librarys_own()
    {
        string[] passwords = ["password1", "P@ssw0rd", "qwertyuiop", "johnsmith1980", "correct horse battery staple", "Tr0ub4dor&3",
            "a long enough password", "neurology2024", "11/02/1985", "aaaaaaaa", "L0pezAna", "zxcvbnm123", "一个足够长的密码", "ilovejessica"];
        string[] personal = ["ana.lopez@example.org", "Ana Lopez", "ana", "lopez", "example"];
        var expected = passwords.Select(p => Zxcvbn.Zxcvbn.MatchPassword(p, personal)).Select(r => (r.Score, r.Entropy)).ToList();

        var parallel = new (int Score, double Entropy)[passwords.Length * 8];
        Parallel.For(0, parallel.Length, i =>
        {
            var result = PasswordStrength.Estimate(passwords[i % passwords.Length], personal);
            parallel[i] = (result.Score, result.Entropy);
        });

        Assert.Equal(Enumerable.Range(0, 8).SelectMany(_ => expected), parallel);
        Assert.Contains(expected, e => e.Score >= CommonPasswordValidator.MinimumScore);
        Assert.Contains(expected, e => e.Score < CommonPasswordValidator.MinimumScore);
    }

    private async Task<IdentityResult> Validate(string password, string email, string name)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var validator = scope.ServiceProvider.GetServices<IPasswordValidator<AppUser>>().OfType<CommonPasswordValidator>().Single();
        return await validator.ValidateAsync(users, new AppUser { Email = email, UserName = email, FullName = name }, password);
    }
}

/// <summary>Hashes made with fewer iterations (Identity's default of 100,000) are upgraded when their owner signs in.</summary>
[Collection(AppCollection.Name)]
public sealed class PasswordRehashTests(AppFactory app)
{
    [Fact]
    public async Task An_old_hash_is_rehashed_at_the_current_iteration_count_at_sign_in()
    {
        var email = TestClient.NewEmail();
        const string password = "a long enough password";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, FullName = "Old Hash", Profession = "MD" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            var oldHasher = new PasswordHasher<AppUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
            user.PasswordHash = oldHasher.HashPassword(user, password);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
            Assert.Equal(100_000, Iterations(user.PasswordHash));
        }

        var signIn = await app.CreateTestClient().LoginAsync(email, password);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        using var after = app.Services.CreateScope();
        var stored = await after.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.Equal(AccountSetup.PasswordIterations, Iterations(stored!.PasswordHash!));
    }

    /// <summary>Identity's v3 format: a marker byte, then PRF, iteration count and salt length as big-endian integers.</summary>
    private static int Iterations(string hash) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}
