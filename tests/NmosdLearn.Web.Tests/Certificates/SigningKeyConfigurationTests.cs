using Microsoft.AspNetCore.Hosting;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>The signing key comes from configuration, and the app refuses to start without a usable one in production.</summary>
[Collection(AppCollection.Name)]
public sealed class SigningKeyConfigurationTests(AppFactory app)
{
    [Fact]
    public void Production_does_not_start_without_a_signing_key()
    {
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Certificates:SigningKey", "");
        });

        var failure = StartRefusal.Of(production);

        Assert.Contains("Certificates:SigningKey is missing", failure);
    }

    [Fact]
    public void Production_refuses_the_public_development_key_and_says_what_to_do()
    {
        var developmentKey = System.Text.RegularExpressions.Regex.Match(
            File.ReadAllText(Path.Combine(AppFactory.RepositoryRoot, "appsettings.Development.json")), "\"SigningKey\": \"([^\"]+)\"").Groups[1].Value;
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Certificates:SigningKey", developmentKey);
        });

        var failure = StartRefusal.Of(production);

        Assert.Contains("public development key", failure);
        Assert.Contains("Certificates__SigningKey", failure);
    }

    [Fact]
    public void Production_does_not_start_without_an_rsa_signing_key_and_says_how_to_make_one()
    {
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Certificates:RsaSigningKey", "");
        });

        var failure = StartRefusal.Of(production);

        Assert.Contains("Certificates:RsaSigningKey is missing", failure);
        Assert.Contains("openssl genpkey -algorithm RSA", failure);
    }

    [Fact]
    public void Production_refuses_the_public_development_rsa_key()
    {
        var developmentKey = System.Text.RegularExpressions.Regex.Match(
            File.ReadAllText(Path.Combine(AppFactory.RepositoryRoot, "appsettings.Development.json")), "\"RsaSigningKey\": \"([^\"]+)\"").Groups[1].Value;
        using var production = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Certificates:RsaSigningKey", developmentKey);
        });

        var failure = StartRefusal.Of(production);

        Assert.Contains("Certificates:RsaSigningKey is the public development key", failure);
    }

    [Fact]
    public void An_rsa_key_shorter_than_2048_bits_is_refused_at_start()
    {
        using var short1024 = System.Security.Cryptography.RSA.Create(1024);
        using var broken = app.WithWebHostBuilder(builder => builder.UseSetting("Certificates:RsaSigningKey", short1024.ExportPkcs8PrivateKeyPem()));

        var failure = StartRefusal.Of(broken);

        Assert.Contains("shorter than 2048 bits", failure);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    public void A_signing_key_that_cannot_sign_is_refused_at_start(string key)
    {
        using var broken = app.WithWebHostBuilder(builder => builder.UseSetting("Certificates:SigningKey", key));

        var failure = StartRefusal.Of(broken);

        Assert.Contains("Certificates:SigningKey cannot be used", failure);
    }

    [Fact]
    public void A_key_on_another_curve_is_refused_at_start()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        using var broken = app.WithWebHostBuilder(builder => builder.UseSetting("Certificates:SigningKey", p384.ExportPkcs8PrivateKeyPem()));

        var failure = StartRefusal.Of(broken);

        Assert.Contains("P-256", failure);
    }
}
