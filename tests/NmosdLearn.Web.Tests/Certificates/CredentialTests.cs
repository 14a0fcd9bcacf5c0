using System.Net;
using System.Text.Json.Nodes;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>The machine-readable credential beside the PDF, checked with an independent JWT library and the published key only.</summary>
[Collection(AppCollection.Name)]
public sealed class CredentialTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(JsonObject Document, string Jwks)> FetchAsync(string code)
    {
        var anonymous = app.CreateTestClient();
        var response = await anonymous.Http.GetAsync($"/verify/{code}.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
        var keys = await anonymous.Http.GetAsync(CredentialSigner.JwksPath, Cancel);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        return (document, await keys.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task The_credential_has_the_open_badges_shape_and_verifies_with_the_published_key()
    {
        var learner = await app.SignedInLearnerAsync("王小明 Zoë");
        var certificate = await learner.EarnCertificateAsync();

        var (document, jwks) = await FetchAsync(certificate.Code);

        Assert.True(await CredentialVerifier.VerifyAsync(document, jwks));
        Assert.Equal($"https://learn.example.org/verify/{certificate.Code}", document["id"]!.GetValue<string>());
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], document["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("https://www.w3.org/ns/credentials/v2", document["@context"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(CredentialVerifier.Issuer, document["issuer"]!["id"]!.GetValue<string>());
        var subject = document["credentialSubject"]!;
        Assert.Equal("王小明 Zoë", subject["identifier"]![0]!["identityHash"]!.GetValue<string>());
        Assert.Equal("MD", subject["profession"]!.GetValue<string>());
        Assert.Equal(0.25m, subject["creditsEarned"]!.GetValue<decimal>());
        Assert.Equal("How NmosdLearn works", subject["achievement"]!["name"]!.GetValue<string>());
        Assert.Equal(app.Content.Current.Find(LearnerSteps.Course)!.ContentVersion, subject["achievement"]!["version"]!.GetValue<string>());
        Assert.Equal("valid", document["certificateStatus"]!.GetValue<string>());
        var header = CredentialVerifier.Header(document);
        Assert.Equal("ES256", header["alg"]!.GetValue<string>());
        var key = JsonNode.Parse(jwks)!["keys"]![0]!;
        Assert.Equal(key["kid"]!.GetValue<string>(), header["kid"]!.GetValue<string>());
        Assert.StartsWith("https://learn.example.org/.well-known/jwks.json#", header["kid"]!.GetValue<string>());
        Assert.Null(key["d"]);
    }

    [Fact]
    public async Task Changing_any_field_makes_the_credential_fail()
    {
        var learner = await app.SignedInLearnerAsync("Ana Müller");
        var certificate = await learner.EarnCertificateAsync();
        var (document, jwks) = await FetchAsync(certificate.Code);

        var changes = CredentialVerifier.EveryFieldChanged(document).ToList();

        Assert.True(changes.Count > 25, $"only {changes.Count} fields");
        foreach (var (path, changed) in changes)
        {
            Assert.False(await CredentialVerifier.VerifyAsync(changed, jwks), $"still verifies after {path} changed");
        }
    }

    [Fact]
    public async Task A_credential_whose_signed_payload_is_changed_or_signed_with_another_key_fails()
    {
        var learner = await app.SignedInLearnerAsync("Ana Müller");
        var certificate = await learner.EarnCertificateAsync();
        var (document, jwks) = await FetchAsync(certificate.Code);
        var jwt = document["proof"]!["jwt"]!.GetValue<string>();
        var parts = jwt.Split('.');

        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["credentialSubject"]!["identifier"]![0]!["identityHash"] = "Someone Else";
        var forged = (JsonObject)payload.DeepClone();
        forged["proof"] = new JsonObject { ["jwt"] = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}" };
        // Another key published under the same key id, as an impostor would.
        using var impostor = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var point = impostor.ExportParameters(false).Q;
        var otherKeys = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["alg"] = "ES256", ["use"] = "sig",
                ["x"] = System.Buffers.Text.Base64Url.EncodeToString(point.X), ["y"] = System.Buffers.Text.Base64Url.EncodeToString(point.Y),
                ["kid"] = CredentialVerifier.Header(document)["kid"]!.GetValue<string>(),
            }),
        }.ToJsonString();

        Assert.False(await CredentialVerifier.VerifyAsync(forged, jwks));
        Assert.False(await CredentialVerifier.VerifyAsync(document, otherKeys));
        Assert.True(await CredentialVerifier.VerifyAsync(document, jwks));
    }

    [Fact]
    public async Task A_revoked_certificates_credential_says_so_and_no_longer_passes_as_valid()
    {
        var learner = await app.SignedInLearnerAsync("Revoked Learner");
        var certificate = await learner.EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();
        await admin.RevokeAsync(certificate.Code, "Issued to the wrong account");
        // exp is in whole seconds: step past the second of revocation so the credential has expired.
        await Task.Delay(1100, Cancel);

        var (document, jwks) = await FetchAsync(certificate.Code);

        Assert.Equal("revoked", document["certificateStatus"]!.GetValue<string>());
        Assert.Equal("Issued to the wrong account", document["revocationReason"]!.GetValue<string>());
        Assert.NotNull(document["validUntil"]);
        Assert.True(await CredentialVerifier.VerifyAsync(document, jwks, checkValidity: false), "the signature is still genuine");
        Assert.False(await CredentialVerifier.VerifyAsync(document, jwks), "but the credential is no longer valid");
    }
}
