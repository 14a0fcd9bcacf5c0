using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// The machine-readable twin of a certificate: an Open Badges 3.0 <c>OpenBadgeCredential</c> (a W3C Verifiable
/// Credential, data model 2.0) secured with the VC-JWT proof format (Open Badges 3.0, section 8.2): the compact
/// JWS at <c>/verify/{code}.jwt</c> has the credential as its payload, with the claims <c>iss</c>, <c>jti</c>,
/// <c>nbf</c>, <c>sub</c> (and <c>exp</c> only for a <c>validUntil</c>). The JSON at <c>/verify/{code}.json</c> is
/// the same credential for people, without the JWT claims. Revocation is published through
/// <c>credentialStatus</c> (1EdTech Revocation List), never by expiring the credential.
/// </summary>
public sealed class OpenBadgeCredential(CredentialSigner signer)
{
    public const string SchemaUrl = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json";

    /// <summary>Where the platform's own terms (profession, credit type, accreditation statement...) are defined.</summary>
    public const string ContextPath = "/ns/cme/v1";

    public const string IssuerPath = "/issuer";

    public const string RevocationListPath = "/credentials/revocations";

    /// <summary>Readable JSON: names in any script stay as written rather than as \u escapes.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    /// <summary>The credential as a compact JWS (VC-JWT).</summary>
    public string Jwt(Certificate certificate, string learnerEmail, decimal creditsAvailable, string baseUrl) =>
        signer.Sign(WithJwtClaims(Credential(certificate, learnerEmail, creditsAvailable, baseUrl)), baseUrl);

