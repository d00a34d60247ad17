using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Notifications;
using Aduan.Outbox;
using Aduan.Privacy;
using Aduan.Sms;
using Aduan.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Following;

public enum FollowResult
{
    /// <summary>A confirmation is on its way, or the address follows (or was asked to) already: the same answer, so it tells nobody who follows what.</summary>
    Asked,
    NotFound,
    Invalid,
    Full,
}

/// <summary>Where a stop or confirmation link leads: the report's code and the follower's state.</summary>
public sealed record FollowerLink(string TrackingCode, NotifyBy Channel, bool Confirmed, bool Expired);

/// <summary>
/// Following a report by SMS or e-mail, with a double opt-in for both: the follow request sends one
/// message with a confirmation link, and nothing else goes to the address until it is opened and
/// confirmed (so nobody can sign up someone else's number or mailbox for more than one message).
/// Anyone may follow a published report; the reporter (with their key) may follow their own whatever
/// its privacy. Every message carries the stop link; links show a button and only its POST changes
/// anything, because mail scanners open links.
/// </summary>
public sealed class Followers(AduanDbContext db, OutboxWriter outbox, ServerSecrets secrets, TimeProvider time,
    IOptions<FollowingOptions> options, IOptions<AduanOptions> site)
{
    public const string SecretName = "followers";

    public async Task<FollowResult> FollowAsync(string? code, string? contact, string? reporterKey, string language, Validation v,
        CancellationToken ct)
    {
        if (!TrackingCode.TryNormalize(code, out var canonical))
        {
            return FollowResult.NotFound;
        }

        var target = await db.Complaints.AsNoTracking().Where(c => c.TrackingCode == canonical)
            .Select(c => new { c.Id, c.ReporterKeyHash, Published = db.Complaints.WherePublished().Any(p => p.Id == c.Id) })
            .SingleOrDefaultAsync(ct);
        var isReporter = target is not null && ReporterKey.Matches(reporterKey, target.ReporterKeyHash);
        if (target is null || !(target.Published || isReporter))
        {
            return FollowResult.NotFound; // as a wrong code: a report the public cannot see is not confirmed to exist
        }

        var subject = DataSubject.Parse(contact, v, "contact");
        if (subject is null)
        {
            return FollowResult.Invalid;
        }

        var now = time.Now();
        var address = subject.Phone ?? subject.Email!;
        var follower = await db.ReportFollowers.SingleOrDefaultAsync(f => f.ComplaintId == target.Id && f.Address == address, ct);
        if (follower is not null && (follower.ConfirmedAt is not null || !IsExpired(follower, now)))
        {
            follower.IsReporter |= isReporter;
            await db.SaveChangesAsync(ct);
            return FollowResult.Asked; // no second confirmation: a form cannot be used to flood an address
        }

        if (follower is null)
        {
            if (await db.ReportFollowers.CountAsync(f => f.ComplaintId == target.Id, ct) >= options.Value.MaxPerReport)
            {
                return FollowResult.Full;
            }

            follower = new ReportFollower { ComplaintId = target.Id, Address = address, TokenHash = "" };
            db.ReportFollowers.Add(follower);
        }

        follower.Channel = subject.Phone is not null ? NotifyBy.Sms : NotifyBy.Email;
        follower.Language = language == "en" ? "en" : "id";
        follower.IsReporter = isReporter;
        follower.CreatedAt = now;
        var token = await TokenAsync(follower, ct);
        follower.TokenHash = Hash(token);
        QueueConfirmation(follower, canonical, token, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return FollowResult.Asked; // the same address twice at once: the unique index kept one
        }

        outbox.AfterSave();
        return FollowResult.Asked;
    }

    /// <summary>The follower a confirmation or stop link names; null when the token is unknown (stopped, expired and swept, or made up).</summary>
    public async Task<FollowerLink?> FindAsync(string? token, CancellationToken ct)
    {
        var found = await ByToken(token).Select(f => new { f.Channel, f.ConfirmedAt, f.CreatedAt,
            Code = db.Complaints.Where(c => c.Id == f.ComplaintId).Select(c => c.TrackingCode).Single() }).SingleOrDefaultAsync(ct);
        return found is null ? null : new FollowerLink(found.Code, found.Channel, found.ConfirmedAt is not null,
            found.ConfirmedAt is null && found.CreatedAt + options.Value.ConfirmWithin < time.Now());
    }

    /// <summary>Confirms an unexpired follower; false when the link is unknown or expired.</summary>
    public async Task<bool> ConfirmAsync(string? token, CancellationToken ct)
    {
        var follower = await ByToken(token).AsTracking().SingleOrDefaultAsync(ct);
        var now = time.Now();
        if (follower is null || (follower.ConfirmedAt is null && IsExpired(follower, now)))
        {
            return false;
        }

        follower.ConfirmedAt ??= now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Stops (deletes) the follower; stopping twice is no error.</summary>
    public Task StopAsync(string? token, CancellationToken ct) => ByToken(token).ExecuteDeleteAsync(ct);

    /// <summary>
    /// The stop and confirmation token of a follower. Every message must carry it while only its hash is
    /// stored, so it is derived (HMAC with a server secret) from what the row holds rather than kept:
    /// a copy of the database alone makes no working link. Following again after a stop or an expiry
    /// starts a new row time, hence a new token.
    /// </summary>
    public async Task<string> TokenAsync(ReportFollower f, CancellationToken ct)
    {
        var key = await secrets.GetAsync(SecretName, ct);
        var data = Encoding.UTF8.GetBytes($"{f.ComplaintId}|{f.Address}|{f.CreatedAt.ToUnixTimeSeconds()}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, data).AsSpan(0, 16)); // lower-case hex: survives lower-cased URLs and retyping
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public string StopLink(string token) => $"{site.Value.PublicSite}/ikuti/berhenti/{token}";

    private IQueryable<ReportFollower> ByToken(string? token) => token is { Length: > 0 and <= 64 }
        ? db.ReportFollowers.AsNoTracking().Where(f => f.TokenHash == Hash(token.ToLowerInvariant()))
        : db.ReportFollowers.Where(f => false);

    private bool IsExpired(ReportFollower f, DateTimeOffset now) => f.CreatedAt + options.Value.ConfirmWithin < now;

    private void QueueConfirmation(ReportFollower f, string code, string token, DateTimeOffset now)
    {
        var values = new Dictionary<string, string>
        {
            ["code"] = code,
            ["confirm"] = $"{site.Value.PublicSite}/ikuti/konfirmasi/{token}",
            ["hours"] = ((int)options.Value.ConfirmWithin.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var key = $"follow-confirm/{code}/{f.TokenHash[..16]}";
        if (f.Channel == NotifyBy.Sms)
        {
            outbox.Add(SmsOutbox.MessageType, key, null, JsonSerializer.Serialize(
                new SmsPayload(f.Address, NotificationTemplates.Render("Follow.Confirm.Sms", f.Language, values)), JsonSerializerOptions.Web), now);
        }
        else
        {
            outbox.Add(EmailSender.MessageType, key, null, JsonSerializer.Serialize(new EmailPayload(f.Address,
                NotificationTemplates.Render("Follow.Confirm.Subject", f.Language, values),
                NotificationTemplates.Render("Follow.Confirm.Email", f.Language, values) + NotificationTemplates.Get("Footer").In(f.Language)),
                JsonSerializerOptions.Web), now);
        }
    }
}
