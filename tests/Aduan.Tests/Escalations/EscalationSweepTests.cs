using System.Net.Http.Json;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Identity;
using Aduan.Sla;
using Aduan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Aduan.Tests.Escalations.EscalationFixture;

namespace Aduan.Tests.Escalations;

/// <summary>The ladder over weeks under the fake clock, from Tuesday 17 March 2026, 10:00 WIB: just before Nyepi and Idul Fitri.</summary>
public sealed class EscalationSweepTests : IDisposable
{
    private readonly AduanFactory _factory = new() { Time = new FakeTimeProvider(At(3, 17, 10)) };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Sweep_UntouchedReportOverWeeks_ClimbsEveryStepOnceToTheRightPeopleAndIsFlaggedAt60Days()
    {
        var manager = await _factory.StaffClientAsync(Roles.Manager);
        await _factory.StaffAsync(Roles.AgencyOfficer, "DBMSDA", "petugas@bekasikota.go.id");
        await _factory.StaffAsync(Roles.AgencyOfficer, "DBMSDA", "sms@bekasikota.go.id", "+6281200000001", sms: true);
        await _factory.StaffAsync(Roles.AgencyOfficer, "DBMSDA", "diam@bekasikota.go.id", notify: StaffNotify.None);
        await _factory.StaffAsync(Roles.AgencyOfficer, "DINKES", "dinkes@bekasikota.go.id");
        await _factory.StaffAsync(Roles.AgencyHead, "DBMSDA", "kepala@bekasikota.go.id");
        await _factory.StaffAsync(Roles.Manager, null, "pengelola@bekasikota.go.id");
        await _factory.StaffAsync(Roles.Leadership, null, "walikota@bekasikota.go.id");
        var untouched = await _factory.DispatchedAsync(manager);
        var acknowledged = await _factory.DispatchedAsync(manager);

        // The first-response clock runs over Nyepi and Idul Fitri: 80% falls on Monday 30 March, 21:12 WIB.
        // The second report is acknowledged a minute before: its clock was met, and nothing is sent for it.
        _factory.Time.SetUtcNow(At(3, 30, 21, 11));
        var officer = await _factory.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA"); // signed in now: tokens expire
        await officer.ActOkAsync(acknowledged, new { action = "acknowledge" });
        Assert.Equal(0, await _factory.SweepAsync());
        _factory.Time.SetUtcNow(At(3, 30, 21, 13));
        Assert.Equal(1, await _factory.SweepAsync());

        var reminders = await _factory.SentAsync();
        Assert.Equal(["+6281200000001", "petugas@bekasikota.go.id", "sms@bekasikota.go.id"], reminders.Select(m => m.To).Order());
        var email = reminders.Single(m => m.To == "petugas@bekasikota.go.id");
        Assert.Equal("email", email.Type);
        Assert.Contains(untouched, email.Subject, StringComparison.Ordinal);
        foreach (var part in new[] { "tindak lanjut pertama", "Jalan dan Jembatan", "Bekasi Timur", "Dinas Bina Marga dan Sumber Daya Air",
                     "31 Mar 2026, akhir hari", $"http://localhost/staff/reports/{untouched}" })
        {
            Assert.Contains(part, email.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("berlubang", email.Text, StringComparison.Ordinal); // never the report's words
        Assert.DoesNotContain("Siti", email.Text, StringComparison.Ordinal); // nor its reporter
        var sms = reminders.Single(m => m.Type == "sms");
        Assert.Contains(untouched, sms.Text, StringComparison.Ordinal);

        // Missed at the end of 31 March: the agency head and the manager with an address.
        _factory.Time.SetUtcNow(At(4, 1, 0, 1));
        Assert.Equal(1, await _factory.SweepAsync());
        Assert.Equal(["kepala@bekasikota.go.id", "pengelola@bekasikota.go.id"], (await _factory.SentAsync()).Skip(3).Select(m => m.To).Order());

        // Five working days overdue (1, 2, 6, 7, 8 April; Good Friday and a weekend between): leadership.
        _factory.Time.SetUtcNow(At(4, 8, 23, 59));
        Assert.Equal(0, await _factory.SweepAsync());
        _factory.Time.SetUtcNow(At(4, 9, 0, 1));
        Assert.Equal(1, await _factory.SweepAsync());
        var toLeadership = (await _factory.SentAsync()).Skip(5).ToList();
        Assert.Equal(["walikota@bekasikota.go.id"], toLeadership.Select(m => m.To));
        Assert.Contains("5 hari kerja", toLeadership[0].Text, StringComparison.Ordinal);

        // A sweep a day until just before 60 days: the resolution clocks climb too; nobody is flagged yet.
        for (var day = At(4, 9, 12); day < At(5, 16, 9); day = day.AddDays(1))
        {
            _factory.Time.SetUtcNow(day);
            await _factory.SweepAsync();
        }

        _factory.Time.SetUtcNow(At(5, 16, 9, 59));
        await _factory.SweepAsync();
        Assert.DoesNotContain(await _factory.StepsAsync(), s => s.Kind == EscalationStep.Ombudsman);
        _factory.Time.SetUtcNow(At(5, 16, 10, 1));
        Assert.Equal(2, await _factory.SweepAsync());
        Assert.Equal(0, await _factory.SweepAsync());

        List<Taken> expected =
        [
            new(untouched, null, EscalationStep.Ombudsman),
            new(untouched, "Resolution", EscalationStep.Reminder), new(untouched, "Resolution", EscalationStep.Missed),
            new(untouched, "Resolution", EscalationStep.Leadership),
            new(untouched, "Response", EscalationStep.Reminder), new(untouched, "Response", EscalationStep.Missed),
            new(untouched, "Response", EscalationStep.Leadership),
            new(acknowledged, null, EscalationStep.Ombudsman),
            new(acknowledged, "Resolution", EscalationStep.Reminder), new(acknowledged, "Resolution", EscalationStep.Missed),
            new(acknowledged, "Resolution", EscalationStep.Leadership),
        ];
        Assert.Equal(expected.OrderBy(s => s.Code).ThenBy(s => s.Clock).ThenBy(s => s.Kind), await _factory.StepsAsync());
        Assert.Equal(expected.Count, await _factory.EscalatedEventsAsync());
        var flagged = await _factory.WithDbAsync(db => db.Complaints.Where(c => c.OmbudsmanFlaggedAt != null).Select(c => c.TrackingCode).ToListAsync());
        Assert.Equal(new[] { acknowledged, untouched }.Order(), flagged.Order());
    }

    [Fact]
    public async Task Sweep_ReopenedReport_StartsTheLadderAgainOnItsNewClock()
    {
        var manager = await _factory.StaffClientAsync(Roles.Manager);
        var officer = await _factory.StaffClientAsync(Roles.AgencyOfficer, "DBMSDA");
        var code = await _factory.DispatchedAsync(manager);
        await officer.ActOkAsync(code, new { action = "follow-up", text = "Sudah ditambal.", final = true });
        await manager.ActOkAsync(code, new { action = "resolve" });
        _factory.Time.SetUtcNow(At(3, 26, 10));
        Assert.Equal(0, await _factory.SweepAsync()); // its clocks were met

        manager = await _factory.StaffClientAsync(Roles.Manager); // signed in now: tokens expire
        await manager.ActOkAsync(code, new { action = "reopen", reason = "Lubang muncul lagi." });

        var clock = await _factory.WithDbAsync(db => db.SlaClocks.SingleAsync(k => k.StoppedAt == null && k.Kind == SlaClockKind.Resolution));
        Assert.Equal(EscalationStep.Reminder, clock.NextStep);
        Assert.True(clock.NextStepAt > At(3, 26, 10));
        _factory.Time.SetUtcNow(clock.NextStepAt!.Value.AddMinutes(1));
        Assert.Equal(1, await _factory.SweepAsync());
        Assert.Equal([new Taken(code, "Resolution", EscalationStep.Reminder)], await _factory.StepsAsync());
    }

    [Fact]
    public async Task Classify_NewCategoryOfAnotherTier_RestartsTheResolutionClockAndItsLadder()
    {
        var manager = await _factory.StaffClientAsync(Roles.Manager);
        var code = await _factory.DispatchedAsync(manager);
        var before = await _factory.WithDbAsync(db => db.SlaClocks.SingleAsync(k => k.StoppedAt == null && k.Kind == SlaClockKind.Resolution));
        _factory.Time.SetUtcNow(At(3, 25, 10));
        manager = await _factory.StaffClientAsync(Roles.Manager); // signed in now: tokens expire

        await manager.ActOkAsync(code, new { action = "classify", category = "PJU" }); // light: 2 working days

        var after = await _factory.WithDbAsync(db => db.SlaClocks.SingleAsync(k => k.StoppedAt == null && k.Kind == SlaClockKind.Resolution));
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal(At(3, 28, 0), after.DueAt); // Thursday 26 and Friday 27 March
        Assert.Equal((EscalationStep?)EscalationStep.Reminder, after.NextStep);
        Assert.Equal(At(3, 27, 11, 36), after.NextStepAt); // 80% of 14 h + 48 h
        var old = await _factory.WithDbAsync(db => db.SlaClocks.SingleAsync(k => k.Id == before.Id));
        Assert.Equal(At(3, 25, 10), old.StoppedAt);
        Assert.Null(old.NextStepAt);
    }
}
