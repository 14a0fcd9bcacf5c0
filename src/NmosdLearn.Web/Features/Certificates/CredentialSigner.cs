using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace NmosdLearn.Web.Features.Certificates;

/// <summary>Reads EC P-256 keys from configuration text.</summary>
internal static class SigningKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>A PEM (PKCS#8 or SEC 1), or the base64 of a PKCS#8 DER. Null with the reason when it is not a P-256 private key.</summary>
    public static ECDsa? TryLoadPrivateKey(string text, out string? problem) => TryLoad(text, isPrivate: true, out problem);

    /// <summary>A PEM public key, or the base64 of a SubjectPublicKeyInfo DER.</summary>
    public static ECDsa? TryLoadPublicKey(string text, out string? problem) => TryLoad(text, isPrivate: false, out problem);

    private static ECDsa? TryLoad(string text, bool isPrivate, out string? problem)
    {
        // An environment variable cannot easily hold line breaks; accept "\n" written out.
        var value = text.Trim().Replace("\\n", "\n", StringComparison.Ordinal);
        var key = ECDsa.Create();
        try
        {
            if (value.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(value);
            }
            else if (isPrivate)
            {
                key.ImportPkcs8PrivateKey(Convert.FromBase64String(value), out _);
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(value), out _);
            }

            var parameters = key.ExportParameters(includePrivateParameters: isPrivate);
            if (parameters.Curve.Oid.Value != P256Oid && parameters.Curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            {
                problem = "the key is not on curve P-256 (ES256 needs P-256)";
                key.Dispose();
                return null;
            }

            problem = null;
            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            problem = isPrivate ? "it is not an EC private key in PEM or base64 PKCS#8" : "it is not an EC public key in PEM or base64";
            key.Dispose();
            return null;
        }
    }
}

/// <summary>Reads RSA keys from configuration text.</summary>
internal static class RsaKeys
{
    /// <summary>A PEM (PKCS#8 or PKCS#1), or the base64 of a PKCS#8 DER. Null with the reason when it is not an RSA private key of 2048 bits or more.</summary>
    public static RSA? TryLoadPrivateKey(string text, out string? problem)
    {
        var key = Load(text, (rsa, der) => rsa.ImportPkcs8PrivateKey(der, out _));
        problem = key is null ? "it is not an RSA private key in PEM or base64 PKCS#8" : key.KeySize < 2048 ? "the RSA key is shorter than 2048 bits" : null;
        if (problem is not null)
        {
            key?.Dispose();
            return null;
        }

        return key;
    }

    /// <summary>A PEM public key, or the base64 of a SubjectPublicKeyInfo DER; null when it is not one.</summary>
    public static RSA? TryLoadPublicKey(string text) => Load(text, (rsa, der) => rsa.ImportSubjectPublicKeyInfo(der, out _));

    private static RSA? Load(string text, Action<RSA, byte[]> importDer)
    {
        // An environment variable cannot easily hold line breaks; accept "\n" written out.
        var value = text.Trim().Replace("\\n", "\n", StringComparison.Ordinal);
        var key = RSA.Create();
        try
        {
            if (value.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(value);
            }
            else
            {
                importDer(key, Convert.FromBase64String(value));
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            return null;
        }
    }
}

/// <summary>
/// Signs credentials as compact JWS and publishes the public keys as a JWKS. Credentials are signed RS256,
/// the algorithm Open Badges 3.0 requires every verifier to support (and the only one Moodle's LTI accepts);
/// the ES256 key is published too and signs nothing new, so verifiers that prefer it can be served later
/// without a key change. Keys come from <see cref="CertificateOptions.RsaSigningKey"/> and
/// <see cref="CertificateOptions.SigningKey"/>; in Development and Testing a missing key is replaced by a
/// throwaway one. Retired public keys (RSA or EC) stay published, so older credentials keep verifying.
/// </summary>
public sealed class CredentialSigner : IDisposable
{
    public const string JwksPath = "/.well-known/jwks.json";

    private readonly RSA _rsa;
    private readonly ECDsa _ec;
    private readonly string _rsaThumbprint;
    private readonly string _ecThumbprint;
    private readonly List<(JsonObject Jwk, string Thumbprint)> _retired = [];

