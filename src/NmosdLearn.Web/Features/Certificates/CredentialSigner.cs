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

/// <summary>
/// Signs credentials as compact JWS with ES256 and publishes the public keys as a JWKS. The key comes
/// from <see cref="CertificateOptions.SigningKey"/>; in Development and Testing a missing key is
/// replaced by a throwaway one, so credentials signed then stop verifying after a restart.
/// </summary>
public sealed class CredentialSigner : IDisposable
{
    public const string JwksPath = "/.well-known/jwks.json";

    private readonly ECDsa _key;
    private readonly string _thumbprint;
    private readonly List<(ECDsa Key, string Thumbprint)> _retired = [];

    public CredentialSigner(IOptions<CertificateOptions> options, ILogger<CredentialSigner> logger)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            logger.LogWarning("Certificates:SigningKey is not set; signing credentials with a throwaway key (Development and Testing only).");
            _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
        else
        {
            _key = SigningKeys.TryLoadPrivateKey(configured, out var problem)
                ?? throw new InvalidOperationException($"Certificates:SigningKey cannot be used: {problem}");
        }

        _thumbprint = Thumbprint(_key);
        foreach (var text in options.Value.RetiredPublicKeys)
        {
            var key = SigningKeys.TryLoadPublicKey(text, out var problem)
                ?? throw new InvalidOperationException($"Certificates:RetiredPublicKeys has a key that cannot be used: {problem}");
            _retired.Add((key, Thumbprint(key)));
        }
    }

    /// <summary>The key id: where the key is published, and its RFC 7638 thumbprint as the fragment.</summary>
    public string KeyId(string baseUrl) => $"{baseUrl.TrimEnd('/')}{JwksPath}#{_thumbprint}";

    /// <summary>A compact JWS (a JWT) whose payload is <paramref name="payload"/>, signed ES256.</summary>
    public string Sign(JsonObject payload, string baseUrl)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = KeyId(baseUrl) };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        // JWS wants the raw r||s form (IEEE P1363), which is .NET's default for ECDsa.SignData.
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>The current key and any retired ones, as a JSON Web Key Set.</summary>
    public JsonObject Jwks(string baseUrl)
    {
        var keys = new JsonArray { Jwk(_key, KeyId(baseUrl)) };
        foreach (var (key, thumbprint) in _retired)
        {
            keys.Add(Jwk(key, $"{baseUrl.TrimEnd('/')}{JwksPath}#{thumbprint}"));
        }

        return new JsonObject { ["keys"] = keys };
    }

    private static JsonObject Jwk(ECDsa key, string kid)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url(point.X!),
            ["y"] = Base64Url(point.Y!),
            ["use"] = "sig",
            ["alg"] = "ES256",
            ["kid"] = kid,
        };
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, without spaces.</summary>
    private static string Thumbprint(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url(point.X!)}\",\"y\":\"{Base64Url(point.Y!)}\"}}";
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public void Dispose()
    {
        _key.Dispose();
        foreach (var (key, _) in _retired)
        {
            key.Dispose();
        }
    }
}
