using System.Globalization;
using Aduan.Agencies;
using Aduan.Attachments;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Transparency;
using Aduan.Triage;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Pages.Portal;

/// <summary>The report form; nested as the intake's fields are named (reporter.phone, location.kecamatan), so errors land beside their fields.</summary>
public sealed class ReportForm
{
    public string? Text { get; set; }
    public string? Category { get; set; }
    public ComplaintKind Kind { get; set; } = ComplaintKind.Complaint;
    public PrivacyMode Privacy { get; set; } = PrivacyMode.Anonymous;
    public ContactForm Reporter { get; set; } = new();

    /// <summary>How to hear of the report; none ticked: e-mail if given, else SMS.</summary>
    public NotifyBy? NotifyBy { get; set; }
    public PlaceForm Location { get; set; } = new();
    public List<IFormFile> Photos { get; set; } = [];

    /// <summary>Set after the citizen saw the possible duplicates and still wants to send their own report.</summary>
    public bool Confirmed { get; set; }

    /// <summary>Set when the form is shown: a double submit stores the report once.</summary>
    public string? Key { get; set; }

    public sealed class ContactForm
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }

        /// <summary>The reporter agrees to be named on the public register (a public report only).</summary>
        public bool PublishName { get; set; }
    }

    /// <summary>Lat and Lng as typed by the map script, always with a dot: parsed invariantly, not in the page's language.</summary>
    public sealed class PlaceForm
    {
        public string? Address { get; set; }
        public string? Kecamatan { get; set; }
        public string? Lat { get; set; }
        public string? Lng { get; set; }

        /// <summary>The citizen answered "send without a place" to the question an emergency without one gets.</summary>
        public bool NoPlace { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(Kecamatan)
            && string.IsNullOrWhiteSpace(Lat) && string.IsNullOrWhiteSpace(Lng);
    }
}

