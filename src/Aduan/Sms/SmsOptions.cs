using System.ComponentModel.DataAnnotations;

namespace Aduan.Sms;

/// <summary>Section <c>Aduan:Sms</c>: the SMS channel on the city's short number.</summary>
public sealed class SmsOptions
{
    public const string Section = "Aduan:Sms";

    /// <summary>The word citizens type first, e.g. <c>BKSKOTA jalan rusak di ...</c>; letters and digits only.</summary>
    [Required, RegularExpression("^[A-Za-z0-9]{2,20}$")]
    public string Keyword { get; set; } = "BKSKOTA";

    /// <summary>The short number citizens send to, as shown in replies and help.</summary>
    [Required, RegularExpression(@"^\+?[0-9]{3,15}$")]
    public string ShortNumber { get; set; } = "1708";

    /// <summary>
    /// The secret the gateway sends with every incoming message (query <c>secret</c> or header
    /// <c>X-Aduan-Sms-Secret</c>). With neither a secret nor <see cref="AllowedAddresses"/>, every call is refused.
    /// </summary>
    [MinLength(16)]
    public string? SharedSecret { get; set; }

    /// <summary>Addresses the gateway calls from (e.g. <c>127.0.0.1</c>); empty: any address (then the secret is required).</summary>
    [MaxLength(50)]
    public List<string> AllowedAddresses { get; set; } = [];

    /// <summary>Messages one number may send in an hour before further ones are stored but not acted on.</summary>
    [Range(1, 10_000)]
    public int PerNumberPerHour { get; set; } = 10;

    /// <summary>Run the recovery pass in this instance (every instance may; claims keep them apart).</summary>
    public bool RecoveryEnabled { get; set; } = true;

    /// <summary>How often the recovery pass looks for messages stored but not processed (a crash, a database hiccup).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long messages about no report (help, status questions, too short, blocked) are kept; those
    /// about a report go when its contact is erased (<c>Aduan:Privacy:ContactRetention</c> or a request).
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan UnlinkedRetention { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Section <c>Aduan:Sms:Kannel</c>: where outgoing SMS go (Kannel's smsbox <c>sendsms</c>).</summary>
public sealed class KannelOptions
{
    public const string Section = "Aduan:Sms:Kannel";

    /// <summary>e.g. <c>http://127.0.0.1:13013/cgi-bin/sendsms</c>; unset: outgoing SMS wait in the outbox.</summary>
    [Url]
    public string? SendUrl { get; set; }

    [MaxLength(100)]
    public string? Username { get; set; }

    [MaxLength(100)]
    public string? Password { get; set; }

    /// <summary>The sender the citizen sees.</summary>
    [Required, MaxLength(20)]
    public string Sender { get; set; } = "1708";
}