    /// <summary>The JWT payload: the credential with the claims Open Badges 3.0 requires.</summary>
    public static JsonObject WithJwtClaims(JsonObject credential)
    {
        var payload = (JsonObject)credential.DeepClone();
        payload["iss"] = credential["issuer"]!["id"]!.GetValue<string>();
        payload["jti"] = credential["id"]!.GetValue<string>();
        payload["nbf"] = DateTimeOffset.Parse(credential["validFrom"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        payload["sub"] = credential["credentialSubject"]!["id"]!.GetValue<string>();
        if (credential["validUntil"] is { } validUntil)
        {
            payload["exp"] = DateTimeOffset.Parse(validUntil.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        }

        return payload;
    }

    /// <summary>The credential of the current issue of a certificate.</summary>
    public static JsonObject Credential(Certificate certificate, string learnerEmail, decimal creditsAvailable, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        var wording = CertificateText.For(certificate.Language);
        var salt = Hex(SHA256.HashData(Encoding.UTF8.GetBytes("salt:" + certificate.Code)))[..16];
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", root + ContextPath),
            ["id"] = CredentialId(root, certificate),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = $"{wording.Heading(certificate.Kind)} – {certificate.CourseTitle}",
            ["issuer"] = Issuer(root, certificate.Provider),
            ["validFrom"] = Instant(certificate.IssuedAt),
            ["credentialSubject"] = new JsonObject
            {
                // Stable across reissues, and says nothing about the person.
                ["id"] = "urn:uuid:" + UuidFrom("subject:" + certificate.Code),
                ["type"] = new JsonArray("AchievementSubject"),
                ["identifier"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "IdentityObject",
                        ["identityHash"] = "sha256$" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(learnerEmail.Trim().ToLowerInvariant() + salt))),
                        ["identityType"] = "emailAddress",
                        ["hashed"] = true,
                        ["salt"] = salt,
                    },
                    new JsonObject
                    {
                        ["type"] = "IdentityObject",
                        ["identityHash"] = certificate.RecipientName,
                        ["identityType"] = "name",
                        ["hashed"] = false,
                    }),
                ["activityEndDate"] = Instant(new DateTimeOffset(certificate.CompletedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
                ["creditsEarned"] = (double)certificate.Credits,
                ["profession"] = certificate.Profession,
                ["achievement"] = new JsonObject
                {
                    ["id"] = $"{root}/courses/{certificate.CourseId}",
                    ["type"] = new JsonArray("Achievement"),
                    ["achievementType"] = certificate.Kind == CertificateKind.Credit ? "Certificate" : "CertificateOfCompletion",
                    ["name"] = certificate.CourseTitle,
                    ["description"] = certificate.CreditDesignation,
                    ["criteria"] = new JsonObject { ["narrative"] = string.Format(wording.Culture, wording.Criteria, certificate.Format) },
                    ["image"] = new JsonObject { ["id"] = $"{root}/courses/{certificate.CourseId}/badge.svg", ["type"] = "Image" },
                    ["creditsAvailable"] = (double)creditsAvailable,
                    ["inLanguage"] = certificate.Language,
                    ["version"] = certificate.ContentVersion,
                    ["creditType"] = certificate.CreditType,
                    ["activityFormat"] = certificate.Format,
                    ["accreditationStatement"] = certificate.AccreditationStatement,
                },
            },
            ["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = SchemaUrl, ["type"] = "1EdTechJsonSchemaValidator2019" }),
            ["credentialStatus"] = new JsonObject { ["id"] = root + RevocationListPath, ["type"] = "1EdTechRevocationList" },
            ["certificateNumber"] = certificate.Code,
            ["certificateKind"] = certificate.Kind == CertificateKind.Credit ? "credit" : "completion",
            ["issue"] = certificate.Revision,
        };
        var subject = credential["credentialSubject"]!.AsObject();
        if (certificate.MinutesAttested is { } attested)
        {
            subject["minutesAttested"] = attested;
        }

        if (certificate.MinutesMeasured is { } measured)
        {
            subject["minutesMeasured"] = measured;
        }

        return credential;
    }

    /// <summary>
    /// The id (and JWT <c>jti</c>) of one issue's credential. Each issue has its own, so a reissue's predecessor can be
    /// revoked on its own: the first issue keeps the verification address (the id every credential had before reissues
    /// got their own), later issues add <c>?issue=N</c>, which opens the same verification page.
    /// </summary>
    public static string CredentialId(string root, Certificate certificate) =>
        certificate.Revision <= 1
            ? CertificateService.VerificationUrl(root, certificate.Code)
            : $"{CertificateService.VerificationUrl(root, certificate.Code)}?issue={certificate.Revision.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The issuer's profile, served at its own id.</summary>
    public static JsonObject Issuer(string root, string provider) => new()
    {
        ["id"] = root + IssuerPath,
        ["type"] = new JsonArray("Profile"),
        ["name"] = provider,
        ["url"] = root + "/",
    };

    /// <summary>
    /// The 1EdTech revocation list: every revoked credential with its reason, and every issue a reissue replaced (its
    /// signed credential must not keep verifying as current). Served as JSON at its id and as a compact JWS signed like
    /// the credentials (the same address with ".jwt"), so a verifier can trust it.
    /// </summary>
    public static JsonObject RevocationList(string root, string provider, IEnumerable<Certificate> revoked, DateTimeOffset now) => new()
    {
        ["id"] = root + RevocationListPath,
        ["issuer"] = Issuer(root, provider),
        ["revokedCredentials"] = new JsonArray(revoked.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = CredentialId(root, c),
            ["revocationReason"] = c.RevokedReason
                ?? $"Replaced: the certificate was reissued (issue {(c.Revision + 1).ToString(CultureInfo.InvariantCulture)}); the current credential is at {CertificateService.VerificationUrl(root, c.Code)}.json",
        }).ToArray()),
        ["iss"] = root + IssuerPath,
        ["iat"] = now.ToUnixTimeSeconds(),
    };

    public string SignedRevocationList(JsonObject list, string baseUrl) => signer.Sign(list, baseUrl);

    /// <summary>The platform's JSON-LD context: every term it adds to Open Badges, each an IRI under the context's address.</summary>
    public static JsonObject Context(string root)
    {
        var vocabulary = root + ContextPath + "#";
        var terms = new JsonObject { ["@protected"] = true };
        foreach (var term in new[] { "profession", "minutesAttested", "minutesMeasured", "creditType", "activityFormat", "accreditationStatement", "certificateNumber", "certificateKind", "issue" })
        {
            terms[term] = new JsonObject { ["@id"] = vocabulary + term };
        }

        return new JsonObject { ["@context"] = terms };
    }

    private static string UuidFrom(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5-style (name-based), variant RFC 4122
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Hex(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
