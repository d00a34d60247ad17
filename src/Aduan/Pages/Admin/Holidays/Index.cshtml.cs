using System.Globalization;
using Aduan.Sla;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using Aduan.Infrastructure;
namespace Aduan.Pages.Admin.Holidays;

/// <summary>
/// The year's holidays and cuti bersama, kept through <see cref="HolidayCalendar"/> (which audits
/// each change and refreshes the deadlines' calendar).
/// </summary>
public sealed class IndexModel(HolidayCalendar calendar, TimeProvider time, IOptions<SlaOptions> sla) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    public IReadOnlyList<Holiday> Days { get; private set; } = [];

    /// <summary>The years offered: two around this year in WIB, and the one shown.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public int ShownYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var v = NewValidation();
        DateOnly? day = Dates.TryParseIso(Date, out var parsed)
            && HolidayCalendar.IsSupportedYear(parsed.Year) ? parsed : null;
        if (day is null)
        {
            v.Add(nameof(Date), string.IsNullOrWhiteSpace(Date) ? "Field.Required" : "Field.Date");
        }

        if (!HolidayCalendar.TryParseKind(Kind, out var kind))
        {
            v.Add(nameof(Kind), "Field.Required");
        }

        var name = v.Text(nameof(Name), Name, 1, 200, required: true);
        if (!v.IsValid)
        {
            ShowErrors(v);
            await LoadAsync(ct);
            return Page();
        }

        var added = await calendar.SetAsync(day!.Value, kind, name!, Staff.Name, Staff.UserId, ct);
        Flash = T[added ? "Admin.Holidays.Added" : "Admin.Holidays.Corrected", HolidayCalendar.Iso(day.Value), name!];
        return RedirectToPage(new { year = day.Value.Year });
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!Dates.TryParseIso(Date, out var day))
        {
            return BadRequest();
        }

        Flash = T[await calendar.RemoveAsync(day, Staff.Name, Staff.UserId, ct) ? "Admin.Holidays.Removed" : "Admin.Holidays.NotFound",
            HolidayCalendar.Iso(day)];
        return RedirectToPage(new { year = day.Year });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var thisYear = TimeZoneInfo.ConvertTime(time.GetUtcNow(), WorkingCalendar.FindZone(sla.Value.TimeZone)).Year;
        ShownYear = Year is { } y && HolidayCalendar.IsSupportedYear(y) ? y : thisYear;
        Years = Enumerable.Range(thisYear - 2, 5).Append(ShownYear).Distinct().Order().ToList();
        Days = await calendar.ListAsync(ShownYear, ct);
    }
}
