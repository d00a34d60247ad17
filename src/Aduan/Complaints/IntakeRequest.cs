using Aduan.Attachments;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Triage;

namespace Aduan.Complaints;

/// <summary>
/// A report as any channel hands it to <see cref="ComplaintIntake"/>: the web form, the JSON API,
/// the call-center console, SMS and Open311. Texts are as typed; intake checks them.
/// </summary>
public sealed record IntakeRequest(Channel Channel, string? Text)
{
    public string? Title { get; init; }

    /// <summary>A category code or name; none leaves the choice to the verification desk.</summary>
    public string? Category { get; init; }

    public ComplaintKind? Kind { get; init; }
    public PrivacyMode? Privacy { get; init; }
    public ReporterRequest? Reporter { get; init; }
    public LocationRequest? Location { get; init; }

    /// <summary>How the reporter wants to hear of changes; null: e-mail if given, else SMS if a phone (the call center and SMS: SMS first).</summary>
    public NotifyBy? NotifyBy { get; init; }

    /// <summary>The reporter's language (<c>id</c> or <c>en</c>); null: the request's UI language.</summary>
    public string? Language { get; init; }

    /// <summary>Photos the channel already read and re-encoded (<see cref="ImageUploads"/>).</summary>
    public IReadOnlyList<StoredImage> Photos { get; init; } = [];

    /// <summary>A retry with the same key gets the first answer instead of a second report (24 hours).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The staff member recording it (call center, manager); null for a citizen.</summary>
    public StaffMember? Staff { get; init; }

    /// <summary>
    /// For a citizen's report an external system passes on (an Open311 API key): recorded as the first
    /// event's actor, so the chain says which system sent it. Null: the reporter themself.
    /// </summary>
    public Actor? Submitter { get; init; }

    /// <summary>Answer <see cref="IntakeOutcome.SimilarFound"/> instead of storing when open published reports look the same.</summary>
    public bool OfferSimilar { get; init; }
}

/// <summary>What intake answers; each channel renders it its own way (a problem document, form errors, an SMS reply).</summary>
public abstract record IntakeOutcome
{
    private IntakeOutcome()
    {
    }

    /// <summary>Stored (or, for a repeated idempotency key, stored before: <paramref name="Replayed"/>).</summary>
    public sealed record Stored(Complaint Complaint, string ReporterKey, bool Replayed) : IntakeOutcome;

    /// <summary>Nothing stored; the errors by field (names as in the JSON API: <c>text</c>, <c>reporter.phone</c>, ...).</summary>
    public sealed record Invalid(Validation Errors) : IntakeOutcome;

    /// <summary>The idempotency key was used before for a different report: nothing stored.</summary>
    public sealed record KeyReused : IntakeOutcome;

    /// <summary>Nothing stored yet: the reporter may support one of these instead, or send again with <c>OfferSimilar = false</c>.</summary>
    public sealed record SimilarFound(IReadOnlyList<SimilarReport> Reports) : IntakeOutcome;
}
