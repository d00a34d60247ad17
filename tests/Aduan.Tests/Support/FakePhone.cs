using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using System.Web;

namespace Aduan.Tests.Support;

/// <summary>A message the phone received (a mobile-terminated SMS).</summary>
public sealed record ReceivedSms(string From, string To, string Text);

/// <summary>
/// The handset: fakesmsc connected to bearerbox's fake SMSC. The fake SMSC serves one client at a
/// time and fakesmsc sends only the messages on its command line, so each message sent replaces the
/// connection; what Kannel sends meanwhile waits in its queue and arrives on the next one.
/// </summary>
public sealed class FakePhone(int smscPort) : IAsyncDisposable
{
    private readonly Channel<ReceivedSms> _received = Channel.CreateUnbounded<ReceivedSms>();
    private Process? _connection;

    /// <summary>Sends an SMS from <paramref name="from"/> (e.g. <c>6281234567890</c>) to the short number; UCS-2 when it is not ASCII.</summary>
    public async Task SendAsync(string from, string text, string to = "1708")
    {
        await HangUpAsync();
        var message = text.All(char.IsAscii)
            ? $"{from} {to} text {text}"
            : $"{from} {to} ucs2 {HttpUtility.UrlEncode(Encoding.BigEndianUnicode.GetBytes(text))}";
        var psi = new ProcessStartInfo(Kannel.FakeSmsc) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-r", smscPort.ToString(CultureInfo.InvariantCulture), "-i", "0.1", "-m", "1", message })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _connection = process;
    }

    /// <summary>The next message to <paramref name="phone"/> that matches, within 30 s.</summary>
    public async Task<ReceivedSms> ReceiveAsync(string phone, Func<ReceivedSms, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var sms = await _received.Reader.ReadAsync(timeout.Token);
                if (sms.To == phone && (match is null || match(sms)))
                {
                    return sms;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No SMS to {phone} came out of Kannel within 30 s.");
        }
    }

    /// <summary><c>Got message N: &lt;from to type data&gt;</c>; text as is, ucs-2 URL-encoded UTF-16BE.</summary>
    private void Read(string? line)
    {
        var start = line?.IndexOf("Got message ", StringComparison.Ordinal) ?? -1;
        if (start < 0 || line![^1] != '>')
        {
            return;
        }

        var body = line[(line.IndexOf('<', start) + 1)..^1];
        var parts = body.Split(' ', 4);
        if (parts.Length < 4)
        {
            return;
        }

        var text = parts[2] switch
        {
            "ucs-2" or "ucs2" => Encoding.BigEndianUnicode.GetString(HttpUtility.UrlDecodeToBytes(parts[3])),
            _ => parts[3],
        };
        _received.Writer.TryWrite(new ReceivedSms(parts[0], parts[1], text));
    }

    private async Task HangUpAsync()
    {
        if (_connection is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            process.Dispose();
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => new(HangUpAsync());
}
