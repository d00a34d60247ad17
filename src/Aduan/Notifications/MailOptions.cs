using System.ComponentModel.DataAnnotations;

namespace Aduan.Notifications;

/// <summary>How the connection to the SMTP server is secured (MailKit's <c>SecureSocketOptions</c>).</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or network.</summary>
    None,

    /// <summary>STARTTLS required (submission, port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on 465, STARTTLS when the server offers it, plain otherwise.</summary>
    Auto,
}

/// <summary>Section <c>Aduan:Mail</c>: the SMTP server e-mail notifications go through.</summary>
public sealed class MailOptions
{
    public const string Section = "Aduan:Mail";

    /// <summary>The SMTP server; unset, e-mails wait in the outbox (retried) until one is configured.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    /// <summary>Authenticate when set (with <see cref="Password"/>).</summary>
    public string? UserName { get; set; }

    /// <summary>Never logged nor shown; prefer an environment variable (<c>Aduan__Mail__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Aduan Kota Bekasi &lt;aduan@bekasikota.go.id&gt;</c>.</summary>
    [Required, MinLength(3)]
    public string From { get; set; } = "Aduan <aduan@localhost>";
}
