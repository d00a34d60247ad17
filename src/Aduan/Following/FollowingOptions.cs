using System.ComponentModel.DataAnnotations;

namespace Aduan.Following;

/// <summary>Section <c>Aduan:Following</c>: citizens who follow a report by SMS or e-mail.</summary>
public sealed class FollowingOptions
{
    public const string Section = "Aduan:Following";

    /// <summary>An unconfirmed follower is sent nothing more and is deleted after this long.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// At most this many followers per report: each public change queues one message per follower in
    /// the change's own transaction, so this bounds that transaction (and the SMS bill).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPerReport { get; set; } = 5000;
}
