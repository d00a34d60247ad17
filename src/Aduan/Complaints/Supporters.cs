using System.Security.Cryptography;
using System.Text;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>
/// "Saya juga mengalami ini": counts a citizen once per report. Only an HMAC of the report's code and
/// the supporter is kept, keyed with a server secret (<see cref="ServerSecrets"/>): the same person
/// cannot be followed from one report to another by it, nor a guessed phone number confirmed
/// from a copy of the database.
/// </summary>
public sealed class Supporters(AduanDbContext db, TimeProvider time, ServerSecrets secrets)
{
    /// <summary>The cookie that identifies a browser for counting, when no contact is given.</summary>
    public const string CookieName = "aduan.sid";

    /// <summary>Adds the supporter; false when they were counted before (or the report is gone).</summary>
    public async Task<bool> AddAsync(long complaintId, string trackingCode, string who, CancellationToken ct)
    {
        var key = await secrets.GetAsync(ServerSecrets.Supporters, ct);
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{trackingCode}|{who}")));
        if (await db.ComplaintSupporters.AnyAsync(s => s.ComplaintId == complaintId && s.SupporterHash == hash, ct))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ComplaintSupporters.Add(new ComplaintSupporter { ComplaintId = complaintId, SupporterHash = hash, At = time.Now() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return false; // the same supporter twice at once: the unique index counted them once
        }

        // A counter beside the report's version: never a conflict with a staff member editing the report.
        await db.Complaints.Where(c => c.Id == complaintId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Supporters, c => c.Supporters + 1), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Who is supporting: the contact they typed, or else this browser's long-lived random id (set here if missing).</summary>
    public static string Identify(HttpContext context, string? contact)
    {
        if (!string.IsNullOrWhiteSpace(contact))
        {
            return "contact:" + contact.Trim().ToLowerInvariant();
        }

        if (context.Request.Cookies[CookieName] is { Length: >= 16 and <= 64 } id)
        {
            return "browser:" + id;
        }

        var fresh = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, fresh, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(730), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
            Secure = context.Request.IsHttps,
        });
        return "browser:" + fresh;
    }
}