    public CredentialSigner(IOptions<CertificateOptions> options, ILogger<CredentialSigner> logger)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            logger.LogWarning("Certificates:SigningKey is not set; using a throwaway ES256 key (Development and Testing only).");
            _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
        else
        {
            _ec = SigningKeys.TryLoadPrivateKey(configured, out var problem)
                ?? throw new InvalidOperationException($"Certificates:SigningKey cannot be used: {problem}");
        }

        if (string.IsNullOrWhiteSpace(options.Value.RsaSigningKey))
        {
            logger.LogWarning("Certificates:RsaSigningKey is not set; signing credentials with a throwaway RS256 key (Development and Testing only).");
            _rsa = RSA.Create(2048);
        }
        else
        {
            _rsa = RsaKeys.TryLoadPrivateKey(options.Value.RsaSigningKey, out var problem)
                ?? throw new InvalidOperationException($"Certificates:RsaSigningKey cannot be used: {problem}");
        }

        _rsaThumbprint = Thumbprint(RsaJwk(_rsa));
        _ecThumbprint = Thumbprint(EcJwk(_ec));
        foreach (var text in options.Value.RetiredPublicKeys)
        {
            JsonObject jwk;
            if (SigningKeys.TryLoadPublicKey(text, out _) is { } ec)
            {
                using (ec)
                {
                    jwk = EcJwk(ec);
                }
            }
            else if (RsaKeys.TryLoadPublicKey(text) is { } rsa)
            {
                using (rsa)
                {
                    jwk = RsaJwk(rsa);
                }
            }
            else
            {
                throw new InvalidOperationException("Certificates:RetiredPublicKeys has a key that is neither an EC P-256 nor an RSA public key");
            }

            _retired.Add((jwk, Thumbprint(jwk)));
        }
    }

    /// <summary>The id of the key that signs credentials: the key set's address with the key's RFC 7638 thumbprint as fragment.</summary>
    public string KeyId(string baseUrl) => KeyIdOf(baseUrl, _rsaThumbprint);

    /// <summary>A compact JWS (a JWT) of <paramref name="payload"/>, signed RS256; the header is exactly alg, kid and typ (Open Badges 3.0, 8.2).</summary>
    public string Sign(JsonObject payload, string baseUrl)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId(baseUrl), ["typ"] = "JWT" };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>The signing keys and any retired ones, as a JSON Web Key Set.</summary>
    public JsonObject Jwks(string baseUrl)
    {
        var keys = new JsonArray
        {
            With(RsaJwk(_rsa), "RS256", KeyIdOf(baseUrl, _rsaThumbprint)),
            With(EcJwk(_ec), "ES256", KeyIdOf(baseUrl, _ecThumbprint)),
        };
        foreach (var (jwk, thumbprint) in _retired)
        {
            keys.Add(With((JsonObject)jwk.DeepClone(), jwk["kty"]!.GetValue<string>() == "RSA" ? "RS256" : "ES256", KeyIdOf(baseUrl, thumbprint)));
        }

        return new JsonObject { ["keys"] = keys };
    }

    private static string KeyIdOf(string baseUrl, string thumbprint) => $"{baseUrl.TrimEnd('/')}{JwksPath}#{thumbprint}";

    private static JsonObject With(JsonObject jwk, string alg, string kid)
    {
        jwk["use"] = "sig";
        jwk["alg"] = alg;
        jwk["kid"] = kid;
        return jwk;
    }

    /// <summary>The required public members of an RSA JWK, in lexicographic order (as RFC 7638 hashes them).</summary>
    private static JsonObject RsaJwk(RSA key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject { ["e"] = Base64Url(parameters.Exponent!), ["kty"] = "RSA", ["n"] = Base64Url(parameters.Modulus!) };
    }

    private static JsonObject EcJwk(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new JsonObject { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = Base64Url(point.X!), ["y"] = Base64Url(point.Y!) };
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, without spaces.</summary>
    private static string Thumbprint(JsonObject requiredMembers) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(requiredMembers.ToJsonString())));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }
}
