using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NmosdLearn.Web.Data;
using NmosdLearn.Web.Features.Account;
using OtpNet;

namespace NmosdLearn.Web.Tests.Accounts;

/// <summary>
/// What a copy of the database (a stolen backup) gives an attacker: the key ring is encrypted with a certificate kept
/// outside it, recovery codes are hashed and authenticator keys encrypted, so it mints no link or cookie the platform takes.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class SecretsAtRestTests(AppFactory app)
{
    private const string Password = "a long enough password";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] CookiePurpose =
        ["Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2"];

    [Fact]
    public async Task A_copy_of_the_database_alone_cannot_mint_a_reset_link_or_a_cookie()
    {
        var email = TestClient.NewEmail();
        await app.SignedInLearnerAsync(email: email);
        var stolen = KeyRingFromTheDatabase();

        // A reset link made offline with the platform's own code, the user's row and the key rows of the copy.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            var forger = ActivatorUtilities.CreateInstance<PasswordResetTokenProvider>(scope.ServiceProvider, stolen);
            var code = await forger.GenerateAsync(UserManager<AppUser>.ResetPasswordTokenPurpose, users, user);
            var link = $"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(code)}";
            var reset = await app.CreateTestClient().SubmitAsync(link, "/account/reset-password",
                [new("UserId", user.Id), new("Code", code), new("NewPassword", "taken over by a stolen backup")]);

            Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await app.CreateTestClient().LoginAsync(email, "taken over by a stolen backup")).StatusCode);

        // A sign-in cookie: the copy cannot read a real one, and one it protects is refused.
        var cookies = new CookieContainer();
        var browser = app.CreateTestClient(cookies, TestClient.NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, Password)).StatusCode);
        var cookie = cookies.GetCookies(new Uri("http://localhost"))["nmosdlearn.auth"]!.Value;
        Assert.DoesNotContain("chunks-", cookie, StringComparison.Ordinal);
        Assert.ThrowsAny<CryptographicException>(() => stolen.CreateProtector(CookiePurpose).Unprotect(WebEncoders.Base64UrlDecode(cookie)));

        // The ticket inside (an attacker can write one from the user's and the session's rows), protected with what the copy holds.
        var ticket = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(CookiePurpose).Unprotect(WebEncoders.Base64UrlDecode(cookie));
        var forgedCookies = new CookieContainer();
        forgedCookies.Add(new Uri("http://localhost"), new Cookie("nmosdlearn.auth", WebEncoders.Base64UrlEncode(stolen.CreateProtector(CookiePurpose).Protect(ticket))));
        var forged = app.CreateTestClient(forgedCookies, TestClient.NewAddress());

        Assert.Equal(HttpStatusCode.Redirect, (await forged.Http.GetAsync("/my", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/my", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_database_holds_neither_the_recovery_codes_nor_the_authenticator_key()
    {
        var email = TestClient.NewEmail();
        var client = await app.SignedInLearnerAsync(email: email);
        var page = await client.GetPageAsync("/account/settings/two-factor");
        var key = Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var enabled = await client.SubmitAsync("/account/settings/two-factor", "/account/settings/two-factor",
            [new("Code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp())]);
        var recoveryCodes = RecoveryCode().Matches(await enabled.Content.ReadAsStringAsync(Cancel)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        var stored = await TokensOfAsync(email);

        Assert.NotEmpty(stored);
        Assert.All(stored, value => Assert.DoesNotContain(key, value, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, value => Assert.All(recoveryCodes, code => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase)));
        // The codes still work: one signs in, and only once.
        var signIn = app.CreateTestClient();
        await signIn.LoginAsync(email, Password);
        var recovered = await signIn.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", recoveryCodes[3])]);
        Assert.Equal("/my", recovered.Headers.Location?.OriginalString);
    }

    [Fact]
    public void Production_does_not_start_without_the_key_ring_certificate_and_says_how_to_make_one()
    {
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("DataProtection:CertificatePath", "");
        });

        var failure = StartRefusal.Of(production);

        Assert.Contains("DataProtection:CertificatePath is missing", failure);
        Assert.Contains("DataProtection__CertificatePath", failure);
        Assert.Contains("openssl req -x509", failure);
    }

    [Fact]
    public void A_key_ring_certificate_that_cannot_be_read_is_refused_at_start()
    {
        var notACertificate = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", $"not-a-certificate-{Guid.NewGuid():N}.pem");
        File.WriteAllText(notACertificate, "not a certificate");
        using var broken = app.WithWebHostBuilder(builder => builder.UseSetting("DataProtection:CertificatePath", notACertificate));

        var failure = StartRefusal.Of(broken);

        Assert.Contains("DataProtection:CertificatePath", failure);
        Assert.Contains("cannot be used", failure);
    }

    /// <summary>The key rows as a backup holds them, in a folder an attacker's own Data Protection reads: no certificate.</summary>
    private IDataProtectionProvider KeyRingFromTheDatabase()
    {
        var folder = Directory.CreateTempSubdirectory("nmosdlearn-stolen-key-ring");
        using var scope = app.Services.CreateScope();
        foreach (var row in scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking().ToList())
        {
            File.WriteAllText(Path.Combine(folder.FullName, $"row-{row.Id}.xml"), row.Xml);
        }

        return DataProtectionProvider.Create(folder, builder => builder.SetApplicationName("NmosdLearn"));
    }

    private async Task<List<string>> TokensOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancel);
        return await db.UserTokens.Where(t => t.UserId == userId && t.Value != null).Select(t => t.Value!).ToListAsync(Cancel);
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex Key();

    [GeneratedRegex("<li>([A-Za-z0-9-]{8,})</li>")]
    private static partial Regex RecoveryCode();
}

/// <summary>
/// A database an earlier version wrote: a key stored readable and two-factor secrets in plain text. The first start with
/// the key-ring certificate revokes the key and rewrites the secrets; the person's app and unused codes keep working.
/// </summary>
public sealed class SecretsAtRestUpgradeTests
{
    private const string Password = "a long enough password";
    private const string PlainKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_start_revokes_readable_keys_and_protects_plain_two_factor_secrets()
    {
        var root = Path.Combine(Path.GetTempPath(), "nmosdlearn-web-tests", Guid.NewGuid().ToString("N"));
        var content = Path.Combine(root, "content");
        AppFactory.CopyFolder(AppFactory.TestCourseFixture, Path.Combine(content, "test-course"));
        var database = Path.Combine(root, "app.db");
        string email;
        Guid readableKey;
        byte[] protectedBefore;
        await using (var before = new RestartableFactory(database, content))
        {
            email = await before.CreateUserAsync(Roles.Clinician, Password);
            using var scope = before.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email, Cancel);
            user.TwoFactorEnabled = true;
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = PlainKey });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "BCDFG-HJKMN;PQRTV-WXY23" });
            // A key as Data Protection without a certificate writes it, and a link protected with it.
            var folder = Directory.CreateTempSubdirectory("nmosdlearn-readable-key");
            protectedBefore = DataProtectionProvider.Create(folder, b => b.SetApplicationName("NmosdLearn")).CreateProtector("NmosdLearn.AccountLinks").Protect([1, 2, 3]);
            var file = Assert.Single(folder.GetFiles("*.xml"));
            var xml = await File.ReadAllTextAsync(file.FullName, Cancel);
            readableKey = Guid.Parse((string)System.Xml.Linq.XElement.Parse(xml).Attribute("id")!);
            db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file.Name), Xml = xml });
            await db.SaveChangesAsync(Cancel);
        }

        await using var after = new RestartableFactory(database, content);
        var client = after.CreateTestClient();

        var keys = after.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys();
        Assert.True(keys.Single(k => k.KeyId == readableKey).IsRevoked);
        // The keys stored encrypted by the first start stay: a restart signs nobody out.
        Assert.Contains(keys, k => k.KeyId != readableKey);
        Assert.All(keys.Where(k => k.KeyId != readableKey), k => Assert.False(k.IsRevoked, $"key {k.KeyId} was revoked"));
        Assert.ThrowsAny<CryptographicException>(() => after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("NmosdLearn.AccountLinks").Unprotect(protectedBefore));
        using (var scope = after.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancel);
            var stored = await db.UserTokens.Where(t => t.UserId == userId).Select(t => t.Value!).ToListAsync(Cancel);
            Assert.All(stored, value => Assert.DoesNotContain(PlainKey, value, StringComparison.Ordinal));
            Assert.All(stored, value => Assert.DoesNotContain("BCDFG-HJKMN", value, StringComparison.Ordinal));
        }

        await client.LoginAsync(email, Password);
        var withApp = await client.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", new Totp(Base32Encoding.ToBytes(PlainKey)).ComputeTotp())]);
        Assert.Equal("/my", withApp.Headers.Location?.OriginalString);
        var other = after.CreateTestClient();
        await other.LoginAsync(email, Password);
        var withCode = await other.SubmitAsync("/account/login/two-factor", "/account/login/two-factor", [new("Code", "pqrtv-wxy23")]);
        Assert.Equal("/my", withCode.Headers.Location?.OriginalString);
    }
}
