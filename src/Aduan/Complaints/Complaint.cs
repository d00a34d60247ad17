using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Sla;
using Aduan.Transparency;

namespace Aduan.Complaints;

/// <summary>
/// A report from a citizen, the aggregate at the heart of Aduan. Its state changes only through
/// <see cref="Handle"/>, which checks <see cref="ComplaintStateMachine"/>, records an event in the
/// report's hash chain and keeps the deadline clocks in step with the new state.
/// </summary>
public sealed partial class Complaint
{
    public const int MinTextLength = 10;
    public const int MaxTextLength = 4000;
    public const int MaxTitleLength = 200;

    public long Id { get; private set; }
    public string TrackingCode { get; private set; } = "";
    public string? Title { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>
    /// <see cref="Title"/> and <see cref="Text"/> as the public may read them (<see cref="PersonalDataMask"/>),
    /// kept with the report so that the public search indexes these and never the texts themselves.
    /// </summary>
    public string? PublicTitle { get; private set; }

    /// <inheritdoc cref="PublicTitle"/>
    public string? PublicText { get; private set; }

    /// <summary>The <see cref="PersonalDataMask.Version"/> that wrote the public texts; 0 for none yet (see PublicTextRefresh).</summary>
    public int MaskVersion { get; private set; }

    public ComplaintKind Kind { get; private set; }
    public PrivacyMode Privacy { get; private set; }
    public Channel Channel { get; private set; }
    public Priority Priority { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public long? CategoryId { get; private set; }
    public Category? Category { get; private set; }
    public long? LeadAgencyId { get; private set; }
    public Agency? LeadAgency { get; private set; }
    public ReporterContact Reporter { get; private set; } = ReporterContact.None;

    /// <summary>The reporter chose to be named on the public register (only with a name and <see cref="PrivacyMode.Public"/>).</summary>
    public bool NamePublished { get; private set; }

    /// <summary>
    /// Random salt of the first event's commitment to the contact (<see cref="ContactHash"/>); erased with
    /// the contact, after which the commitment no longer links the report to anyone.
    /// </summary>
    public string? ContactSalt { get; private set; }

    /// <summary>When the reporter's contact details were erased (retention or a request); null while held.</summary>
    public DateTimeOffset? ContactErasedAt { get; private set; }
    public ComplaintLocation Location { get; private set; } = ComplaintLocation.None;

    /// <summary>The pin's map cell (<see cref="ComplaintLocation.CellOf"/>); null without a pin.</summary>
    public long? MapCell { get; private set; }

    /// <summary>How the reporter wants to hear of changes; nothing is sent without a contact, or after it was erased.</summary>
    public NotifyBy NotifyBy { get; private set; }

    /// <summary>The language the reporter wrote in (<c>id</c> or <c>en</c>): their notifications use it.</summary>
    public string Language { get; private set; } = "id";

    /// <summary>SHA-256 of the reporter key; the key itself is shown once, at intake.</summary>
    public string ReporterKeyHash { get; private set; } = "";
    public long? MergedIntoId { get; private set; }

    /// <summary>How often the report was forwarded between agencies.</summary>
    public int ForwardCount { get; private set; }
    public bool IsImported { get; private set; }

    /// <summary>For an imported report: a hash of its source row, unique, so importing the same file twice adds nothing.</summary>
    public string? ImportKey { get; private set; }

    /// <summary>Citizens who said "saya juga mengalami ini" (see <see cref="ComplaintSupporter"/>); not part of the event chain.</summary>
    public int Supporters { get; private set; }
    public int? Rating { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? DispatchedAt { get; private set; }
    public DateTimeOffset? FollowedUpAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>When the report last entered a closed state (<see cref="ComplaintStateMachine.IsClosed"/>); null while open. Retention counts from here.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When a follow-up first said the field team was on site (urgent reports' on-site clock stops there).</summary>
    public DateTimeOffset? OnSiteAt { get; private set; }

    /// <summary>The earliest due instant of the running staff clocks: what "overdue" and "nearest deadline" read.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    /// <summary><see cref="NextDueAt"/>, or the end of time when nothing is due: a non-null key an index can sort by, nearest first.</summary>
    public DateTimeOffset DueOrder { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>
    /// When the report was flagged for the Ombudsman: still unresolved a set number of days after it
    /// came in (the escalation ladder's last step). Never cleared; shown on the staff report page,
    /// the list filter <c>flag=ombudsman</c> and the dashboard.
    /// </summary>
    public DateTimeOffset? OmbudsmanFlaggedAt { get; private set; }

    /// <summary>
    /// When an open report is flagged for the Ombudsman: a set number of days after it came in, or after
    /// a manager took an imported report over; null for an imported report not taken over. The sweep
    /// reads it through an index of the open, unflagged reports only.
    /// </summary>
    public DateTimeOffset? OmbudsmanDueAt { get; private set; }

    /// <summary>When a manager took this imported report over, starting its clocks; null otherwise.</summary>
    public DateTimeOffset? TakenOverAt { get; private set; }

    /// <summary>The lead agency's resolution deadline, kept when a follow-up is sent back; set anew on dispatch, forward and reopen.</summary>
    public DateTimeOffset? ResolutionDueAt { get; private set; }

    /// <summary>Concurrency token: every change increments it; a stale writer gets a conflict.</summary>
    public int Version { get; private set; }
    public int EventCount { get; private set; }
    public string LastEventHash { get; private set; } = "";

    public List<ComplaintEvent> Events { get; private set; } = [];
    public List<ComplaintAssignment> Assignments { get; private set; } = [];

    /// <summary>Loaded with the running clocks only when the report is changed (see ComplaintWorkflow).</summary>
    public List<SlaClock> Clocks { get; private set; } = [];

    private Complaint()
    {
    }

    /// <summary>A new report; <paramref name="photos"/>: SHA-256 of the photos stored with it, so the event chain vouches for them.</summary>
    public static Complaint Submit(NewComplaint input, string trackingCode, string reporterKeyHash, Actor actor,
        DateTimeOffset now, SlaPolicy sla, IReadOnlyList<string>? photos = null)
    {
        var complaint = new Complaint
        {
            TrackingCode = trackingCode,
            Title = input.Title,
            Text = input.Text,
            Kind = input.Kind,
            Privacy = input.Privacy,
            Channel = input.Channel,
            Priority = Priority.Normal,
            Status = ComplaintStatus.Submitted,
            Category = input.Category,
            CategoryId = input.Category?.Id,
            Reporter = input.Reporter,
            NamePublished = input.NamePublished && input.Reporter.Name is not null && input.Privacy == PrivacyMode.Public,
            ContactSalt = input.Reporter == ReporterContact.None ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Location = input.Location,
            MapCell = ComplaintLocation.CellOf(input.Location.Latitude, input.Location.Longitude),
            NotifyBy = input.NotifyBy,
            Language = input.Language,
            ReporterKeyHash = reporterKeyHash,
            SubmittedAt = now,
            UpdatedAt = now,
            PublicTitle = PersonalDataMask.Apply(input.Title),
            PublicText = PersonalDataMask.Apply(input.Text),
            MaskVersion = PersonalDataMask.Version,
            OmbudsmanDueAt = sla.Ladder.OmbudsmanDueAt(now),
        };
        complaint.Record(ComplaintEventType.Submitted, EventVisibility.Public, actor, now, null,
            ComplaintStatus.Submitted, null, Json(new SubmittedData(input.Channel.ToString(), complaint.ContentHash(),
                complaint.ContactHash(), photos is { Count: > 0 } ? photos : null)));
        if (input.Priority != Priority.Normal)
        {
            // Recorded as staff would classify it (intake decides: an emergency category), so the chain says when and by whom.
            complaint.Priority = input.Priority;
            complaint.Record(ComplaintEventType.Classified, EventVisibility.Staff, Actor.System, now, null, null, null,
                Json(new Dictionary<string, string> { ["priority"] = input.Priority.ToString() }));
        }

        complaint.SyncClocks(now, sla, restartAgencyClocks: false);
        return complaint;
    }

    public bool IsFlagged(SlaOptions options) => ForwardCount > options.ForwardFlagThreshold;

    /// <summary>Applies one command, or throws and changes nothing.</summary>
    public void Handle(ComplaintCommand command, Actor actor, DateTimeOffset now, SlaPolicy sla)
    {
        if (!ComplaintStateMachine.IsAllowed(Status, command.Action))
        {
            throw new InvalidTransitionException(Status, command.Action);
        }

        if (command is VerifyCommand verify)
        {
            // Each part is checked and recorded as if sent alone (two events); a refused dispatch throws before
            // anything is saved. One command, one new version.
            var version = Version;
            if (verify.Classify is { } classify)
            {
                Handle(classify, actor, now, sla);
            }

            Handle(verify.Dispatch, actor, now, sla);
            Version = version + 1;
            return;
        }

        var before = Status;
        var categoryBefore = CategoryId;
        var restartAgencyClocks = false;
        switch (command)
        {
            case ClassifyCommand c: Classify(c, actor, now); break;
            case DeferCommand c: Move(ComplaintStatus.Deferred, ComplaintEventType.Deferred, EventVisibility.Reporter, actor, now, c.Question); break;
            case ArchiveCommand c: Move(ComplaintStatus.Archived, ComplaintEventType.Archived, EventVisibility.Reporter, actor, now, c.Reason); break;
            case ReferCommand c: Move(ComplaintStatus.Referred, ComplaintEventType.Referred, EventVisibility.Public, actor, now, c.Reason); break;
            case MergeCommand c: MergeInto(c.Primary, actor, now); break;
            case DispatchCommand c: Dispatch(c, actor, now); break;
            case AcknowledgeCommand: Move(ComplaintStatus.InProgress, ComplaintEventType.Acknowledged, EventVisibility.Public, actor, now, null); break;
            case ForwardCommand c: Forward(c, actor, now); restartAgencyClocks = true; break;
            case FollowUpCommand c: FollowUp(c, actor, now); break;
            case RejectFollowUpCommand c: Move(ComplaintStatus.InProgress, ComplaintEventType.FollowUpRejected, EventVisibility.Staff, actor, now, c.Reason); break;
            case ResolveCommand: Resolve(ComplaintEventType.Resolved, actor, now, null); break;
            case ReopenCommand c: Reopen(actor, now, c.Reason); break;
            case ReplyCommand c: Reply(c, actor, now); break;
            case AcceptCommand c: Accept(c, actor, now); break;
            case RejectCommand c: Reject(c, actor, now, sla); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command, null);
        }

        RecordFigures(command, before, now, sla);
        UpdatedAt = now;
        Version++;
        ClosedAt = !ComplaintStateMachine.IsClosed(Status) ? null : ComplaintStateMachine.IsClosed(before) ? ClosedAt : now;
        // A new category may change the resolution deadline (its tier): that clock starts again, and so does its ladder.
        var newCategory = command is ClassifyCommand && CategoryId != categoryBefore;
        if (before != Status || restartAgencyClocks || command is ClassifyCommand or FollowUpCommand { OnSite: true })
        {
            SyncClocks(now, sla, restartAgencyClocks, newCategory);
        }
    }

    private void Move(ComplaintStatus to, ComplaintEventType type, EventVisibility visibility, Actor actor,
        DateTimeOffset now, string? text, string? data = null)
    {
        var from = Status;
        Status = to;
        Record(type, visibility, actor, now, from, to, text, data);
    }

    /// <summary>Sets <see cref="OmbudsmanFlaggedAt"/> once; a second flag keeps the first instant.</summary>
    internal void FlagForOmbudsman(DateTimeOffset at) => OmbudsmanFlaggedAt ??= at;

    internal void Record(ComplaintEventType type, EventVisibility visibility, Actor actor, DateTimeOffset now,
        ComplaintStatus? from, ComplaintStatus? to, string? text, string? data)
    {
        var e = ComplaintEvent.Create(Id, EventCount + 1, LastEventHash, now, type, visibility, actor, from, to, text, data);
        Events.Add(e);
        EventCount = e.Sequence;
        LastEventHash = e.Hash;
    }

    /// <summary>
    /// Erases the reporter's contact details (name, phone, e-mail, the consent to be named) and the
    /// salt of their commitment, recording who and why as a staff-only event. The report, its public
    /// history and the statistics stay. False when no contact is held any more.
    /// </summary>
    public bool EraseContact(Actor actor, DateTimeOffset now, ContactErasureReason reason)
    {
        if (ContactErasedAt is not null || ContactSalt is null)
        {
            ContactErasedAt ??= now;
            return false;
        }

        Reporter = ReporterContact.None;
        NotifyBy = NotifyBy.None;
        NamePublished = false;
        ContactSalt = null;
        ContactErasedAt = now;
        Version++;
        Record(ComplaintEventType.ContactErased, EventVisibility.Staff, actor, now, null, null, null,
            Json(new { reason = reason.ToString() }));
        return true;
    }

    /// <summary>
    /// SHA-256 of what never changes after intake: code, instant, channel, the citizen's words, the
    /// place. The first event carries it, so <c>audit verify</c> notices an edited report too.
    /// </summary>
    public string ContentHash() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object?[]
    {
        TrackingCode, SubmittedAt.UtcTicks, Channel.ToString(), Title, Text,
        Location.Address, Location.Latitude, Location.Longitude, Location.Kecamatan,
    })));

    /// <summary>
    /// The first event's commitment to the contact details and the consent to be named, salted with
    /// <see cref="ContactSalt"/>; null when none was given. Kept apart from <see cref="ContentHash"/> so
    /// that erasing the contact (and its salt) leaves the rest checkable and the commitment unlinkable.
    /// </summary>
    public string? ContactHash() => ContactSalt is null
        ? null
        : Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            ContactSalt, Reporter.Name, Reporter.Phone, Reporter.Email, NamePublished,
        })));

    /// <summary>The first event's data: what <c>audit verify</c> checks the report row against.</summary>
    private sealed record SubmittedData(
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("content")] string Content,
        [property: JsonPropertyName("contact"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Contact,
        [property: JsonPropertyName("photos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Photos);

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
