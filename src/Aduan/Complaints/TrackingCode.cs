using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>
/// Tracking codes like <c>K7M2Q-XP4RT</c>: nine random characters and a check character from an
/// alphabet without 0/O, 1/I/L, so they read out on the phone and type into an SMS without doubt.
/// The alphabet has 31 characters, a prime, and the check is a weighted sum modulo 31, so any
/// single wrong character and any swap of two data characters is detected.
/// </summary>
public static class TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int RandomLength = 9;
    public const int Length = RandomLength + 1;

    /// <summary>A well-formed code for help texts ("for example ..."), made by the same rules as real ones.</summary>
    public static string Example { get; } = WithCheck("K7M2QXP4R");

    /// <summary>Nine random characters (<see cref="FillRandom"/>) and their check character.</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[RandomLength];
        FillRandom(chars);
        return WithCheck(chars);
    }

    /// <summary>
    /// Characters drawn uniformly from the alphabet with one call to the system's random generator, not one each (each
    /// call is an OpenSSL request with a <c>getpid</c> system call, and intake draws a code and a reporter key per
    /// report): each random byte's low five bits pick a character, and the one value in 32 past the alphabet is skipped.
    /// </summary>
    internal static void FillRandom(Span<char> chars)
    {
        Span<byte> random = stackalloc byte[Math.Min(64, 2 * chars.Length)]; // refilled if a long draw needs more
        var used = random.Length;
        for (var i = 0; i < chars.Length;)
        {
            if (used == random.Length)
            {
                RandomNumberGenerator.Fill(random);
                used = 0;
            }

            var value = random[used++] & 31;
            if (value < Alphabet.Length)
            {
                chars[i++] = Alphabet[value];
            }
        }
    }

    private static string WithCheck(ReadOnlySpan<char> data)
    {
        Span<char> chars = stackalloc char[Length];
        data.CopyTo(chars);
        chars[RandomLength] = Alphabet[Checksum(data)];
        return Format(chars);
    }

    /// <summary>31^9 codes make a clash rare, but the unique index would turn one into an error, so look first, all at once.</summary>
    public static async Task<List<string>> NewUniqueAsync(AduanDbContext db, int count, CancellationToken ct)
    {
        var codes = new HashSet<string>();
        while (codes.Count < count)
        {
            var fresh = Enumerable.Range(0, count - codes.Count).Select(_ => New()).Where(c => !codes.Contains(c)).ToList();
            var taken = await db.Complaints.Where(c => fresh.Contains(c.TrackingCode)).Select(c => c.TrackingCode).ToListAsync(ct);
            codes.UnionWith(fresh.Except(taken));
        }

        return codes.ToList();
    }

    /// <summary>Accepts any case, spaces and hyphens; returns the canonical form when the code is well formed.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        if (!TryRead(input, chars) || Alphabet[Checksum(chars[..RandomLength])] != chars[RandomLength])
        {
            return false;
        }

        code = Format(chars);
        return true;
    }

    /// <summary>
    /// Reads exactly <c>into.Length</c> characters of <see cref="Alphabet"/> from what a person typed: any case,
    /// spaces and hyphens skipped. False for any other character, or for too few or too many.
    /// </summary>
    public static bool TryRead(string input, Span<char> into)
    {
        var n = 0;
        foreach (var ch in input)
        {
            if (ch is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(ch);
            if (n == into.Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return false;
            }

            into[n++] = upper;
        }

        return n == into.Length;
    }

    private static int Checksum(ReadOnlySpan<char> data)
    {
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            sum += (i + 1) * Alphabet.IndexOf(data[i], StringComparison.Ordinal);
        }

        return sum % Alphabet.Length;
    }

    private static string Format(ReadOnlySpan<char> chars) => $"{chars[..5]}-{chars[5..]}";
}
