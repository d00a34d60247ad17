using System.Text.RegularExpressions;
using Aduan.Agencies;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Agencies;

/// <summary>
/// A new agency (no code in the address) or an existing one: its names, kind and URC; activate or
/// deactivate it; connect or disconnect its website's webhook. The code is fixed once created.
/// </summary>
public sealed partial class EditModel(AduanDbContext db, AgencyDirectory directory, AgencyWebhookSettings webhooks, AuditTrail audit)
    : StaffPageModel
{
    public sealed class AgencyForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? ShortName { get; set; }
        public string? Kind { get; set; }
        public bool HasUrc { get; set; }

        public static AgencyForm From(Agency a) => new() { Code = a.Code, Name = a.Name, ShortName = a.ShortName, Kind = a.Kind, HasUrc = a.HasUrc };
    }

    public sealed class WebhookForm
    {
        public string? Url { get; set; }
        public string? Secret { get; set; }
    }

    public static readonly IReadOnlyList<string> KnownKinds = ["dinas", "badan", "satuan", "rsud", "bumd", "kecamatan"];

    [BindProperty]
    public AgencyForm Input { get; set; } = new();

    [BindProperty]
    public WebhookForm Webhook { get; set; } = new();

    /// <summary>The agency as stored; null on the new-agency form.</summary>
    public Agency? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (code is not null)
        {
            if (await FindAsync(code, ct) is not { } agency)
            {
                return NotFound();
            }

            (Current, Input, Webhook.Url) = (agency, AgencyForm.From(agency), agency.WebhookUrl);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        var agency = code is null ? null : await FindAsync(code, ct);
        if (code is not null && agency is null)
        {
            return NotFound();
        }

        var v = NewValidation();
        var newCode = agency is null ? ReferenceCode.Check(v, "Input.Code", Input.Code) : agency.Code;
        var name = v.Text("Input.Name", Input.Name, 1, 200, required: true);
        var shortName = v.Text("Input.ShortName", Input.ShortName, 1, 60, required: true);
        var kind = v.Text("Input.Kind", Input.Kind, 1, 20, required: true)?.ToLowerInvariant();
        if (kind is not null && !KindPattern().IsMatch(kind))
        {
            v.Add("Input.Kind", "Admin.Agencies.KindFormat");
        }

        if (agency is null && newCode is not null && await db.Agencies.AnyAsync(a => a.Code == newCode, ct))
        {
            v.Add("Input.Code", "Admin.CodeTaken", newCode);
        }

        if (!v.IsValid)
        {
            ShowErrors(v);
            Current = agency;
            return Page();
        }

        if (agency is null)
        {
            agency = new Agency { Code = newCode!, Name = name!, ShortName = shortName!, Kind = kind!, HasUrc = Input.HasUrc };
            db.Agencies.Add(agency);
        }
        else
        {
            (agency.Name, agency.ShortName, agency.Kind, agency.HasUrc) = (name!, shortName!, kind!, Input.HasUrc);
        }

        return await SaveAsync(agency, code is null ? "agency.create" : "agency.update", "Admin.Saved",
            new { name, shortName, kind, hasUrc = Input.HasUrc }, ct);
    }

    public Task<IActionResult> OnPostActivateAsync(string code, CancellationToken ct) => SetActiveAsync(code, true, ct);

    public Task<IActionResult> OnPostDeactivateAsync(string code, CancellationToken ct) => SetActiveAsync(code, false, ct);

    public async Task<IActionResult> OnPostWebhookAsync(string code, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } agency)
        {
            return NotFound();
        }

        var v = NewValidation();
        var (url, secret) = await webhooks.CheckAsync(v, Webhook.Url, Webhook.Secret, ct);
        if (!v.IsValid)
        {
            ShowErrors(v, "Webhook.");
            (Current, Input) = (agency, AgencyForm.From(agency));
            return Page();
        }

        webhooks.Set(agency, url!, secret!, Staff.Name, Staff.UserId);
        return await SaveAsync(agency, null, "Admin.Agencies.WebhookSaved", null, ct);
    }

    public async Task<IActionResult> OnPostRemoveWebhookAsync(string code, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } agency)
        {
            return NotFound();
        }

        webhooks.Remove(agency, Staff.Name, Staff.UserId);
        return await SaveAsync(agency, null, "Admin.Agencies.WebhookRemoved", null, ct);
    }

    private async Task<IActionResult> SetActiveAsync(string code, bool active, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } agency)
        {
            return NotFound();
        }

        agency.IsActive = active;
        return await SaveAsync(agency, active ? "agency.activate" : "agency.deactivate", active ? "Admin.Activated" : "Admin.Deactivated", null, ct);
    }

    /// <summary>Audits (unless the caller already did), saves, refreshes the cached directory and goes back to the agency.</summary>
    private async Task<IActionResult> SaveAsync(Agency agency, string? action, string messageKey, object? details, CancellationToken ct)
    {
        if (action is not null)
        {
            audit.Record(Staff.Name, Staff.UserId, action, agency.Code, details);
        }

        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        Flash = T[messageKey, agency.Code];
        return RedirectToPage(new { code = agency.Code });
    }

    private Task<Agency?> FindAsync(string code, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Agencies.SingleOrDefaultAsync(a => a.Code == normalized, ct);
    }

    [GeneratedRegex("^[a-z]+$")]
    private static partial Regex KindPattern();
}
