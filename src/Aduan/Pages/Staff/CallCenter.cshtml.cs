using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Identity;
using Aduan.Triage;
using Aduan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

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
public sealed class CallCenterModel(ComplaintIntake intake, SimilarReports related)
    : StaffPageModel
{
    [BindProperty]
    public CallForm Call { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Category> CategoryList { get; private set; } = [];
    public IReadOnlyList<string> KecamatanList { get; private set; } = [];
    public IReadOnlyList<RelatedReport> Found { get; private set; } = [];
    public IReadOnlyList<RelatedReport> Earlier { get; private set; } = [];

    /// <summary>Published open reports like the one just recorded: the caller may be told the problem is already known.</summary>
    public IReadOnlyList<SimilarReport> Similar { get; private set; } = [];

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
        var found = normalized is null ? [] : await related.ByPhoneAsync(normalized, Staff, HttpContext.RequestAborted);
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

        var key = Call.Key is { Length: > 0 and <= 64 } k && k.All(char.IsAsciiLetterOrDigit) ? "callcenter-" + k : null;
        var outcome = await intake.SubmitAsync(new IntakeRequest(Channel.CallCenter, Call.Text)
        {
            Category = Call.Category, Privacy = Call.Privacy, Reporter = new ReporterRequest(Call.Name, Call.Phone),
            Location = new LocationRequest(Call.Address, Kecamatan: string.IsNullOrWhiteSpace(Call.Kecamatan) ? null : Call.Kecamatan),
            IdempotencyKey = key, Staff = Staff,
        }, v, ct);
        if (outcome is not IntakeOutcome.Stored stored)
        {
            if (outcome is IntakeOutcome.KeyReused)
            {
                ShowError(string.Empty, "Problem.Idempotency.Detail");
            }

            // The intake's field names, as this form names them.
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
            var phone = ComplaintIntake.NormalizePhone(Call.Phone, NewValidation(), "phone");
            if (phone is not null)
            {
                Earlier = await related.ByPhoneAsync(phone, Staff, ct);
            }

            return Page();
        }

        RecordedCode = stored.Complaint.TrackingCode;
        RecordedKey = stored.ReporterKey;
        Similar = await related.PublishedLikeAsync(stored.Complaint, ct);
        Call = new CallForm { Key = Guid.NewGuid().ToString("N") };
        ModelState.Clear();
        await LoadListsAsync();
        return Page();
    }

    private async Task LoadListsAsync() => (CategoryList, KecamatanList) = await intake.ChoicesAsync(HttpContext.RequestAborted);

    private async Task<IReadOnlyList<RelatedReport>> LookupAsync(string q)
    {
        var ct = HttpContext.RequestAborted;
        if (TrackingCode.TryNormalize(q, out var code))
        {
            return await related.ByCodeAsync(code, ct);
        }

        var phone = ComplaintIntake.NormalizePhone(q, NewValidation(), "q");
        return phone is null ? [] : await related.ByPhoneAsync(phone, Staff, ct);
    }
}
