using System.Text.Json;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Identity;
using Aduan.Sla;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Escalations;

/// <summary>What the escalation tests share: staff with contacts, the sweep, and what it left behind (steps, events, messages).</summary>
public static class EscalationFixture
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Wib);

    public static Task<int> SweepAsync(this AduanFactory factory) =>
        factory.Services.GetRequiredService<EscalationSweep>().RunOnceAsync(CancellationToken.None);

    /// <summary>A staff user with an e-mail address (and a phone for SMS when asked); returns the user name.</summary>
    public static async Task<string> StaffAsync(this AduanFactory factory, string role, string? agency, string email,
        string? phone = null, bool sms = false, StaffNotify notify = StaffNotify.EachEvent)
    {
        var name = await factory.CreateUserAsync(role, agency);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == name);
            (user.Email, user.PhoneNumber, user.EscalationSms, user.Notify) = (email, phone, sms, notify);
            return await db.SaveChangesAsync();
        });
        return name;
    }

    public sealed record Taken(string Code, string? Clock, EscalationStep Kind);

    public static async Task<List<Taken>> StepsAsync(this AduanFactory factory) => (await factory.WithDbAsync(db => (
            from e in db.Escalations
            join c in db.Complaints on e.ComplaintId equals c.Id
            join k in db.SlaClocks on e.ClockId equals k.Id into clocks
            from k in clocks.DefaultIfEmpty()
            select new { c.TrackingCode, Kind = (SlaClockKind?)k.Kind, e.Step }).ToListAsync()))
        .Select(x => new Taken(x.TrackingCode, x.Kind?.ToString(), x.Step)).OrderBy(s => s.Code).ThenBy(s => s.Clock).ThenBy(s => s.Kind).ToList();

    public static Task<int> EscalatedEventsAsync(this AduanFactory factory) =>
        factory.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.Type == ComplaintEventType.Escalated));

    /// <summary>An escalation message in the outbox: e-mail (with subject) or SMS (without).</summary>
    public sealed record Sent(string Key, string Type, string To, string? Subject, string Text);

    public static async Task<List<Sent>> SentAsync(this AduanFactory factory) => (await factory.WithDbAsync(db =>
            db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith("escalation/")).OrderBy(m => m.Id).ToListAsync()))
        .Select(m =>
        {
            var p = JsonDocument.Parse(m.Payload).RootElement;
            return new Sent(m.IdempotencyKey, m.Type, p.GetProperty("to").GetString()!,
                p.TryGetProperty("subject", out var s) ? s.GetString() : null, p.GetProperty("text").GetString()!);
        }).ToList();

    /// <summary>A report submitted through the API and dispatched to its category's agency (JALAN: DBMSDA, 14 working days).</summary>
    public static async Task<string> DispatchedAsync(this AduanFactory factory, HttpClient manager)
    {
        var code = (await factory.CreateClient().SubmitAsync()).TrackingCode;
        await manager.ActOkAsync(code, new { action = "dispatch" });
        return code;
    }
}
