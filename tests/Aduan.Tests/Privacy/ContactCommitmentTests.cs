using System.Text.Json;
using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Tests.Support;

namespace Aduan.Tests.Privacy;

/// <summary>
/// The first event commits to the contact apart from the content, salted per report, so erasing
/// the contact leaves <c>audit verify</c> passing and the commitment unlinkable. No database.
/// </summary>
[Trait("Category", "NoDatabase")]
public sealed class ContactCommitmentTests
{
    private static readonly DateTimeOffset Later = AduanFactory.Start.AddDays(400);

    [Fact]
    public void EraseContact_ClearsTheContactAndRecordsAStaffOnlyEvent_AuditStillPasses()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved);
        var version = c.Version;

        Assert.True(c.EraseContact(Actor.System, Later, ContactErasureReason.Retention));

        Assert.Equal(ReporterContact.None, c.Reporter);
        Assert.Null(c.ContactSalt);
        Assert.Equal(Later, c.ContactErasedAt);
        Assert.Equal(version + 1, c.Version);
        var erased = c.Events[^1];
        Assert.Equal((ComplaintEventType.ContactErased, EventVisibility.Staff), (erased.Type, erased.Visibility));
        Assert.Contains("Retention", erased.Data, StringComparison.Ordinal);
        Assert.Null(AuditCommands.Check(c.Events, c.EventCount, c.LastEventHash));
        Assert.Null(AuditCommands.CheckReport(c, c.Events));
        Assert.False(c.EraseContact(Actor.System, Later, ContactErasureReason.Retention)); // nothing left: no second event
        Assert.Equal(ComplaintEventType.ContactErased, c.Events[^1].Type);
        Assert.Equal(1, c.Events.Count(e => e.Type == ComplaintEventType.ContactErased));
    }

    [Fact]
    public void CheckReport_ContactChangedOrRemovedWithoutTheErasureEvent_IsReported()
    {
        var changed = ComplaintBuilder.InState(ComplaintStatus.InProgress);
        Set(changed, nameof(Complaint.Reporter), new ReporterContact("Orang Lain", "+6281111111111", null));
        var removed = ComplaintBuilder.InState(ComplaintStatus.InProgress);
        Set(removed, nameof(Complaint.Reporter), ReporterContact.None);
        Set(removed, nameof(Complaint.ContactSalt), null);
        var consentAdded = ComplaintBuilder.InState(ComplaintStatus.InProgress);
        Set(consentAdded, nameof(Complaint.NamePublished), true);

        Assert.Contains("contact", AuditCommands.CheckReport(changed, changed.Events), StringComparison.Ordinal);
        Assert.Contains("contact", AuditCommands.CheckReport(removed, removed.Events), StringComparison.Ordinal);
        Assert.Contains("contact", AuditCommands.CheckReport(consentAdded, consentAdded.Events), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReport_ContactPutBackAfterErasure_IsReported()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved);
        c.EraseContact(Actor.System, Later, ContactErasureReason.Request);
        Set(c, nameof(Complaint.Reporter), new ReporterContact("Siti", "+6281234567890", null));

        Assert.NotNull(AuditCommands.CheckReport(c, c.Events));
    }

    [Fact]
    public void CheckReport_TextEditedAfterErasure_IsStillReported()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.Resolved);
        c.EraseContact(Actor.System, Later, ContactErasureReason.Request);
        Set(c, nameof(Complaint.Text), "Isi laporan diganti setelah kontak dihapus.");

        Assert.Contains("text", AuditCommands.CheckReport(c, c.Events), StringComparison.Ordinal);
    }

    [Fact]
    public void FirstEvent_CommitsToContactApart_AndTheSameContactGivesUnrelatedCommitments()
    {
        // Generated contacts: the same person on two reports never yields the same commitment, and
        // no commitment equals an unsalted hash of the contact (which a guessed number would confirm).
        var random = new Random(20261203);
        for (var i = 0; i < 50; i++)
        {
            var phone = "+62812" + random.Next(10_000_000, 99_999_999);
            var (a, b) = (WithContact(phone), WithContact(phone));
            var (ca, cb) = (Data(a, "contact"), Data(b, "contact"));

            Assert.Equal(a.ContactHash(), ca);
            Assert.NotEqual(ca, cb);
            Assert.Equal(a.ContentHash(), Data(a, "content"));
            Assert.DoesNotContain(phone, a.Events[0].Data!, StringComparison.Ordinal);
        }

        var anonymous = Complaint.Submit(NewReport(ReporterContact.None), TrackingCode.New(), "", Actor.Reporter, AduanFactory.Start, ComplaintBuilder.Sla());
        Assert.Null(anonymous.ContactSalt);
        Assert.Null(Data(anonymous, "contact"));
        Assert.Null(AuditCommands.CheckReport(anonymous, anonymous.Events));
    }

    [Fact]
    public void ClosedAt_IsSetWhenClosing_AndClearedWhenReopened()
    {
        var c = ComplaintBuilder.InState(ComplaintStatus.FollowedUp);
        Assert.Null(c.ClosedAt);

        c.Handle(new AcceptCommand(5, null), Actor.Reporter, Later, ComplaintBuilder.Sla());
        Assert.Equal(Later, c.ClosedAt);

        c.Handle(new ReopenCommand("Lubang muncul lagi."), ComplaintBuilder.Manager, Later.AddDays(1), ComplaintBuilder.Sla());
        Assert.Null(c.ClosedAt);
    }

    [Theory]
    [InlineData(PrivacyMode.Public, "Siti", true)]
    [InlineData(PrivacyMode.Anonymous, "Siti", false)]
    [InlineData(PrivacyMode.Public, null, false)]
    public void NamePublished_OnlyForAPublicReportWithAName(PrivacyMode privacy, string? name, bool expected)
    {
        var input = NewReport(new ReporterContact(name, "+6281234567890", null)) with { Privacy = privacy, NamePublished = true };

        var c = Complaint.Submit(input, TrackingCode.New(), "", Actor.Reporter, AduanFactory.Start, ComplaintBuilder.Sla());

        Assert.Equal(expected, c.NamePublished);
    }

    private static Complaint WithContact(string phone) =>
        Complaint.Submit(NewReport(new ReporterContact("Siti", phone, null)), TrackingCode.New(), "", Actor.Reporter, AduanFactory.Start, ComplaintBuilder.Sla());

    private static NewComplaint NewReport(ReporterContact contact) => new(null, "Jalan berlubang di depan pasar, sudah dua minggu.",
        ComplaintKind.Complaint, PrivacyMode.Public, Channel.Web, ComplaintBuilder.Jalan, contact, ComplaintLocation.None);

    private static string? Data(Complaint c, string property) =>
        JsonDocument.Parse(c.Events[0].Data!).RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;

    private static void Set(Complaint c, string property, object? value) =>
        typeof(Complaint).GetProperty(property)!.SetValue(c, value);
}

