using System.ComponentModel.DataAnnotations;

namespace Aduan.Agencies;

/// <summary>Section <c>Aduan:Webhooks</c>: where agency webhooks may go.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Aduan:Webhooks";

    /// <summary>
    /// Host names (or IP addresses) that may resolve to loopback, private, link-local or other
    /// internal addresses, e.g. an agency server on the city's own network. Every other webhook
    /// goes to public addresses only. Compared with the URL's host as written, without case or a
    /// trailing dot.
    /// </summary>
    [MaxLength(100)]
    public List<string> AllowedInternalHosts { get; set; } = [];
}
