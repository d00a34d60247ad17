using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Aduan.Complaints;

/// <summary>
/// The secret that lets a reporter reply, accept or reopen without an account: 25 characters of the
/// tracking code's alphabet (no 0/O, 1/I/L) in five groups, <c>K7M2Q-XP4RT-...</c>, about 124 random
/// bits, so an operator can read it aloud and a citizen can type it in any case, with or without the
/// hyphens. The report keeps only the SHA-256 of the canonical form (124 random bits need no slow
/// hash); an intake with an Idempotency-Key keeps the key encrypted for 24 hours, to give it again to
/// a retry. Keys made before this format (22 Base64Url characters) still match as typed.
/// </summary>
public static class ReporterKey
{
    public const int GroupLength = 5;
    public const int Groups = 5;
    public const int Length = GroupLength * Groups;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        TrackingCode.FillRandom(chars);
        return Format(chars);
    }

    /// <summary>Accepts any case, spaces and hyphens; returns the grouped upper-case form when the key has this format.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        if (!TrackingCode.TryRead(input, chars))
        {
            return false;
        }

        key = Format(chars);
        return true;
    }

    /// <summary>The hash of the canonical form; a key in the old format (or none) is hashed as given.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TryNormalize(key, out var canonical) ? canonical : key)));

    public static bool Matches(string? key, string storedHash) =>
        !string.IsNullOrEmpty(key) && key.Length <= 64 &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>The key's groups, for showing each apart in large type.</summary>
    public static IEnumerable<string> GroupsOf(string key) => key.Split('-');

    private static string Format(ReadOnlySpan<char> chars)
    {
        var s = new StringBuilder(Length + Groups - 1);
        for (var g = 0; g < Groups; g++)
        {
            s.Append(g == 0 ? "" : "-").Append(chars.Slice(g * GroupLength, GroupLength));
        }

        return s.ToString();
    }
}
