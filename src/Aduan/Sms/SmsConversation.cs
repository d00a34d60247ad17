using System.Globalization;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Sms;

/// <summary>
/// Acts on one stored incoming SMS: a new report through the one intake, a status, a reply on a
/// report as its reporter, or help; and queues the answer as an <c>sms</c> outbox message in the
/// same transaction that marks the message processed. Safe to run again after a crash: the intake's
/// idempotency key (<c>sms-{id}</c>) gives back the same report, the reply's key the same answer.
/// </summary>
public sealed class SmsConversation(
    AduanDbContext db, ComplaintIntake intake, ComplaintWorkflow workflow, ComplaintPresenter presenter, OutboxWriter outbox,
    IStringLocalizer<SharedResource> text, IOptions<SmsOptions> options, TimeProvider time)
{
    /// <summary>How long one processing run holds a message before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Runs that failed before a message is left aside (status Ignored, intent <c>failed</c>).</summary>
    public const int MaxAttempts = 5;

    private SmsOptions O => options.Value;

    /// <summary>False when someone else holds the message or it was processed already.</summary>
    public async Task<bool> ProcessAsync(long id, CancellationToken ct)
    {
        var now = time.Now();
        var until = now + Lease;
        var claimed = await db.SmsMessages
            .Where(m => m.Id == id && m.Status == SmsStatus.Received && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed == 0)
        {
            return false;
        }

        var sms = await db.SmsMessages.SingleAsync(m => m.Id == id, ct);
        if (sms.Attempts > MaxAttempts)
        {
            Finish(sms, SmsStatus.Ignored, "failed", now);
            await db.SaveChangesAsync(ct);
            return true;
        }

        var command = SmsLanguage.Parse(sms.Text, O.Keyword);
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(command.English ? "en" : "id");
        try
        {
            await ActAsync(sms, command, ct);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }

        return true;
    }

    private async Task ActAsync(SmsMessage sms, SmsCommand command, CancellationToken ct)
    {
        var now = time.Now();
        var ignored = await IsBlockedAsync(sms.Phone, ct) ? "blocked"
            : await TooManyAsync(sms, now, ct) ? "limited"
            : command is SmsCommand.Plain plain && SmsLanguage.LooksLikeNoise(plain.Text) ? "noise"
            : null;
        if (ignored is not null)
        {
            Finish(sms, SmsStatus.Ignored, ignored, now);
            await db.SaveChangesAsync(ct);
            return;
        }

        switch (command)
        {
            case SmsCommand.NewReport r: await NewReportAsync(sms, r, ct); break;
            case SmsCommand.Check c: await CheckAsync(sms, c, ct); break;
            case SmsCommand.Reply r: await ReplyAsync(sms, r.Code, r.Text, command, ct); break;
            case SmsCommand.Plain p: await PlainAsync(sms, p, ct); break;
            case SmsCommand.TooShort: await AnswerAsync(sms, command, null, T("Sms.TooShort", O.Keyword, O.ShortNumber), ct); break;
            default: await AnswerAsync(sms, command, null, T("Sms.Help", O.Keyword, O.ShortNumber), ct); break;
        }
    }

    private async Task NewReportAsync(SmsMessage sms, SmsCommand.NewReport r, CancellationToken ct)
    {
        var request = new IntakeRequest(Channel.Sms, r.Text)
        {
            Reporter = new ReporterRequest(Phone: sms.Phone),
            IdempotencyKey = $"sms-{sms.Id}",
        };
        var outcome = await intake.SubmitAsync(request, new Validation(text), ct);
        if (outcome is IntakeOutcome.Stored stored)
        {
            var code = stored.Complaint.TrackingCode;
            var reply = SmsSegments.Fit(part => T("Sms.Received", code, O.Keyword, O.ShortNumber, part), stored.Complaint.Text);
            await AnswerAsync(sms, r, stored.Complaint.Id, reply, ct);
            return;
        }

        await AnswerAsync(sms, r, null, T("Sms.TooShort", O.Keyword, O.ShortNumber), ct);
    }

    private async Task CheckAsync(SmsMessage sms, SmsCommand.Check c, CancellationToken ct)
    {
        if (CodeProblem(c.Code) is { } problem)
        {
            await AnswerAsync(sms, c, null, problem, ct);
            return;
        }

        TrackingCode.TryNormalize(c.Code, out var code);
        var report = await workflow.ForPublic().SingleOrDefaultAsync(x => x.TrackingCode == code && x.Reporter.Phone == sms.Phone, ct);
        if (report is null)
        {
            await AnswerAsync(sms, c, null, T("Sms.NotFound", code!, O.Keyword, O.ShortNumber), ct);
            return;
        }

        var wib = report.UpdatedAt.ToOffset(TimeSpan.FromHours(7)).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        var head = T("Sms.Status", report.TrackingCode, presenter.StatusLabel(report.Status), wib)
            + (report.LeadAgency is { } agency ? " " + T("Sms.StatusAgency", agency.ShortName ?? agency.Code) : "")
            + (report.Status == ComplaintStatus.Deferred ? " " + T("Sms.StatusQuestion", O.Keyword, report.TrackingCode) : "");
        await AnswerAsync(sms, c, report.Id, SmsSegments.Fit(part => part.Length == 0 ? head : $"{head} \"{part}\"", report.Title ?? report.Text), ct);
    }

    private async Task ReplyAsync(SmsMessage sms, string typed, string reply, SmsCommand command, CancellationToken ct)
    {
        if (CodeProblem(typed) is { } problem)
        {
            await AnswerAsync(sms, command, null, problem, ct);
            return;
        }

        TrackingCode.TryNormalize(typed, out var code);
        var report = await workflow.ForChange().SingleOrDefaultAsync(x => x.TrackingCode == code && x.Reporter.Phone == sms.Phone, ct);
        if (report is null)
        {
            await AnswerAsync(sms, command, null, T("Sms.NotFound", code!, O.Keyword, O.ShortNumber), ct);
            return;
        }

        await ReplyOnAsync(sms, report, reply, command, ct);
    }

    /// <summary>No keyword: the answer to the question on this number's one deferred report, if it has exactly one.</summary>
    private async Task PlainAsync(SmsMessage sms, SmsCommand.Plain p, CancellationToken ct)
    {
        var waiting = await db.Complaints.Where(c => c.Reporter.Phone == sms.Phone && c.Status == ComplaintStatus.Deferred)
            .Select(c => c.Id).Take(2).ToListAsync(ct);
        switch (waiting.Count)
        {
            case 1:
                var report = await workflow.ForChange().SingleAsync(c => c.Id == waiting[0], ct);
                await ReplyOnAsync(sms, report, p.Text, p, ct);
                break;
            case > 1:
                await AnswerAsync(sms, p, null, T("Sms.WhichReport", O.Keyword, O.ShortNumber), ct);
                break;
            default:
                await AnswerAsync(sms, p, null, T("Sms.Unknown", O.Keyword, O.ShortNumber), ct);
                break;
        }
    }

    /// <summary>The reply goes on the report as the reporter's, with this message's answer, in one transaction.</summary>
    private async Task ReplyOnAsync(SmsMessage sms, Complaint report, string reply, SmsCommand command, CancellationToken ct)
    {
        var valid = new Validation(text).Text("text", reply, 1, Complaint.MaxTextLength, required: true);
        if (valid is null)
        {
            await AnswerAsync(sms, command, report.Id, T("Sms.ReplyEmpty", O.Keyword, report.TrackingCode), ct);
            return;
        }

        Queue(sms, command, report.Id, T("Sms.ReplyDone", report.TrackingCode));
        var outcome = await workflow.TryApplyAsync(report, new ReplyCommand(valid), Actor.Reporter, ct);
        if (outcome.Refusal is null)
        {
            outbox.AfterSave();
            return;
        }

        // Nothing was saved (the workflow forgot every change in this scope): answer why instead.
        var again = await db.SmsMessages.SingleAsync(m => m.Id == sms.Id, ct);
        await AnswerAsync(again, command, report.Id, T("Sms.ReplyRefused", report.TrackingCode, O.Keyword), ct);
    }

    /// <summary>Marks the message processed and queues the answer, both saved now.</summary>
    private async Task AnswerAsync(SmsMessage sms, SmsCommand command, long? complaintId, string reply, CancellationToken ct)
    {
        Queue(sms, command, complaintId, reply);
        await db.SaveChangesAsync(ct);
        outbox.AfterSave();
    }

    private void Queue(SmsMessage sms, SmsCommand command, long? complaintId, string reply)
    {
        var now = time.Now();
        sms.ComplaintId = complaintId;
        Finish(sms, SmsStatus.Processed, command.Intent, now);
        var key = $"sms-reply-{sms.Id}";
        outbox.Add(SmsOutbox.MessageType, key, null, JsonSerializer.Serialize(new SmsPayload(sms.Phone, reply)), now);
        db.SmsMessages.Add(new SmsMessage
        {
            Direction = SmsDirection.Out, Gateway = sms.Gateway, ExternalId = key, Phone = sms.Phone, Text = reply, At = now,
            Status = SmsStatus.Queued, Intent = command.Intent, ComplaintId = complaintId, ProcessedAt = now,
        });
    }

    private static void Finish(SmsMessage sms, SmsStatus status, string intent, DateTimeOffset now)
    {
        sms.Status = status;
        sms.Intent = intent;
        sms.ProcessedAt = now;
        sms.LockedUntil = null;
    }

    /// <summary>A hint when the typed code cannot be one: missing, the wrong length, or a typo its check character caught.</summary>
    private string? CodeProblem(string typed)
    {
        if (TrackingCode.TryNormalize(typed, out _))
        {
            return null;
        }

        var shown = new string(typed.Where(char.IsLetterOrDigit).Take(12).ToArray()).ToUpperInvariant();
        return shown.Length == TrackingCode.Length
            ? T("Sms.CodeTypo", shown, O.Keyword)
            : T("Sms.CodeMissing", O.Keyword, O.ShortNumber);
    }

    private Task<bool> IsBlockedAsync(string phone, CancellationToken ct) => db.SmsBlockedNumbers.AnyAsync(b => b.Phone == phone, ct);

    private async Task<bool> TooManyAsync(SmsMessage sms, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddHours(-1);
        var earlier = await db.SmsMessages.CountAsync(m => m.Direction == SmsDirection.In && m.Phone == sms.Phone && m.Id < sms.Id
            && m.At >= since && m.Status == SmsStatus.Processed, ct);
        return earlier >= O.PerNumberPerHour;
    }

    private string T(string key, params object[] args) => text[key, args];
}

/// <summary>An <c>sms</c> outbox message's payload, whoever queues it (replies here, notifications elsewhere).</summary>
public sealed record SmsPayload(
    [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
    [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
