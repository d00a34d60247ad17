using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Staff;

/// <summary>What the operator types while the caller talks.</summary>
public sealed class CallForm
{
    public string? Phone { get; set; }
    public string? Name { get; set; }
    public string? Text { get; set; }
    public string? Category { get; set; }
    public string? Kecamatan { get; set; }
    public string? Address { get; set; }
    public PrivacyMode Privacy { get; set; } = PrivacyMode.Anonymous;

    /// <summary>Set when the form is shown: a double submit (or a retry after a timeout) stores the report once.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// The call-center console of 1500444: the caller's number first (their earlier reports appear),
/// the report in one form, the tracking code to read back; and a lookup by code or number.
/// </summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Manager)]
public sealed class CallCenterModel(ComplaintIntake intake, IntakeWriter writer, AduanDbContext db, CategoryCatalog categories,
    AgencyDirectory agencies) : StaffPageModel
{
    [BindProperty]
    public CallForm Call { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Category> CategoryList { get; private set; } = [];
    public IReadOnlyList<string> KecamatanList { get; private set; } = [];
    public IReadOnlyList<Reports.RelatedReport> Found { get; private set; } = [];
    public IReadOnlyList<Reports.RelatedReport> Earlier { get; private set; } = [];

    /// <summary>Shown after a report is recorded: to be read back to the caller.</summary>
    public string? RecordedCode { get; private set; }
    public string? RecordedKey { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadListsAsync();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Found = await LookupAsync(Q.Trim());
        }

        Call.Key = Guid.NewGuid().ToString("N");
    }

    /// <summary>The earlier reports of a number, as a fragment for the console's script (and a full page without it).</summary>
    public async Task<IActionResult> OnGetEarlierAsync(string? phone)
    {
        var v = NewValidation();
        var normalized = ComplaintIntake.NormalizePhone(phone, v, "phone");
        var found = normalized is null ? [] : await ByPhoneAsync(normalized);
        return Partial("Reports/_Related", found);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var v = NewValidation();
        if (string.IsNullOrWhiteSpace(Call.Phone))
        {
            v.Add("Phone", "Field.Required");
        }

        var request = new SubmitComplaintRequest(Call.Text, Category: Call.Category, Privacy: Call.Privacy,
            Reporter: new ReporterRequest(Call.Name, Call.Phone),
            Location: new LocationRequest(Call.Address, Kecamatan: string.IsNullOrWhiteSpace(Call.Kecamatan) ? null : Call.Kecamatan));
        var input = await intake.ValidateAsync(request, Channel.CallCenter, v, ct);
        if (input is null || !v.IsValid)
        {
            foreach (var (field, messages) in v.Errors)
            {
                var name = field switch
                {
                    "reporter.phone" => "Phone",
                    "reporter.name" => "Name",
                    "location.address" => "Address",
                    "location.kecamatan" => "Kecamatan",
                    _ => char.ToUpperInvariant(field[0]) + field[1..],
                };
                messages.ForEach(m => ModelState.AddModelError("Call." + name, m));
            }

            await LoadListsAsync();
            if (input?.Reporter.Phone is { } phone)
            {
                Earlier = await ByPhoneAsync(phone);
            }

            return Page();
        }

        var key = Call.Key is { Length: > 0 and <= 64 } k && k.All(char.IsAsciiLetterOrDigit) ? "callcenter-" + k : null;
        var outcome = await writer.SubmitAsync(new IntakeItem(input, new Actor(ActorKind.Staff, Staff.UserId, Staff.Name, Staff.AgencyId), key), ct);
        RecordedCode = outcome.Complaint?.TrackingCode;
        RecordedKey = outcome.ReporterKey;
        Call = new CallForm { Key = Guid.NewGuid().ToString("N") };
        ModelState.Clear();
        await LoadListsAsync();
        return Page();
    }

    private async Task LoadListsAsync()
    {
        var ct = HttpContext.RequestAborted;
        CategoryList = await categories.ActiveAsync(ct);
        KecamatanList = await agencies.KecamatanNamesAsync(ct);
    }

    private async Task<IReadOnlyList<Reports.RelatedReport>> LookupAsync(string q)
    {
        if (TrackingCode.TryNormalize(q, out var code))
        {
            return await Rows(db.Complaints.AsNoTracking().Where(c => c.TrackingCode == code));
        }

        var phone = ComplaintIntake.NormalizePhone(q, NewValidation(), "q");
        return phone is null ? [] : await ByPhoneAsync(phone);
    }

    private async Task<IReadOnlyList<Reports.RelatedReport>> ByPhoneAsync(string phone) =>
        await Rows(db.Complaints.AsNoTracking().Where(c => c.Reporter.Phone == phone));

    private Task<List<Reports.RelatedReport>> Rows(IQueryable<Complaint> q) => Reports.RelatedReport.LatestAsync(q, 10, HttpContext.RequestAborted);
}