/// <summary>/lapor: a citizen reports without an account; the answer is the tracking code and the reporter key.</summary>
[EnableRateLimiting(RateLimits.Intake)]
public sealed class LaporModel(ComplaintIntake intake, ImageUploads uploads, Supporters supporters, AduanDbContext db,
    AgencyDirectory agencies, IOptions<MapOptions> map)
    : PortalPageModel
{
    [BindProperty]
    public ReportForm Report { get; set; } = new();

    public IReadOnlyList<Category> CategoryList { get; private set; } = [];
    public IReadOnlyList<string> KecamatanList { get; private set; } = [];

    /// <summary>The kecamatan centres by name, for "use my location" to suggest the nearest one in the browser too.</summary>
    public IReadOnlyDictionary<string, AgencyDirectory.KecamatanCentre> Centres { get; private set; } =
        new Dictionary<string, AgencyDirectory.KecamatanCentre>();

    /// <summary>The chosen category is an emergency: the form shows "call 112" at its top.</summary>
    public bool IsEmergency => CategoryList.Any(c => c.IsEmergency && string.Equals(c.Code, Report.Category, StringComparison.OrdinalIgnoreCase));

    /// <summary>An emergency came without any place: the form asks where, or offers to send without one.</summary>
    public bool AskNoPlace { get; private set; }
    public IReadOnlyList<SimilarReport> Similar { get; private set; } = [];
    public MapOptions Map => map.Value;
    public int MaxPhotos => uploads.Options.MaxPhotos;

    /// <summary>Shown once the report is stored.</summary>
    public string? StoredCode { get; private set; }
    public string? StoredKey { get; private set; }

    /// <summary>When verification is due (the running Verification clock), to say by when something happens.</summary>
    public DateTimeOffset? VerifyBy { get; private set; }

    /// <summary>How the reporter will hear: the channel intake settled on (none without a contact).</summary>
    public NotifyBy StoredNotifyBy { get; private set; }

    public async Task OnGetAsync()
    {
        Report.Key = Guid.NewGuid().ToString("N");
        await LoadListsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var v = NewValidation();
        var photos = await uploads.ReadAsync(Report.Photos, "photos", v, ct);
        var f = Report;
        var key = f.Key is { Length: > 0 and <= 64 } k && k.All(char.IsAsciiLetterOrDigit) ? "portal-" + k : null;
        await LoadListsAsync();

        // Nobody can be sent to an emergency without a place: ask, but let the citizen send anyway.
        if (IsEmergency && f.Location.IsEmpty && !f.Location.NoPlace)
        {
            AskNoPlace = true;
            v.Add("location", "Portal.Report.EmergencyNoPlace");
        }

        var outcome = await intake.SubmitAsync(new IntakeRequest(Channel.Web, f.Text)
        {
            Category = Blank(f.Category), Kind = f.Kind, Privacy = f.Privacy,
            Reporter = new ReporterRequest(f.Reporter.Name, f.Reporter.Phone, f.Reporter.Email, f.Reporter.PublishName),
            Location = new LocationRequest(f.Location.Address, Coordinate(f.Location.Lat, "location", v),
                Coordinate(f.Location.Lng, "location", v), Blank(f.Location.Kecamatan)),
            Photos = photos, IdempotencyKey = key, OfferSimilar = !f.Confirmed, NotifyBy = f.NotifyBy,
        }, v, ct);
        switch (outcome)
        {
            case IntakeOutcome.Stored stored:
                StoredCode = stored.Complaint.TrackingCode;
                StoredKey = stored.ReporterKey;
                StoredNotifyBy = stored.Complaint.NotifyBy;
                VerifyBy = stored.Complaint.Clocks.FirstOrDefault(c => c.Kind == Sla.SlaClockKind.Verification && c.StoppedAt is null)?.DueAt;
                return Page();
            case IntakeOutcome.SimilarFound similar:
                Similar = similar.Reports;
                Report.Confirmed = true;
                ModelState.Remove("Report.Confirmed"); // else the hidden field shows the posted false, and "send anyway" offers the same again
                return await FormAsync();
            case IntakeOutcome.KeyReused:
                ShowError(string.Empty, "Problem.Idempotency.Detail");
                return await FormAsync();
            default:
                ShowErrors(v, "Report.");
                return await FormAsync();
        }
    }

    /// <summary>"Saya juga mengalami ini": counts the citizen on an open, published report instead of a new one.</summary>
    public async Task<IActionResult> OnPostSupportAsync(string? support)
    {
        var ct = HttpContext.RequestAborted;
        if (!TrackingCode.TryNormalize(support, out var code))
        {
            return NotFound();
        }

        var target = await db.Complaints.AsNoTracking().WherePublished()
            .Where(c => c.TrackingCode == code)
            .Select(c => new { c.Id, c.Status }).SingleOrDefaultAsync(ct);
        if (target is null || ComplaintStateMachine.IsClosed(target.Status))
        {
            return NotFound();
        }

        // A supporter is counted by their number or address as intake would store it: a made-up
        // spelling is an error beside the field, and "0812..." and "+62812..." are one person.
        var v = NewValidation();
        var contact = ComplaintIntake.ValidateReporter(new ReporterRequest(null, Report.Reporter.Phone, Report.Reporter.Email), v);
        if (!v.IsValid)
        {
            ShowErrors(v, "Report.");
            return await FormAsync();
        }

        var who = Supporters.Identify(HttpContext, contact.Phone ?? contact.Email);
        var added = await supporters.AddAsync(target.Id, code, who, ct);
        Flash = T[added ? "Portal.Support.Added" : "Portal.Support.Again"];
        return Redirect("/lacak/" + code);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static double? Coordinate(string? raw, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        v.Add(field, "Field.OutsideIndonesia");
        return null;
    }

    private async Task<IActionResult> FormAsync()
    {
        await LoadListsAsync();
        return Page();
    }

    private async Task LoadListsAsync()
    {
        (CategoryList, KecamatanList) = await intake.ChoicesAsync(HttpContext.RequestAborted);
        Centres = (await agencies.KecamatanCentresAsync(HttpContext.RequestAborted)).ToDictionary(k => k.Name);
    }
}
