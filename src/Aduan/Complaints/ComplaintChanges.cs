namespace Aduan.Complaints;

/// <summary>What happened to one report in one unit of work: the events appended to it, not yet saved.</summary>
public sealed record ComplaintChange(Complaint Complaint, IReadOnlyList<ComplaintEvent> Events, DateTimeOffset At)
{
    /// <summary>At intake only: the reporter key, shown once and never stored, for a subscriber that may send it over a private channel.</summary>
    public string? ReporterKey { get; init; }
}

/// <summary>
/// A side effect of changes to reports (webhooks, SMS and e-mail, escalations, federation pushes,
/// rollups), registered by its own feature folder with <c>AddScoped&lt;IComplaintSubscriber, ...&gt;</c>.
/// It is told of every change before the change is saved and writes what it needs to send through
/// <see cref="Outbox.OutboxWriter"/>, so its messages are stored in the change's own transaction: both
/// or neither. It must not save; throwing refuses the change.
/// </summary>
public interface IComplaintSubscriber
{
    ValueTask OnChangedAsync(ComplaintChange change, CancellationToken ct);
}

/// <summary>Tells the registered subscribers what intake and the workflow appended; the core names no consumer.</summary>
public sealed class ComplaintChanges(IEnumerable<IComplaintSubscriber> subscribers, Outbox.OutboxWriter outbox)
{
    private readonly IComplaintSubscriber[] _subscribers = [.. subscribers];

    /// <summary>Call before saving the unit of work that changed <paramref name="complaint"/> at <paramref name="now"/>.</summary>
    public async Task PublishAsync(Complaint complaint, DateTimeOffset now, CancellationToken ct, string? reporterKey = null)
    {
        if (_subscribers.Length == 0)
        {
            return;
        }

        // Events not saved yet have no id: they are this unit of work's.
        var appended = complaint.Events.Where(e => e.Id == 0).ToList();
        if (appended.Count == 0)
        {
            return;
        }

        var change = new ComplaintChange(complaint, appended, now) { ReporterKey = reporterKey };
        foreach (var subscriber in _subscribers)
        {
            await subscriber.OnChangedAsync(change, ct);
        }
    }

    /// <summary>Call after the save committed: wakes the dispatcher if a subscriber queued anything.</summary>
    public void AfterSave() => outbox.AfterSave();
}
