using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using NmosdLearn.Web.Data;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>
/// The machine-readable twin of a certificate: an Open Badges 3.0 <c>OpenBadgeCredential</c> (a W3C
/// Verifiable Credential, data model 2.0), secured as a JWT signed ES256 (Open Badges 3.0 section 8.2:
/// the payload is the credential, with <c>iss</c>, <c>jti</c>, <c>nbf</c> and, once revoked, <c>exp</c>).
/// The document served is that payload plus a <c>proof</c> holding the JWT, so a verifier checks the
/// JWT against the published key and then that the document without its proof equals the JWT's
/// payload: a changed field fails one check or the other.
/// </summary>
public sealed class OpenBadgeCredential(CredentialSigner signer)
{
    public const string ProofType = "JwtProof2020";

    /// <summary>Readable JSON: names in any script stay as written rather than as \u escapes.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    /// <summary>The signed document for the current issue of a certificate.</summary>
    public JsonObject Signed(Certificate certificate, string baseUrl)
    {
        var payload = Payload(certificate, baseUrl);
        var jwt = signer.Sign(payload, baseUrl);
        var document = (JsonObject)payload.DeepClone();
        document["proof"] = new JsonObject
        {
            ["type"] = ProofType,
            ["proofPurpose"] = "assertionMethod",
            ["verificationMethod"] = signer.KeyId(baseUrl),
            ["jwt"] = jwt,
        };
        return document;
    }

    /// <summary>The credential with its JWT claims: exactly what is signed.</summary>
    public static JsonObject Payload(Certificate certificate, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        var id = CertificateService.VerificationUrl(root, certificate.Code);
        var wording = CertificateText.For(certificate.Language);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = $"{wording.Heading(certificate.Kind)} – {certificate.CourseTitle}",
            ["issuer"] = new JsonObject
            {
                ["id"] = root + "/",
                ["type"] = new JsonArray("Profile"),
                ["name"] = certificate.Provider,
                ["url"] = root + "/",
            },
            ["validFrom"] = Instant(certificate.IssuedAt),
        };
        if (certificate.RevokedAt is { } revokedAt)
        {
            credential["validUntil"] = Instant(revokedAt);
        }

        credential["credentialSubject"] = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["identifier"] = new JsonArray(new JsonObject
            {
                ["type"] = "IdentityObject",
                ["identityHash"] = certificate.RecipientName,
                ["identityType"] = "name",
                ["hashed"] = false,
            }),
            ["profession"] = certificate.Profession,
            ["activityEndDate"] = Instant(new DateTimeOffset(certificate.CompletedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            ["creditsEarned"] = certificate.Credits,
            ["creditType"] = certificate.CreditType,
            ["achievement"] = new JsonObject
            {
                ["id"] = $"{root}/courses/{certificate.CourseId}",
                ["type"] = new JsonArray("Achievement"),
                ["achievementType"] = certificate.Kind == CertificateKind.Credit ? "Certificate" : "CertificateOfCompletion",
                ["name"] = certificate.CourseTitle,
                ["description"] = certificate.CreditDesignation,
                ["criteria"] = new JsonObject { ["narrative"] = string.Format(wording.Culture, wording.Criteria, certificate.Format) },
                ["inLanguage"] = certificate.Language,
                ["version"] = certificate.ContentVersion,
                ["format"] = certificate.Format,
                ["accreditationStatement"] = certificate.AccreditationStatement,
            },
        };
        credential["certificateNumber"] = certificate.Code;
        credential["certificateKind"] = certificate.Kind == CertificateKind.Credit ? "credit" : "completion";
        credential["issue"] = certificate.Revision;
        credential["certificateStatus"] = certificate.RevokedAt is null ? "valid" : "revoked";
        if (certificate.RevokedAt is not null)
        {
            credential["revocationReason"] = certificate.RevokedReason;
        }

        // JWT claims (Open Badges 3.0, 8.2.4.1): issuer, credential id, validity.
        credential["iss"] = root + "/";
        credential["jti"] = id;
        credential["nbf"] = certificate.IssuedAt.ToUnixTimeSeconds();
        if (certificate.RevokedAt is { } revoked)
        {
            credential["exp"] = revoked.ToUnixTimeSeconds();
        }

        return credential;
    }

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
