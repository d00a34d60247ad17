using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Aduan.Complaints;

/// <summary>
/// The secret that lets a reporter reply, accept or reopen without an account. The report keeps
/// only its SHA-256 (128 random bits need no slow hash); an intake with an Idempotency-Key keeps
/// the key encrypted for 24 hours, to give it again to a retry.
/// </summary>
public static class ReporterKey
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string? key, string storedHash) =>
        !string.IsNullOrEmpty(key) && key.Length <= 64 &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
