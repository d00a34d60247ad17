using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Account;

/// <summary>
/// "Akun saya" → notifications: how the user hears of new work for their agency (each event, a daily
/// digest, none) and the e-mail and phone it goes to. The contact is set without a new security stamp:
/// it signs no one out.
/// </summary>
public sealed class NotificationsModel(UserManager<StaffUser> users, AuditTrail audit, AduanDbContext db) : StaffPageModel
{
    [BindProperty]
    public StaffNotify Notify { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public bool EscalationSms { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        (Notify, Email, Phone, EscalationSms) = (user.Notify, user.Email, user.PhoneNumber, user.EscalationSms);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        var v = NewValidation();
        var contact = ComplaintIntake.ValidateReporter(new ReporterRequest(null, Phone, Email), v);
        if (Notify != StaffNotify.None && contact.Email is null && contact.Phone is null && v.IsValid)
        {
            v.Add("reporter.email", "Field.NotifyByEmail");
        }

        if (!v.IsValid)
        {
            foreach (var (field, messages) in v.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field == "reporter.phone" ? nameof(Phone) : nameof(Email), message);
                }
            }

            return Page();
        }

        user.Notify = Notify;
        user.Email = contact.Email;
        user.NormalizedEmail = users.NormalizeEmail(contact.Email);
        user.PhoneNumber = contact.Phone;
        user.EscalationSms = EscalationSms;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), string.Join(" ", result.Errors.Select(e => IdentityErrorText.Describe(T, e))));
            return Page();
        }

        audit.Record(Staff.Name, Staff.UserId, "user.notifications.change", user.UserName ?? user.Id, new { Notify = Notify.ToString(), EscalationSms });
        await db.SaveChangesAsync(ct);
        Flash = T["Account.NotificationsSaved"];
        return RedirectToPage();
    }
}
