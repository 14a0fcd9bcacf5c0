using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;

namespace NmosdLearn.Web.Data;

/// <summary>The certificate that encrypts the Data Protection key ring kept in the database.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A PEM file holding the certificate and its RSA private key, or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>). Relative
    /// paths are resolved like the database's. Required outside Development and Testing; Development makes
    /// <c>.data/key-ring.pem</c> itself.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The password of the PKCS#12 file or of an encrypted PEM key, if it has one (from the environment).</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The keys that protect cookies, account links, forms, LTI state and authenticator keys are kept in the database so that
/// every instance shares them. Each key is stored encrypted with the certificate's public key, so the database alone (a
/// backup, a copy) cannot read them: the certificate's private key lives in a file beside the settings, never in the database.
/// </summary>
public static class KeyRingProtection
{
    /// <summary>The Data Protection application name: fixed, so moving the folder or adding an instance signs nobody out.</summary>
    public const string ApplicationName = "NmosdLearn";

    /// <summary>Makes a certificate file as the platform wants it: one PEM with the certificate and its private key.</summary>
    public const string MakeCommand =
        "openssl req -x509 -newkey rsa:3072 -noenc -days 36500 -subj '/CN=NmosdLearn key ring' -keyout - -out - > /etc/nmosdlearn/key-ring.pem";

    private const string DevelopmentCertificate = ".data/key-ring.pem";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, AppPaths paths)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var keyRing = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<AppDbContext>();
        string? problem = null;
        X509Certificate2? certificate = null;
        // `dotnet run` just works: Development makes a certificate of its own in the ignored .data folder.
        var configured = string.IsNullOrWhiteSpace(options.CertificatePath) && environment.IsDevelopment() ? DevelopmentCertificate : options.CertificatePath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsEnvironment("Testing"))
            {
                problem = "DataProtection:CertificatePath is missing: without it the keys that protect sign-in cookies and account links " +
                    "would be stored readable in the database, and anyone holding a backup could sign in as anyone. Make a certificate once " +
                    $"({MakeCommand}), let only the platform's user read it (docs/deployment.md, section 3), keep a copy with the other " +
                    "secrets and never with the database backups, then set DataProtection__CertificatePath=/etc/nmosdlearn/key-ring.pem.";
            }
        }
        else
        {
            var path = paths.Resolve(configured);
            try
            {
                if (configured == DevelopmentCertificate && !File.Exists(path))
                {
                    CreateCertificateFile(path);
                }

                certificate = Load(path, options.CertificatePassword);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                problem = $"DataProtection:CertificatePath '{path}' cannot be used: {ex.Message} It must be a PEM file holding a certificate " +
                    $"and its RSA private key (make one with {MakeCommand}), or a PKCS#12 file with DataProtection__CertificatePassword.";
            }
        }

        if (certificate is not null)
        {
            keyRing.ProtectKeysWithCertificate(certificate);
        }

        services.AddSingleton(new KeyRingEncryption(certificate is not null));
        // Reported with the other settings before the database is touched, as one line saying what to do.
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section)
            .Validate(_ => problem is null, problem ?? "").ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Keys stored readable (by a version before the key ring was encrypted, or by a start without a certificate) are
    /// revoked once a certificate is set: anything they protected (sign-in cookies, links already sent, open forms) is
    /// refused from then on, so a backup made before cannot be used to sign in. A new encrypted key is made at once.
    /// </summary>
    public static async Task RevokeReadableKeysAsync(IServiceProvider services)
    {
        if (!services.GetRequiredService<KeyRingEncryption>().Encrypted)
        {
            return;
        }

        List<string> rows;
        using (var scope = services.CreateScope())
        {
            rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
        }

        var readable = rows.Where(xml => xml is not null).Select(XElement.Parse)
            // <encryptedSecret> is in Data Protection's XML namespace; a readable key has its <masterKey> in plain view instead.
            .Where(key => key.Name.LocalName == "key" && !key.Descendants().Any(e => e.Name.LocalName == "encryptedSecret"))
            .Select(key => Guid.TryParse((string?)key.Attribute("id"), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToHashSet();
        if (readable.Count == 0)
        {
            return;
        }

        var keys = services.GetRequiredService<IKeyManager>();
        foreach (var key in keys.GetAllKeys().Where(k => readable.Contains(k.KeyId) && !k.IsRevoked))
        {
            keys.RevokeKey(key.KeyId, "Stored without encryption: revoked when the key ring certificate was set.");
        }
    }

    internal static X509Certificate2 Load(string path, string? password)
    {
        var certificate = Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
            : string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            throw new CryptographicException("The file has no RSA private key with its certificate.");
        }

        return certificate;
    }

    /// <summary>Makes a certificate like the one <see cref="MakeCommand"/> makes, and writes it readable only by this user.</summary>
    public static void CreateCertificateFile(string path)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=NmosdLearn key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(rsa.ExportPkcs8PrivateKeyPem() + "\n" + certificate.ExportCertificatePem() + "\n");
        }

        try
        {
            File.Move(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: use theirs.
            File.Delete(temporary);
        }
    }
}

/// <summary>Whether the key ring is stored encrypted (a certificate is set); only Testing may run without.</summary>
public sealed record KeyRingEncryption(bool Encrypted);
