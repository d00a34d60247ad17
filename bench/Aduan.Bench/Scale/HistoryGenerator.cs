using System.Text.Json;
using Aduan.Bench.Data;
using Aduan.Categories;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Sla;

namespace Aduan.Bench.Scale;

/// <summary>
/// Gives each generated report a history over the past two years: submitted at an even pace
/// (ids grow with time, as in a live system), then moved along the lifecycle as far as its age
/// makes likely (old reports mostly resolved, recent ones waiting), with the events, assignments
/// and deadline clocks the app would have recorded. Clocks follow the app's own rules
/// (<see cref="SlaPolicy.RunningIn"/>, <see cref="SlaPolicy.DueAt"/>), so "overdue" means what it means in the app.
/// </summary>
public sealed class HistoryGenerator(ReferenceData reference, ReportGenerator content, SlaPolicy sla, DateTimeOffset now, long firstId)
{
    private static readonly TimeSpan Span = TimeSpan.FromDays(730);
    private const string ManagerId = "5d0f6a8e-bench-0000-0000-000000000001";

    private readonly TrackingCodes _codes = new(content.Random);
    private readonly (long Id, string Code)[] _recent = new (long, string)[1000];
    private readonly BenchAgency[] _agencies = reference.Agencies.Where(a => a.Kind != "kecamatan").ToArray();
    private readonly long _firstId = firstId;
    private long _nextId = firstId;

    public GeneratedReport Next(long index, long total)
    {
        var id = _nextId++;
        var r = content.Next();
        var slot = Span / total;
        var submittedAt = Seconds(now - Span + (slot * index) + (slot * content.Random.NextDouble()));
        var age = now - submittedAt;
        var path = Path(PickStatus(age.TotalDays));
        var urgent = r.Category.UrgentPossible && content.Chance(0.03);
        var priority = urgent ? Priority.Urgent : content.Chance(0.07) ? Priority.High : Priority.Normal;
        var history = new History(id, sla, r.Category.Tier, priority, Placeholder);

        var code = _codes.Next();
        var submitter = r.Channel == Channel.CallCenter ? ("Staff", "Operator Call Center") : ("Reporter", Actor.Reporter.Name);
        history.Record(submittedAt, "Submitted", "Public", submitter, null, null, ComplaintStatus.Submitted, null,
            Json(new { channel = r.Channel.ToString(), content = Placeholder() }));
        history.Sync(ComplaintStatus.Submitted, submittedAt, null);

        var t = submittedAt;
        BenchAgency? lead = null;
        long? mergedInto = null;
        int? rating = null;
        DateTimeOffset? dispatchedAt = null, followedUpAt = null, resolvedAt = null, firstResponseAt = null;
        var manager = ("Staff", "Manajer Pengaduan");
        foreach (var status in path.Skip(1))
        {
            t = Later(t, status);
            switch (status)
            {
                case ComplaintStatus.Deferred:
                    history.Record(t, "Deferred", "Reporter", manager, ManagerId, null, status, "Mohon lengkapi lokasi persis dan foto kejadian.", null);
                    break;
                case ComplaintStatus.Archived:
                    history.Record(t, "Archived", "Reporter", manager, ManagerId, null, status, "Laporan tidak dapat diverifikasi.", null);
                    break;
                case ComplaintStatus.Referred:
                    history.Record(t, "Referred", "Public", manager, ManagerId, null, status, "Bukan kewenangan Pemerintah Kota; dilimpahkan ke instansi terkait.", null);
                    break;
                case ComplaintStatus.Merged:
                    var primary = _recent[content.Random.Next((int)Math.Min(_recent.Length, Math.Max(1, id - _firstId)))];
                    mergedInto = primary.Id == 0 ? null : primary.Id;
                    history.Record(t, "Merged", "Public", manager, ManagerId, null, status, null, Json(new { primary = primary.Code }));
                    break;
                case ComplaintStatus.Dispatched:
                    lead = r.Category.DefaultAgencyId is { } agencyId ? reference.Agency(agencyId) : content.Pick(_agencies);
                    dispatchedAt = t;
                    var copy = r.Kecamatan is not null && content.Chance(0.1)
                        ? reference.Agencies.FirstOrDefault(a => a.ShortName == "Kec. " + r.Kecamatan) : null;
                    history.Assign(lead, copy, t);
                    history.Record(t, "Dispatched", "Public", manager, ManagerId, null, status, null,
                        Json(new { agency = lead.Code, copies = copy is null ? Array.Empty<string>() : [copy.Code] }));
                    break;
                case ComplaintStatus.InProgress:
                    firstResponseAt ??= t;
                    history.Record(t, "Acknowledged", "Public", ("Staff", "Petugas " + lead!.ShortName), null, lead.Id, status, null, null);
                    break;
                case ComplaintStatus.FollowedUp:
                    followedUpAt = t;
                    firstResponseAt ??= t;
                    history.Record(t, "FollowUp", "Public", ("Staff", "Petugas " + lead!.ShortName), null, lead.Id, status,
                        content.Pick(IndonesianTexts.FollowUps), Json(new { final = true }));
                    break;
                case ComplaintStatus.Resolved:
                    resolvedAt = t;
                    rating = content.Weighted((5, 40), (4, 30), (3, 15), (2, 8), (1, 7));
                    history.Record(t, "Accepted", "Public", ("Reporter", Actor.Reporter.Name), null, null, status, null, Json(new { rating }));
                    break;
            }

            history.Sync(status, t, lead?.Id);
        }

        // As the escalation sweep would have left them by now: each running clock's next step still ahead.
        history.ClimbTo(now);
        var ombudsmanDueAt = sla.Ladder.OmbudsmanDueAt(submittedAt);
        _recent[(id - _firstId) % _recent.Length] = (id, code);
        var complaint = new ComplaintRow
        {
            Id = id, TrackingCode = code, Title = r.Title, Text = r.Text, Kind = r.Kind.ToString(), Privacy = r.Privacy.ToString(),
            Channel = r.Channel.ToString(), Priority = priority.ToString(), Status = path[^1].ToString(),
            CategoryId = r.Category.Id, LeadAgencyId = lead?.Id, ReporterKeyHash = Placeholder(), MergedIntoId = mergedInto,
            Rating = rating, SubmittedAt = submittedAt, UpdatedAt = t, DispatchedAt = dispatchedAt, FollowedUpAt = followedUpAt,
            ResolvedAt = resolvedAt, NextDueAt = history.NextDueAt, ResolutionDueAt = history.ResolutionDueAt,
            FirstResponseAt = firstResponseAt,
            ResponseWorkingDays = dispatchedAt is { } d1 && firstResponseAt is { } r1 ? sla.Calendar.WorkingDaysBetween(d1, r1) : null,
            FollowUpWorkingDays = dispatchedAt is { } d2 && followedUpAt is { } f2 ? sla.Calendar.WorkingDaysBetween(d2, f2) : null,
            ClosedAt = ComplaintStateMachine.IsClosed(path[^1]) ? t : null, OmbudsmanDueAt = ombudsmanDueAt,
            OmbudsmanFlaggedAt = !ComplaintStateMachine.IsClosed(path[^1]) && ombudsmanDueAt <= now ? ombudsmanDueAt : null,
            EventCount = history.Events.Count, LastEventHash = history.Events[^1].Hash,
            Address = r.Address, Kecamatan = r.Kecamatan, Latitude = r.Lat, Longitude = r.Lng,
            ReporterName = r.ReporterName, ReporterPhone = ReportGenerator.ToE164(r.Phone), ReporterEmail = r.Email,
        };
        return new GeneratedReport(complaint, history.Events, history.Assignments, history.Clocks);
    }

