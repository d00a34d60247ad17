using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Sms;

public sealed record SmsMessageView(long Id, string Direction, string Phone, string Text, DateTimeOffset At, string Status, string? Intent, string? TrackingCode);

public sealed record BlockedNumberView(string Phone, string? Reason, DateTimeOffset BlockedAt, string? BlockedBy);

public sealed record BlockNumberRequest(string? Phone, string? Reason);

/// <summary>The admin's view of SMS traffic, and the block list of numbers.</summary>
public static class SmsAdminApi
{
    public static void MapSmsAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/v1/admin/sms");
        group.MapGet("/messages", Messages).WithSummary("Recent SMS received and sent, newest first (at most 200).");
        group.MapGet("/blocked", Blocked).WithSummary("Numbers whose messages are not acted on.");
        group.MapPost("/blocked", Block).WithSummary("Block a number (its messages are stored, never acted on or answered).");
        group.MapDelete("/blocked/{phone}", Unblock).WithSummary("Remove a number from the block list.");
    }

    public static async Task<Ok<List<SmsMessageView>>> Messages(int? take, AduanDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.SmsMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(Math.Clamp(take ?? 50, 1, 200))
            .Select(m => new SmsMessageView(m.Id, m.Direction.ToString(), m.Phone, m.Text, m.At, m.Status.ToString(), m.Intent,
                db.Complaints.Where(c => c.Id == m.ComplaintId).Select(c => c.TrackingCode).FirstOrDefault()))
            .ToListAsync(ct));

    public static async Task<Ok<List<BlockedNumberView>>> Blocked(AduanDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.SmsBlockedNumbers.AsNoTracking().OrderBy(b => b.Phone)
            .Select(b => new BlockedNumberView(b.Phone, b.Reason, b.BlockedAt, b.BlockedBy)).ToListAsync(ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Block(BlockNumberRequest request, AduanDbContext db, AuditTrail audit,
        StaffContext staff, TimeProvider time, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var phone = ComplaintIntake.NormalizePhone(request.Phone, v, "phone");
        var reason = v.Text("reason", request.Reason, 1, 200, required: false);
        if (phone is null && v.IsValid)
        {
            v.Add("phone", "Field.Required");
        }

        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        if (!await db.SmsBlockedNumbers.AnyAsync(b => b.Phone == phone, ct))
        {
            var me = (await staff.GetAsync(ct))!;
            db.SmsBlockedNumbers.Add(new SmsBlockedNumber { Phone = phone!, Reason = reason, BlockedAt = time.Now(), BlockedBy = me.Name });
            audit.Record(me.Name, me.UserId, "sms.block", "sms/blocked", new { reason });
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Unblock(string phone, AduanDbContext db, AuditTrail audit, StaffContext staff, Problems problems,
        CancellationToken ct)
    {
        var normalized = ComplaintIntake.NormalizePhone(phone, new Validation(problems.T), "phone");
        var found = await db.SmsBlockedNumbers.Where(b => b.Phone == normalized).ToListAsync(ct);
        if (found.Count > 0)
        {
            var me = (await staff.GetAsync(ct))!;
            db.SmsBlockedNumbers.RemoveRange(found);
            audit.Record(me.Name, me.UserId, "sms.unblock", "sms/blocked");
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.NoContent();
    }
}
