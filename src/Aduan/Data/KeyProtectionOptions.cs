using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aduan.Data;

/// <summary>
/// Section <c>Aduan:KeyProtection</c>: the certificate that encrypts the data-protection keys
/// stored in the database (they protect webhook secrets, reporter keys kept for retries, tokens and
/// cookies). With it, a copy of the database alone reveals none of those.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "Aduan:KeyProtection";

    /// <summary>A PKCS#12 (.pfx) file with the private key, kept outside the database and its backups; every instance needs the same.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The certificate, or null when none is configured; throws when it is configured but unreadable.</summary>
    public X509Certificate2? Load()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            return null;
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        return certificate.HasPrivateKey ? certificate : throw new CryptographicException("The certificate has no private key.");
    }

    /// <summary>For start-up validation: true when nothing is configured or the file loads with its private key.</summary>
    public bool IsUsable()
    {
        try
        {
            using var certificate = Load();
            return true;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
