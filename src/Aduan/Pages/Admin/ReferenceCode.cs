using System.Text.RegularExpressions;
using Aduan.Infrastructure;

namespace Aduan.Pages.Admin;

/// <summary>Codes of agencies and categories: A-Z, 0-9 and '-', fixed once created (reports, users and the API name them).</summary>
public static partial class ReferenceCode
{
    public const int MaxLength = 40;

    /// <summary>The code in upper case, or null with the reason in <paramref name="v"/>.</summary>
    public static string? Check(Validation v, string field, string? value)
    {
        var code = v.Text(field, value, 2, MaxLength, required: true)?.ToUpperInvariant();
        if (code is not null && !Pattern().IsMatch(code))
        {
            v.Add(field, "Admin.CodeFormat");
            return null;
        }

        return code;
    }

    [GeneratedRegex("^[A-Z0-9-]+$")]
    private static partial Regex Pattern();
}
