using System.Net;
using System.Text.Json.Nodes;
using NmosdLearn.Web.Features.Certificates;

namespace NmosdLearn.Web.Tests.Certificates;

/// <summary>
/// The Open Badges 3.0 credential beside the PDF (VC-JWT), checked as an outside verifier would: jose and ajv from
/// npm (signature with the published key set, claims, the 1EdTech JSON schema), and Microsoft's JWT handler.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CredentialTests(AppFactory app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(string Jwt, JsonObject Json, string Jwks)> FetchAsync(string code)
    {
        var anonymous = app.CreateTestClient();
        var jwt = await anonymous.Http.GetAsync($"/verify/{code}.jwt", Cancel);
        Assert.Equal(HttpStatusCode.OK, jwt.StatusCode);
        Assert.Equal("text/plain", jwt.Content.Headers.ContentType!.MediaType);
        var json = await anonymous.Http.GetAsync($"/verify/{code}.json", Cancel);
        Assert.Equal("application/vc+ld+json", json.Content.Headers.ContentType!.MediaType);
        var keys = await anonymous.Http.GetAsync(CredentialSigner.JwksPath, Cancel);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        return (await jwt.Content.ReadAsStringAsync(Cancel), JsonNode.Parse(await json.Content.ReadAsStringAsync(Cancel))!.AsObject(),
            await keys.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task The_credential_verifies_with_jose_against_the_published_keys_and_passes_the_open_badges_schema_with_ajv()
    {
        var email = TestClient.NewEmail();
        var learner = await app.SignedInLearnerAsync("王小明 Zoë", email: email);
        var certificate = await learner.EarnCertificateAsync();
        var (jwt, json, jwks) = await FetchAsync(certificate.Code);

        var node = await CredentialVerifier.CheckWithNodeAsync(jwt, jwks);

        Assert.True(node["signatureValid"]!.GetValue<bool>(), node.ToJsonString());
        Assert.True(node["schemaValid"]!.GetValue<bool>(), node["schemaErrors"]?.ToJsonString());
        var header = node["header"]!.AsObject();
        Assert.Equal(["alg", "kid", "typ"], header.Select(p => p.Key).Order());
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        var published = JsonNode.Parse(jwks)!["keys"]!.AsArray();
        Assert.Single(published, k => k!["kid"]!.GetValue<string>() == header["kid"]!.GetValue<string>());
        Assert.Equal(["EC", "RSA"], published.Select(k => k!["kty"]!.GetValue<string>()).Order());
        Assert.All(published, k => Assert.Null(k!["d"]));

        // The JWT claims mirror the credential (Open Badges 3.0, 8.2.4.1); no exp without a validUntil.
        var payload = node["payload"]!.AsObject();
        Assert.Equal(payload["issuer"]!["id"]!.GetValue<string>(), payload["iss"]!.GetValue<string>());
        Assert.Equal(payload["id"]!.GetValue<string>(), payload["jti"]!.GetValue<string>());
        Assert.Equal(payload["credentialSubject"]!["id"]!.GetValue<string>(), payload["sub"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse(payload["validFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            payload["nbf"]!.GetValue<long>());
        Assert.Null(payload["exp"]);
        Assert.StartsWith("urn:uuid:", payload["sub"]!.GetValue<string>());

        // The JSON for people is the same credential, without the JWT claims.
        var withoutClaims = (JsonObject)payload.DeepClone();
        foreach (var claim in new[] { "iss", "jti", "nbf", "sub" })
        {
            withoutClaims.Remove(claim);
        }

        Assert.True(JsonNode.DeepEquals(withoutClaims, json));

        var subject = payload["credentialSubject"]!;
        var emailIdentity = subject["identifier"]!.AsArray().Single(i => i!["identityType"]!.GetValue<string>() == "emailAddress")!;
        var salt = emailIdentity["salt"]!.GetValue<string>();
        Assert.Equal("sha256$" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.ToLowerInvariant() + salt))),
            emailIdentity["identityHash"]!.GetValue<string>());
        Assert.DoesNotContain(email, jwt + json.ToJsonString());
        Assert.Equal(0.25, subject["creditsEarned"]!.GetValue<double>());
        Assert.Equal(0.25, subject["achievement"]!["creditsAvailable"]!.GetValue<double>());
        Assert.Equal("MD", subject["profession"]!.GetValue<string>());
        Assert.Equal("https://learn.example.org/ns/cme/v1", payload["@context"]![2]!.GetValue<string>());
        Assert.Equal(OpenBadgeCredential.SchemaUrl, payload["credentialSchema"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("1EdTechRevocationList", payload["credentialStatus"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_issuer_profile_the_context_and_the_achievement_image_are_served_at_the_addresses_the_credential_names()
    {
        var certificate = await (await app.SignedInLearnerAsync()).EarnCertificateAsync();
        var (jwt, _, _) = await FetchAsync(certificate.Code);
        var payload = CredentialVerifier.Payload(jwt);
        var client = app.CreateTestClient();

        string PathOf(string url) => new Uri(url).PathAndQuery;
        var issuer = JsonNode.Parse(await client.GetPageAsync(PathOf(payload["issuer"]!["id"]!.GetValue<string>())))!;
        var context = JsonNode.Parse(await client.GetPageAsync(PathOf(payload["@context"]![2]!.GetValue<string>())))!;
        var image = await client.Http.GetAsync(PathOf(payload["credentialSubject"]!["achievement"]!["image"]!["id"]!.GetValue<string>()), Cancel);

        Assert.Equal(payload["issuer"]!["id"]!.GetValue<string>(), issuer["id"]!.GetValue<string>());
        Assert.Equal("Profile", issuer["type"]![0]!.GetValue<string>());
        foreach (var term in new[] { "profession", "creditType", "accreditationStatement", "certificateNumber" })
        {
            Assert.NotNull(context["@context"]![term]);
        }

        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType!.MediaType);
        Assert.Contains("How NmosdLearn works", await image.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Changing_any_field_of_the_signed_credential_makes_it_fail()
    {
        var certificate = await (await app.SignedInLearnerAsync("Ana Müller")).EarnCertificateAsync();
        var (jwt, _, jwks) = await FetchAsync(certificate.Code);

        var changes = CredentialVerifier.EveryFieldChanged(CredentialVerifier.Payload(jwt)).ToList();

        Assert.True(changes.Count > 30, $"only {changes.Count} fields");
        Assert.True(await CredentialVerifier.VerifyAsync(jwt, jwks));
        foreach (var (path, changed) in changes)
        {
            Assert.False(await CredentialVerifier.VerifyAsync(CredentialVerifier.WithPayload(jwt, changed), jwks), $"still verifies after {path} changed");
        }

        // And jose agrees, on the field a forger wants most: the name.
        var forgedName = CredentialVerifier.Payload(jwt);
        forgedName["credentialSubject"]!["identifier"]![1]!["identityHash"] = "Someone Else";
        var node = await CredentialVerifier.CheckWithNodeAsync(CredentialVerifier.WithPayload(jwt, forgedName), jwks, withSchema: false);
        Assert.False(node["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_revoked_certificate_is_reported_revoked_through_its_status_and_an_unrevoked_one_is_not()
    {
        var revoked = await (await app.SignedInLearnerAsync("Revoked Learner")).EarnCertificateAsync();
        var kept = await (await app.SignedInLearnerAsync("Kept Learner")).EarnCertificateAsync();
        var admin = await app.SignedInAdminAsync();
        await admin.RevokeAsync(revoked.Code, "Issued to the wrong account");

        var (jwt, _, jwks) = await FetchAsync(revoked.Code);
        var (keptJwt, _, _) = await FetchAsync(kept.Code);
        var client = app.CreateTestClient();
        var statusUrl = new Uri(CredentialVerifier.Payload(jwt)["credentialStatus"]!["id"]!.GetValue<string>()).PathAndQuery;
        var signedList = await client.GetPageAsync(statusUrl + ".jwt");
        var list = await CredentialVerifier.CheckWithNodeAsync(signedList, jwks, withSchema: false);

        // The credential itself still verifies (it was genuinely issued) and does not pretend to have expired.
        Assert.True(await CredentialVerifier.VerifyAsync(jwt, jwks));
        Assert.Null(CredentialVerifier.Payload(jwt)["validUntil"]);
        Assert.True(list["signatureValid"]!.GetValue<bool>(), list.ToJsonString());
        var entries = list["payload"]!["revokedCredentials"]!.AsArray();
        var entry = Assert.Single(entries, e => e!["id"]!.GetValue<string>() == CredentialVerifier.Payload(jwt)["id"]!.GetValue<string>());
        Assert.Equal("Issued to the wrong account", entry!["revocationReason"]!.GetValue<string>());
        Assert.DoesNotContain(entries, e => e!["id"]!.GetValue<string>() == CredentialVerifier.Payload(keptJwt)["id"]!.GetValue<string>());
        Assert.Equal(list["payload"]!["id"]!.GetValue<string>(), JsonNode.Parse(await client.GetPageAsync(statusUrl))!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reissue_gets_a_new_credential_id_and_the_old_signed_credential_is_listed_revoked()
    {
        var certificate = await (await app.SignedInLearnerAsync("Jon Smtih")).EarnCertificateAsync();
        var (oldJwt, _, jwks) = await FetchAsync(certificate.Code);
        var admin = await app.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.ReissueAsync(certificate.Code, "Jon Smith", "Typing error in the surname")).StatusCode);

        var (newJwt, newJson, _) = await FetchAsync(certificate.Code);
        var client = app.CreateTestClient();
        // The signed list, checked with the published keys as a verifier would.
        var signedList = await client.GetPageAsync(OpenBadgeCredential.RevocationListPath + ".jwt");
        Assert.True(await CredentialVerifier.VerifyAsync(signedList, jwks, checkValidity: false));
        var entries = CredentialVerifier.Payload(signedList)["revokedCredentials"]!.AsArray();
        var oldId = CredentialVerifier.Payload(oldJwt)["jti"]!.GetValue<string>();
        var newId = CredentialVerifier.Payload(newJwt)["jti"]!.GetValue<string>();

        Assert.NotEqual(oldId, newId);
        Assert.Equal(newId, newJson["id"]!.GetValue<string>());
        Assert.True(await CredentialVerifier.VerifyAsync(newJwt, jwks));
        var entry = Assert.Single(entries, e => e!["id"]!.GetValue<string>() == oldId);
        Assert.Contains("reissued", entry!["revocationReason"]!.GetValue<string>());
        Assert.DoesNotContain(entries, e => e!["id"]!.GetValue<string>() == newId);
    }
}
