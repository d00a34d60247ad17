using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aduan.Identity;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Data;

/// <summary>The data-protection keys in the database are encrypted with a certificate kept outside it.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string Password = "sandi-sertifikat";
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"aduan-keys-{Guid.NewGuid():N}.pfx");

    public KeyProtectionTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Aduan data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, Password));
    }

    public void Dispose() => File.Delete(_pfx);

    [Fact]
    public async Task Keys_WithACertificate_AreStoredEncryptedAndStillWork()
    {
        await using var app = AduanFactory.With(("Aduan:KeyProtection:CertificatePath", _pfx), ("Aduan:KeyProtection:CertificatePassword", Password));
        var manager = await app.StaffClientAsync(Roles.Manager);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // the master key in the clear
        });
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Keys_WithoutACertificate_StoredInTheClear()
    {
        await using var app = new AduanFactory();
        await app.StaffClientAsync(Roles.Manager);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        Assert.Contains(keys, xml => xml.Contains("<value>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAnUnreadableCertificate_RefusedNamingTheSettingWithoutAStackTrace()
    {
        var dir = Directory.CreateTempSubdirectory("aduan-keys-").FullName;
        var env = new Dictionary<string, string>
        {
            ["Aduan__DataDirectory"] = Path.Combine(dir, "data"),
            ["Aduan__KeyProtection__CertificatePath"] = _pfx,
            ["Aduan__KeyProtection__CertificatePassword"] = "salah",
        };

        var (exitCode, output, error) = await AppProcess.RunAsync(dir, null, env, "migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("Aduan:KeyProtection:CertificatePath", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}
