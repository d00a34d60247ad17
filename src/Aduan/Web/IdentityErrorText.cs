using Aduan.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Aduan.Web;

/// <summary>Identity's error codes in the request's language (Identity itself describes them in English only).</summary>
public static class IdentityErrorText
{
    public static string Describe(IStringLocalizer<SharedResource> t, IdentityError error, int minLength = 10, string? userName = null) =>
        error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => t["Identity.PasswordTooShort", minLength],
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => t["Identity.PasswordRequiresDigit"],
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => t["Identity.PasswordRequiresLower"],
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => t["Identity.PasswordRequiresUpper"],
            nameof(IdentityErrorDescriber.PasswordMismatch) => t["Identity.PasswordMismatch"],
            nameof(IdentityErrorDescriber.DuplicateUserName) => t["Identity.DuplicateUserName", userName ?? ""],
            nameof(IdentityErrorDescriber.InvalidUserName) => t["Identity.InvalidUserName"],
            _ => t["Identity.Other", error.Description],
        };
}
