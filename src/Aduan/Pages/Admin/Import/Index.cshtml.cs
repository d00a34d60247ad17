using Aduan.Complaints;
using Aduan.Importing;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aduan.Pages.Admin.Import;

/// <summary>
/// Past reports from a call-center spreadsheet, through <see cref="ReportImport"/> as on the command
/// line: a dry run counts, a rejected file shows each bad row with its reasons and saves nothing.
/// </summary>
public sealed class IndexModel(ReportImport importer) : StaffPageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DryRun { get; set; } = true;

    /// <summary>The outcome of a dry run or of a rejected file (a saved import redirects with a message).</summary>
    public ImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 })
        {
            ShowError(nameof(Upload), "Import.NoFile");
            return Page();
        }

        await using var stream = Upload.OpenReadStream();
        Result = await importer.ImportAsync(stream, DryRun, new Actor(ActorKind.Staff, Staff.UserId, Staff.Name), null, ct);
        if (!Result.Saved)
        {
            return Page();
        }

        Flash = T["Import.Done", Result.Added, Result.Rows, Result.AlreadyImported];
        return RedirectToPage();
    }
}
