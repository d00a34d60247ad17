using Aduan.Complaints;

namespace Aduan.Following;

/// <summary>
/// One SMS number or e-mail address that asked to hear of a report's public progress. Nothing is sent
/// to it but the confirmation until <see cref="ConfirmedAt"/> is set through the link in that message;
/// an unconfirmed follower expires after <see cref="FollowingOptions.ConfirmWithin"/>. The stop token
/// is kept only as its SHA-256 (see <see cref="Followers.Token"/>).
/// </summary>
public sealed class ReportFollower
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }

    /// <summary><see cref="NotifyBy.Sms"/> or <see cref="NotifyBy.Email"/>.</summary>
    public NotifyBy Channel { get; set; }

    /// <summary>E.164 for SMS, lower case for e-mail: one person is one row per report.</summary>
    public required string Address { get; set; }

    /// <summary>The language of the page they followed from: the language of their messages.</summary>
    public string Language { get; set; } = "id";

    /// <summary>Followed with the reporter key: may hear of a report the public does not see.</summary>
    public bool IsReporter { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public required string TokenHash { get; set; }
}