/// <summary>What a manager types as the subject of a request: anything, never an exception, never a wrong match.</summary>
[Trait("Category", "NoDatabase")]
public sealed class DataSubjectTests
{
    [Theory]
    [InlineData("0812 3456 7890", "+6281234567890", null)]
    [InlineData("+62-812-3456-7890", "+6281234567890", null)]
    [InlineData(" Siti@Contoh.ID ", null, "siti@contoh.id")]
    public void Parse_UsualSpellings_AreTheStoredForm(string typed, string? phone, string? email)
    {
        var v = new Aduan.Infrastructure.Validation(new KeyLocalizer());

        Assert.Equal(new Aduan.Privacy.DataSubject(phone, email), Aduan.Privacy.DataSubject.Parse(typed, v));
        Assert.True(v.IsValid);
    }

    [Fact]
    public void Parse_GeneratedGarbage_IsAnErrorOrAValidSubject_NeverAnException()
    {
        var random = new Random(27_2022);
        for (var i = 0; i < 500; i++)
        {
            var typed = GeneratedText.Next(random, random.Next(1, 40));
            var v = new Aduan.Infrastructure.Validation(new KeyLocalizer());

            var subject = Aduan.Privacy.DataSubject.Parse(typed, v);

            Assert.Equal(subject is null, !v.IsValid);
            Assert.True(subject is null || subject.Phone is { Length: <= 20 } || subject.Email is { Length: <= 254 }, typed);
        }
    }
}
