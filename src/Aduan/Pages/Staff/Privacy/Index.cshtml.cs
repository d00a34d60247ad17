using System.Text.Json;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Privacy;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Staff.Privacy;

/// <summary>
/// Access and erasure requests (UU No. 27/2022): a manager finds what is held about a phone number or
/// e-mail address, downloads it as JSON, or erases the contact details. Every form posts (the number
/// never lands in a URL, a log or the history); export and erasure are audited.
/// </summary>
[Authorize(Roles = Roles.Manager + "," + Roles.Admin)]
public sealed class IndexModel(PersonalDataRequests requests, TimeProvider time) : StaffPageModel
{
    [BindProperty]
    public string? Subject { get; set; }

    /// <summary>The manager ticked "I have checked the person's identity and request".</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>Null before a search; the reports found after one.</summary>
    public IReadOnlyList<HeldSummary>? Found { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        if (Read() is { } subject)
        {
            Found = await requests.FindAsync(subject, ct, Actor); // a look-up is an access too: audited
        }

        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        if (Read() is not { } subject)
        {
            return Page();
        }

        var now = time.Now();
        var export = await requests.ExportAsync(subject, Actor, now, ct);
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, PersonalDataRequests.Json), "application/json",
            $"aduan-data-{now:yyyyMMdd-HHmmss}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (Read() is not { } subject)
        {
            return Page();
        }

        if (!Confirmed)
        {
            ShowError(nameof(Confirmed), "Privacy.ConfirmRequired");
            Found = await requests.FindAsync(subject, ct);
            return Page();
        }

        var erased = await requests.EraseAsync(subject, Actor, ct);
        Flash = erased.Count == 0 ? T["Privacy.NothingErased"] : T["Privacy.Erased", erased.Count, string.Join(", ", erased.Take(20))];
        return RedirectToPage();
    }

    private Actor Actor => new(ActorKind.Staff, Staff.UserId, Staff.Name, Staff.AgencyId);

    private DataSubject? Read()
    {
        var v = NewValidation();
        var subject = DataSubject.Parse(Subject, v, nameof(Subject));
        ShowErrors(v);
        return subject;
    }
}
