using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Sla;

namespace Aduan.Tests.Support;

/// <summary>Reports in any state, built through the aggregate's own commands (never by setting Status).</summary>
public static class ComplaintBuilder
{
    public static readonly Agency Dbmsda = new() { Id = 5, Code = "DBMSDA", Name = "Dinas Bina Marga dan Sumber Daya Air", ShortName = "DBMSDA", Kind = "dinas", HasUrc = true };
    public static readonly Agency Dinkes = new() { Id = 1, Code = "DINKES", Name = "Dinas Kesehatan", ShortName = "Dinkes", Kind = "dinas", HasUrc = true };
    public static readonly Agency Dishub = new() { Id = 9, Code = "DISHUB", Name = "Dinas Perhubungan", ShortName = "Dishub", Kind = "dinas" };

    public static readonly Category Jalan = new()
    {
        Id = 6, Code = "JALAN", Name = "Jalan dan Jembatan", DefaultAgency = Dbmsda, DefaultAgencyId = Dbmsda.Id,
        Tier = ServiceTier.NonSupervisory, UrgentPossible = true,
    };

    public static readonly Actor Manager = new(ActorKind.Staff, "u-manager", "Manajer Uji");
    public static readonly Actor Officer = new(ActorKind.Staff, "u-officer", "Petugas DBMSDA", Dbmsda.Id);

    public static SlaPolicy Sla(params DateOnly[] holidays) =>
        new(new SlaOptions(), new WorkingCalendar(WorkingCalendar.FindZone("Asia/Jakarta"), holidays.ToHashSet()));

    public static Complaint Submitted(DateTimeOffset? at = null, SlaPolicy? sla = null) => Complaint.Submit(
        new NewComplaint(null, "Jalan berlubang di depan pasar, sudah dua minggu tidak diperbaiki.", ComplaintKind.Complaint,
            PrivacyMode.Public, Channel.Web, Jalan, new ReporterContact("Siti", "+6281234567890", null), ComplaintLocation.None),
        TrackingCode.New(), ReporterKey.Hash("kunci"), Actor.Reporter, at ?? AduanFactory.Start, sla ?? Sla());

    /// <summary>The shortest legal path from intake to <paramref name="status"/>.</summary>
    public static Complaint InState(ComplaintStatus status, DateTimeOffset? at = null)
    {
        var now = at ?? AduanFactory.Start;
        var sla = Sla();
        var c = Submitted(now, sla);
        void Do(ComplaintCommand command, Actor actor) => c.Handle(command, actor, now, sla);
        switch (status)
        {
            case ComplaintStatus.Submitted:
                break;
            case ComplaintStatus.Deferred:
                Do(new DeferCommand("Mohon lampirkan foto lokasi."), Manager);
                break;
            case ComplaintStatus.Archived:
                Do(new ArchiveCommand("Spam"), Manager);
                break;
            case ComplaintStatus.Referred:
                Do(new ReferCommand("Jalan nasional, wewenang pusat"), Manager);
                break;
            case ComplaintStatus.Merged:
                Do(new MergeCommand(Submitted(now, sla)), Manager);
                break;
            default:
                Do(new DispatchCommand(Dbmsda, [], null), Manager);
                if (status == ComplaintStatus.Dispatched)
                {
                    break;
                }

                Do(new AcknowledgeCommand(), Officer);
                if (status == ComplaintStatus.InProgress)
                {
                    break;
                }

                Do(new FollowUpCommand("Lubang sudah ditambal.", Final: true), Officer);
                if (status == ComplaintStatus.Resolved)
                {
                    Do(new AcceptCommand(5, null), Actor.Reporter);
                }

                break;
        }

        Assert.Equal(status, c.Status);
        return c;
    }

    /// <summary>A well-formed command for each action, as a caller with the right role would send it.</summary>
    public static (ComplaintCommand Command, Actor Actor) SampleCommand(ComplaintAction action, DateTimeOffset now) => action switch
    {
        ComplaintAction.Classify => (new ClassifyCommand(null, null, PrivacyMode.Confidential, null), Manager),
        ComplaintAction.Defer => (new DeferCommand("Di mana lokasi tepatnya?"), Manager),
        ComplaintAction.Archive => (new ArchiveCommand("Tidak jelas"), Manager),
        ComplaintAction.Refer => (new ReferCommand("Bukan wewenang kota"), Manager),
        ComplaintAction.Merge => (new MergeCommand(Submitted(now)), Manager),
        ComplaintAction.Dispatch => (new DispatchCommand(Dbmsda, [Dishub], "Segera"), Manager),
        ComplaintAction.Verify => (new VerifyCommand(new ClassifyCommand(null, ComplaintKind.Aspiration, null, Priority.Urgent), new DispatchCommand(Dbmsda, [], null)), Manager),
        ComplaintAction.Acknowledge => (new AcknowledgeCommand(), Officer),
        ComplaintAction.Forward => (new ForwardCommand(Dinkes, "Salah instansi"), Officer),
        ComplaintAction.FollowUp => (new FollowUpCommand("Sudah diperbaiki.", Final: true), Officer),
        ComplaintAction.RejectFollowUp => (new RejectFollowUpCommand("Foto bukti belum ada"), Manager),
        ComplaintAction.Resolve => (new ResolveCommand(), Manager),
        ComplaintAction.Reopen => (new ReopenCommand("Masalah muncul lagi"), Manager),
        ComplaintAction.Reply => (new ReplyCommand("Lokasinya di depan pasar Baru."), Actor.Reporter),
        ComplaintAction.Accept => (new AcceptCommand(4, "Terima kasih"), Actor.Reporter),
        ComplaintAction.Reject => (new RejectCommand("Belum diperbaiki"), Actor.Reporter),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