    /// <summary>
    /// A random stand-in for a SHA-256. Bench data only: the app computes real event and content
    /// hashes on every change, but loading a million reports does not go through the app, so
    /// <c>audit verify</c> reports these chains as broken. Their size is the real one.
    /// </summary>
    private string Placeholder()
    {
        Span<byte> bytes = stackalloc byte[32];
        content.Random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private ComplaintStatus PickStatus(double ageDays) => ageDays switch
    {
        < 3 => content.Weighted((ComplaintStatus.Submitted, 55), (ComplaintStatus.Dispatched, 25), (ComplaintStatus.InProgress, 10),
            (ComplaintStatus.Deferred, 5), (ComplaintStatus.Archived, 3), (ComplaintStatus.Referred, 2)),
        < 30 => content.Weighted((ComplaintStatus.Submitted, 4), (ComplaintStatus.Deferred, 2), (ComplaintStatus.Dispatched, 12),
            (ComplaintStatus.InProgress, 22), (ComplaintStatus.FollowedUp, 15), (ComplaintStatus.Resolved, 35),
            (ComplaintStatus.Archived, 5), (ComplaintStatus.Referred, 3), (ComplaintStatus.Merged, 2)),
        _ => content.Weighted((ComplaintStatus.Resolved, 82), (ComplaintStatus.Archived, 6), (ComplaintStatus.Referred, 3),
            (ComplaintStatus.Merged, 3), (ComplaintStatus.InProgress, 2.5), (ComplaintStatus.FollowedUp, 1.5),
            (ComplaintStatus.Dispatched, 1), (ComplaintStatus.Deferred, 0.5), (ComplaintStatus.Submitted, 0.5)),
    };

    /// <summary>The states a report passed through to reach <paramref name="final"/>.</summary>
    private static ComplaintStatus[] Path(ComplaintStatus final) => final switch
    {
        ComplaintStatus.Submitted => [final],
        ComplaintStatus.Deferred or ComplaintStatus.Archived or ComplaintStatus.Referred or ComplaintStatus.Merged => [ComplaintStatus.Submitted, final],
        ComplaintStatus.Dispatched => [ComplaintStatus.Submitted, final],
        ComplaintStatus.InProgress => [ComplaintStatus.Submitted, ComplaintStatus.Dispatched, final],
        ComplaintStatus.FollowedUp => [ComplaintStatus.Submitted, ComplaintStatus.Dispatched, ComplaintStatus.InProgress, final],
        _ => [ComplaintStatus.Submitted, ComplaintStatus.Dispatched, ComplaintStatus.InProgress, ComplaintStatus.FollowedUp, final],
    };

    /// <summary>When the next step happened: a typical delay for the step, never later than now.</summary>
    private DateTimeOffset Later(DateTimeOffset previous, ComplaintStatus next)
    {
        var typicalHours = next switch
        {
            ComplaintStatus.InProgress => 1 + (content.Random.NextDouble() * 120),
            ComplaintStatus.FollowedUp => 24 + (content.Random.NextDouble() * 480),
            ComplaintStatus.Resolved => 1 + (content.Random.NextDouble() * 240),
            _ => 1 + (content.Random.NextDouble() * 72),
        };
        var room = (now - previous).TotalHours * (0.2 + (0.7 * content.Random.NextDouble()));
        return Seconds(previous + TimeSpan.FromHours(Math.Min(typicalHours, room)));
    }

    private static DateTimeOffset Seconds(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private sealed class History(long id, SlaPolicy sla, ServiceTier tier, Priority priority, Func<string> placeholderHash)
    {
        public List<EventRow> Events { get; } = [];
        public List<AssignmentRow> Assignments { get; } = [];
        public List<ClockRow> Clocks { get; } = [];
        public DateTimeOffset? ResolutionDueAt { get; private set; }

        public DateTimeOffset? NextDueAt => Clocks.Where(c => c.StoppedAt is null && !SlaPolicy.WaitsOnReporter(Enum.Parse<SlaClockKind>(c.Kind)))
            .Min(c => (DateTimeOffset?)c.DueAt);

        public void Record(DateTimeOffset at, string type, string visibility, (string Kind, string Name) actor, string? userId,
            long? agencyId, ComplaintStatus to, string? text, string? data)
        {
            var previous = Events.Count == 0 ? null : Events[^1];
            Events.Add(new EventRow(id, Events.Count + 1, at, type, visibility, actor.Kind, userId, actor.Name, agencyId,
                previous?.ToStatus, to.ToString(), text, data, previous?.Hash ?? "", placeholderHash()));
        }

        public void Assign(BenchAgency lead, BenchAgency? copy, DateTimeOffset at)
        {
            Assignments.Add(new AssignmentRow(id, lead.Id, "Lead", at));
            if (copy is not null && copy.Id != lead.Id)
            {
                Assignments.Add(new AssignmentRow(id, copy.Id, "Copy", at));
            }
        }

        /// <summary>As Complaint.SyncClocks: stop the clocks the new state does not run, start the ones it does.</summary>
        public void Sync(ComplaintStatus status, DateTimeOffset at, long? agencyId)
        {
            var wanted = SlaPolicy.RunningIn(status, priority).Select(k => k.ToString()).ToHashSet();
            for (var i = 0; i < Clocks.Count; i++)
            {
                if (Clocks[i].StoppedAt is null && !wanted.Contains(Clocks[i].Kind))
                {
                    Clocks[i] = Clocks[i] with { StoppedAt = at, NextStep = null, NextStepAt = null };
                }
            }

            foreach (var kind in SlaPolicy.RunningIn(status, priority).Where(k => !Clocks.Any(c => c.StoppedAt is null && c.Kind == k.ToString())))
            {
                var due = sla.DueAt(kind, at, tier);
                if (kind == SlaClockKind.Resolution)
                {
                    due = ResolutionDueAt ??= due;
                }

                var first = sla.Ladder.First(kind, at, due, tier);
                Clocks.Add(new ClockRow(id, kind.ToString(), agencyId, at, due, null, first?.Step.ToString(), first?.At));
            }
        }

        /// <summary>Each running clock's plan moved past the steps that fell due before <paramref name="now"/>.</summary>
        public void ClimbTo(DateTimeOffset now)
        {
            for (var i = 0; i < Clocks.Count; i++)
            {
                var c = Clocks[i];
                var next = c.NextStep is { } step && c.NextStepAt is { } at ? new PlannedStep(Enum.Parse<EscalationStep>(step), at) : null;
                while (next is not null && next.At <= now)
                {
                    next = sla.Ladder.After(next.Step, c.DueAt, tier);
                }

                Clocks[i] = c with { NextStep = next?.Step.ToString(), NextStepAt = next?.At };
            }
        }
    }
}
