using System.ComponentModel.DataAnnotations;

namespace Aduan.Identity;

/// <summary>Section <c>Aduan:TwoFactor</c>: who must use an authenticator app (TOTP) as a second factor.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Aduan:TwoFactor";

    /// <summary>
    /// Comma-separated roles that must enrol a second factor before they can work (web and API);
    /// the other roles may enrol if they wish. Empty: nobody is forced.
    /// </summary>
    public string RequiredFor { get; set; } = "Admin,Manager";

    /// <summary>The name the authenticator app shows beside the account.</summary>
    [Required]
    [MaxLength(60)]
    public string Issuer { get; set; } = "Aduan";

    public IReadOnlySet<string> RequiredRoles =>
        RequiredFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Roles.Normalize(r) ?? r).ToHashSet(StringComparer.Ordinal);

    public bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(RequiredRoles.Contains);
}
