using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Aduan.Pages.Staff.Account;

/// <summary>
/// Enrolment of an authenticator app (TOTP, RFC 6238): a QR code and the key in text, a code to
/// prove it works, then ten one-time recovery codes shown once.
/// </summary>
public sealed class AuthenticatorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditTrail audit,
    AduanDbContext db, IOptions<TwoFactorOptions> options, SignInThrottle throttle) : StaffPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>A code from the enrolled authenticator: new recovery codes and a reset need one, not only a session.</summary>
    [BindProperty]
    public string? CurrentCode { get; set; }

    public string SharedKey { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    /// <summary>Shown once, right after enrolment or regeneration.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool Enabled { get; private set; }

    public bool Required => options.Value.IsRequiredFor(Staff.Roles);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (!await CheckCodeAsync(user, nameof(Code), Code))
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        audit.Record(Staff.Name, Staff.UserId, "user.2fa.enable", user.UserName ?? user.Id);
        await db.SaveChangesAsync();
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await signIn.RefreshSignInAsync(user);
        Flash = null;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!await CheckCodeAsync(user, nameof(CurrentCode), CurrentCode))
        {
            await LoadAsync(user);
            return Page();
        }

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        audit.Record(Staff.Name, Staff.UserId, "user.2fa.recovery-codes", user.UserName ?? user.Id);
        await db.SaveChangesAsync();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>
    /// Turns the second factor off and forgets the key (roles that require it must enrol again at once).
    /// Needs a current code: whoever holds only the session cannot swap in an authenticator of their own.
    /// </summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (user.TwoFactorEnabled && !await CheckCodeAsync(user, nameof(CurrentCode), CurrentCode))
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        audit.Record(Staff.Name, Staff.UserId, "user.2fa.reset", user.UserName ?? user.Id);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        Flash = T[Required ? "Authenticator.ResetRequired" : "Authenticator.ResetDone"];
        return RedirectToPage();
    }

    /// <summary>A code of the user's authenticator, each used once; an error beside <paramref name="field"/> otherwise.</summary>
    /// <remarks>Wrong codes are slowed down as wrong passwords are (<see cref="SignInThrottle"/>), so a session alone cannot guess one.</remarks>
    private async Task<bool> CheckCodeAsync(StaffUser user, string field, string? typed)
    {
        var (account, address) = ("code:" + user.Id, RateLimits.ClientAddress(HttpContext));
        if (throttle.Wait(account, address) is { Ticks: > 0 } wait)
        {
            ShowError(field, "Problem.LoginThrottled.Detail", Math.Ceiling(wait.TotalSeconds));
            return false;
        }

        var code = (typed ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length > 0 && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throttle.Succeeded(account, address);
            return true;
        }

        if (code.Length > 0)
        {
            throttle.Failed(account, address);
        }

        ShowError(field, code.Length == 0 ? "Field.Required" : "SecondFactor.Wrong");
        return false;
    }

    private async Task LoadAsync(StaffUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);

            // A new key renews the security stamp, which ends every session: keep this one.
            await signIn.RefreshSignInAsync(user);
        }

        SharedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var issuer = Uri.EscapeDataString(options.Value.Issuer);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.UserName ?? user.Id)}?secret={key}&issuer={issuer}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
