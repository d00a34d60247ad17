using System.Globalization;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Sms;
using Aduan.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Pages.Admin.Messages;

/// <summary>
/// The SMS and e-mail traffic, newest first: what went out (with its delivery status from the outbox)
/// and the SMS that came in, for all reports or one. Numbers and addresses are shown shortened: enough
/// to tell two apart, not to copy one.
/// </summary>
public sealed class IndexModel(AduanDbContext db) : StaffPageModel
{
    public const int PageSize = 50;

    public sealed record Row(DateTimeOffset At, string Way, string Medium, string Party, string? Report, string Status, int Attempts, string? Text);

    /// <summary><c>keluar</c> (outgoing, the default) or <c>masuk</c> (incoming SMS).</summary>
    [FromQuery(Name = "arah")]
    public string? Direction { get; set; }

    /// <summary>A report's tracking code: only its messages.</summary>
    [FromQuery(Name = "kode")]
    public string? Code { get; set; }

    public bool Incoming => string.Equals(Direction, "masuk", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 1000);
        string? code = null;
        if (!string.IsNullOrWhiteSpace(Code) && !TrackingCode.TryNormalize(Code, out code))
        {
            ShowError(nameof(Code), "Field.TrackingCode");
            return Page();
        }

        Code = code;
        var skip = (PageNumber - 1) * PageSize;
        var rows = Incoming ? await IncomingAsync(code, skip, ct) : await OutgoingAsync(code, skip, ct);
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }

    private async Task<List<Row>> IncomingAsync(string? code, int skip, CancellationToken ct)
    {
        var q = db.SmsMessages.AsNoTracking().Where(m => m.Direction == SmsDirection.In);
        if (code is not null)
        {
            q = q.Where(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == code));
        }

        return (await q.OrderByDescending(m => m.Id).Skip(skip).Take(PageSize + 1)
                .Select(m => new { m.At, m.Phone, m.Status, m.Attempts, m.Text, Report = db.Complaints.Where(c => c.Id == m.ComplaintId).Select(c => c.TrackingCode).FirstOrDefault() })
                .ToListAsync(ct))
            .Select(m => new Row(m.At, "in", "sms", Shorten(m.Phone), m.Report, m.Status.ToString(), m.Attempts, Clip(m.Text))).ToList();
    }

    private async Task<List<Row>> OutgoingAsync(string? code, int skip, CancellationToken ct)
    {
        var q = db.OutboxMessages.AsNoTracking().Where(o => o.Type == SmsOutbox.MessageType || o.Type == EmailSender.MessageType);
        if (code is not null)
        {
            // The notifications' keys name their report (notify/CODE/..., staff/CODE/...); SMS replies are linked by their SMS row.
            var replies = db.SmsMessages.Where(m => m.Direction == SmsDirection.Out && db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == code))
                .Select(m => m.ExternalId);
            q = q.Where(o => o.IdempotencyKey.Contains("/" + code + "/") || replies.Contains(o.IdempotencyKey));
        }

        return (await q.OrderByDescending(o => o.Id).Skip(skip).Take(PageSize + 1)
                .Select(o => new { o.CreatedAt, o.Type, o.Payload, o.IdempotencyKey, o.Status, o.Attempts, o.LastError }).ToListAsync(ct))
            .Select(o => new Row(o.CreatedAt, "out", o.Type, Shorten(Recipient(o.Payload)), ReportOf(o.IdempotencyKey, code), o.Status.ToString(),
                o.Attempts, o.LastError))
            .ToList();
    }

    private static string? Recipient(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("to", out var to) ? to.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReportOf(string key, string? code) =>
        code ?? key.Split('/') switch
        {
            [_, var c, ..] when TrackingCode.TryNormalize(c, out var normalized) => normalized,
            _ => null,
        };

    /// <summary>"+62812•••7890", "s•••@contoh.id": which one, without the whole of it.</summary>
    public static string Shorten(string? party) => party switch
    {
        null or "" => "–",
        _ when party.IndexOf('@', StringComparison.Ordinal) is > 0 and var at => party[..1] + "•••" + party[at..],
        { Length: > 10 } => party[..6] + "•••" + party[^4..],
        _ => "•••" + party[^Math.Min(3, party.Length)..],
    };

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";

    public string PageLink(int page) => QueryHelpers.AddQueryString(Url.Page("Index")!, new Dictionary<string, string?>
    {
        ["arah"] = Incoming ? "masuk" : null, ["kode"] = Code, ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null));
}
