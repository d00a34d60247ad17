using Aduan.Agencies;
using Microsoft.AspNetCore.Identity;

namespace Aduan.Identity;

public sealed class StaffUser : IdentityUser
{
    /// <summary>A disabled account is locked out until the end of time; its tokens are refused too.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public string? DisplayName { get; set; }

    /// <summary>The agency of an AgencyOfficer, AgencyHead or Urc user; null for city-wide roles.</summary>
    public long? AgencyId { get; set; }
    public Agency? Agency { get; set; }

    /// <summary>How the user hears of new work (set on "Akun saya"): by e-mail at once, in a daily digest, or not at all.</summary>
    public StaffNotify Notify { get; set; } = StaffNotify.EachEvent;

    /// <summary>Escalations (a deadline near, missed, long overdue) also by SMS to <c>PhoneNumber</c>, not only by e-mail.</summary>
    public bool EscalationSms { get; set; }
}

public enum StaffNotify
{
    EachEvent,
    DailyDigest,
    None,
}

public static class StaffUserQueries
{
    /// <summary>The accounts messages may go to: not disabled, and not opted out of notifications.</summary>
    public static IQueryable<StaffUser> Notifiable(this IQueryable<StaffUser> users) =>
        users.Where(u => u.Notify != StaffNotify.None && (u.LockoutEnd == null || u.LockoutEnd != StaffUser.DisabledUntil));
}
