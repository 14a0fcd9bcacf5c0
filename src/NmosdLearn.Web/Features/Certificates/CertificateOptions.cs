using Microsoft.Extensions.Options;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>Certificates: who issues them, how they are signed, which professions earn credit, how verification is limited.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>
    /// The public address (e.g. https://learn.example.org) that every absolute link the platform makes is built on:
    /// account email, certificates and their QR codes, the issuer and key ids of signed credentials, LTI tool addresses.
    /// Required outside Development and Testing; there, when empty, the address of the request.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The provider named on certificates and as the issuer of the signed credentials.</summary>
    public string Provider { get; set; } = "NmosdLearn";

    /// <summary>
    /// The EC P-256 private key that signs the machine-readable credentials: a PKCS#8 or SEC 1 PEM, or
    /// the base64 of a PKCS#8 DER (one line, for an environment variable). Required outside
    /// Development and Testing; there, a missing key is replaced by a throwaway one.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// The RSA private key (2048 bits or more) that signs credentials RS256: a PKCS#8 or PKCS#1 PEM, or the base64
    /// of a PKCS#8 DER. Required outside Development and Testing.
    /// </summary>
    public string RsaSigningKey { get; set; } = "";

    /// <summary>
    /// Public keys (PEM or base64 SubjectPublicKeyInfo) of earlier signing keys, still published so
    /// credentials downloaded before a key change keep verifying.
    /// </summary>
    public List<string> RetiredPublicKeys { get; set; } = [];

    /// <summary>
    /// Which professions each credit type covers. A learner whose profession the course's credit
    /// type does not cover gets a certificate of completion instead. Matched ignoring case.
    /// </summary>
    public List<CreditTypeCoverage> CreditTypes { get; set; } = [];

    public VerificationLimitOptions Verification { get; set; } = new();

    /// <summary>
    /// The configured public address, never the request's Host header (which anyone can forge) when one is set; the
    /// request's own address only where none is required (Development and tests).
    /// </summary>
    public string PublicBase(HttpRequest request) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl.TrimEnd('/');

    /// <summary>True when the course's credit type covers the profession.</summary>
    public bool Covers(string creditType, string profession) => CreditTypes.Any(t =>
        string.Equals(t.CreditType.Trim(), creditType.Trim(), StringComparison.OrdinalIgnoreCase)
        && t.Professions.Contains(profession, StringComparer.OrdinalIgnoreCase));
}

public sealed class CreditTypeCoverage
{
    /// <summary>The credit type exactly as courses name it in <c>credit_type</c>.</summary>
    public string CreditType { get; set; } = "";

    /// <summary>Profession codes as chosen at registration (MD, DO, RN...).</summary>
    public List<string> Professions { get; set; } = [];
}

/// <summary>How many public verification look-ups one client address may make per window.</summary>
public sealed class VerificationLimitOptions
{
    public int PermitLimit { get; set; } = 60;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Fails at start when production has no signing key or a key that cannot sign ES256.</summary>
internal sealed class CertificateOptionsValidator(IHostEnvironment environment) : IValidateOptions<CertificateOptions>
{
    public ValidateOptionsResult Validate(string? name, CertificateOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                failures.Add("Certificates:SigningKey is missing. Set Certificates__SigningKey to an EC P-256 private key (PKCS#8 PEM, or its DER in base64).");
            }
        }
        else if (SigningKeys.TryLoadPrivateKey(options.SigningKey, out var problem) is not { } key)
        {
            failures.Add($"Certificates:SigningKey cannot be used: {problem}");
        }
        else if (!environment.IsDevelopment() && IsDevelopmentKey(key))
        {
            failures.Add("Certificates:SigningKey is the public development key from appsettings.Development.json: anyone could forge " +
                "certificates with it. Make a key of your own (openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 " +
                "-nocrypt -outform DER | base64 -w0) and set it in Certificates__SigningKey.");
        }

        if (string.IsNullOrWhiteSpace(options.RsaSigningKey))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                failures.Add("Certificates:RsaSigningKey is missing. Set Certificates__RsaSigningKey to an RSA private key of 2048 bits or more " +
                    "(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0).");
            }
        }
        else if (RsaKeys.TryLoadPrivateKey(options.RsaSigningKey, out var rsaProblem) is not { } rsa)
        {
            failures.Add($"Certificates:RsaSigningKey cannot be used: {rsaProblem}");
        }
        else if (!environment.IsDevelopment() && Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())) == DevelopmentRsaPublicKeySha256)
        {
            failures.Add("Certificates:RsaSigningKey is the public development key from appsettings.Development.json: anyone could forge " +
                "credentials with it. Make a key of your own (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | openssl pkcs8 " +
                "-topk8 -nocrypt -outform DER | base64 -w0) and set it in Certificates__RsaSigningKey.");
        }

        foreach (var key in options.RetiredPublicKeys)
        {
            if (SigningKeys.TryLoadPublicKey(key, out _) is null && RsaKeys.TryLoadPublicKey(key) is null)
            {
                failures.Add("Certificates:RetiredPublicKeys has a key that is neither an EC P-256 nor an RSA public key (PEM or base64).");
            }
        }

        if (options.Verification.PermitLimit < 1 || options.Verification.WindowSeconds < 1)
        {
            failures.Add("Certificates:Verification:PermitLimit and WindowSeconds must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                failures.Add("Certificates:PublicBaseUrl is missing. Set Certificates__PublicBaseUrl to the address people reach the platform at " +
                    "(for example https://learn.hospital.example): links in account email, certificates, signed credentials and LTI are built " +
                    "on it, never on the request's Host header, which anyone can forge.");
            }
        }
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicBase) || publicBase.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(publicBase.Query) || !string.IsNullOrEmpty(publicBase.Fragment))
        {
            failures.Add("Certificates:PublicBaseUrl must be an absolute http or https address without a query, such as https://learn.example.org.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>SHA-256 of the development key's public key (SubjectPublicKeyInfo), which is published in the repository.</summary>
    /// <summary>SHA-256 of the development RSA key's public key (SubjectPublicKeyInfo), which is published in the repository.</summary>
    private const string DevelopmentRsaPublicKeySha256 = "5f4696f65749f4ec34fcf0e961fecc136bf853281de806393b2ce3dad6d2801a";

    private const string DevelopmentPublicKeySha256 = "d9de8669e95bfcd6c299fe296b38935db6456552971b8d0c4a542f8338ded56f";

    private static bool IsDevelopmentKey(System.Security.Cryptography.ECDsa key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key.ExportSubjectPublicKeyInfo())) == DevelopmentPublicKeySha256;
}
