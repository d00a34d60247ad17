using Aduan.Categories;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Categories;

/// <summary>
/// A new category (no code in the address) or an existing one: name, default agency, service tier
/// (which sets the resolution deadline of new reports), whether it can be urgent, whether it is an
/// emergency (urgent from the start, "call 112" on the form), active.
/// </summary>
public sealed class EditModel(AduanDbContext db, CategoryCatalog catalog, AuditTrail audit) : StaffPageModel
{
    public sealed class CategoryForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? DefaultAgency { get; set; }
        public string? Tier { get; set; }
        public bool UrgentPossible { get; set; }
        public bool IsEmergency { get; set; }
        public bool IsActive { get; set; } = true;
    }

    public sealed record AgencyOption(long Id, string Code, string Name);

    [BindProperty]
    public CategoryForm Input { get; set; } = new() { Tier = nameof(ServiceTier.Normative) };

    /// <summary>The stored code; null on the new-category form.</summary>
    public string? Code { get; private set; }

    /// <summary>Active agencies, plus the current default agency if it has been deactivated since.</summary>
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (code is not null)
        {
            if (await FindAsync(code, ct) is not { } category)
            {
                return NotFound();
            }

            Code = category.Code;
            Input = new CategoryForm
            {
                Code = category.Code, Name = category.Name, DefaultAgency = category.DefaultAgency?.Code, Tier = category.Tier.ToString(),
                UrgentPossible = category.UrgentPossible, IsEmergency = category.IsEmergency, IsActive = category.IsActive,
            };
        }

        await LoadAgenciesAsync(Input.DefaultAgency, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        var category = code is null ? null : await FindAsync(code, ct);
        if (code is not null && category is null)
        {
            return NotFound();
        }

        Code = category?.Code;
        await LoadAgenciesAsync(category?.DefaultAgency?.Code, ct);
        var v = NewValidation();
        var newCode = category is null ? ReferenceCode.Check(v, "Input.Code", Input.Code) : category.Code;
        var name = v.Text("Input.Name", Input.Name, 1, 200, required: true);
        var tier = v.Enum<ServiceTier>("Input.Tier", Input.Tier);
        if (Input.Tier is null)
        {
            v.Add("Input.Tier", "Field.Required");
        }

        var agency = Agencies.FirstOrDefault(a => a.Code == Input.DefaultAgency);
        if (!string.IsNullOrEmpty(Input.DefaultAgency) && agency is null)
        {
            v.Add("Input.DefaultAgency", "Admin.Users.UnknownAgency");
        }

        if (category is null && newCode is not null && await db.Categories.AnyAsync(c => c.Code == newCode, ct))
        {
            v.Add("Input.Code", "Admin.CodeTaken", newCode);
        }

        if (!v.IsValid)
        {
            ShowErrors(v);
            return Page();
        }

        if (category is null)
        {
            category = new Category { Code = newCode!, Name = name! };
            db.Categories.Add(category);
        }

        (category.Name, category.DefaultAgencyId, category.Tier) = (name!, agency?.Id, tier!.Value);
        (category.UrgentPossible, category.IsEmergency, category.IsActive) = (Input.UrgentPossible || Input.IsEmergency, Input.IsEmergency, Input.IsActive);
        audit.Record(Staff.Name, Staff.UserId, code is null ? "category.create" : "category.update", category.Code,
            new { name, defaultAgency = agency?.Code, tier = category.Tier.ToString(), category.UrgentPossible, Input.IsEmergency, Input.IsActive });
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        Flash = T["Admin.Saved", category.Code];
        return RedirectToPage(new { code = category.Code });
    }

    private async Task LoadAgenciesAsync(string? current, CancellationToken ct) =>
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive || a.Code == current).OrderBy(a => a.Code)
            .Select(a => new AgencyOption(a.Id, a.Code, a.Name)).ToListAsync(ct);

    private Task<Category?> FindAsync(string code, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Categories.Include(c => c.DefaultAgency).SingleOrDefaultAsync(c => c.Code == normalized, ct);
    }
}
