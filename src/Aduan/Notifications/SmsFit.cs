namespace Aduan.Notifications;

/// <summary>
/// Keeps an outgoing SMS within one segment where it can: 160 GSM-7 characters, or 70 when a character
/// outside GSM-7 forces UCS-2. A coarse count (ASCII as GSM-7, the escape characters as two): the SMS
/// channel counts segments exactly; this only decides how much of a free text fits.
/// </summary>
public static class SmsFit
{
    public const int GsmSegment = 160;
    public const int UcsSegment = 70;
    private const string Ellipsis = "...";

    public static int Length(string text, out bool gsm)
    {
        gsm = text.All(c => c is '\n' or '\r' || c is >= ' ' and <= '~');
        return gsm ? text.Length + text.Count(c => "^{}\\[]~|".Contains(c, StringComparison.Ordinal)) : text.Length;
    }

    /// <summary><paramref name="render"/>ed with as much of <paramref name="freeText"/> as fits in one segment (cut with "...").</summary>
    public static string Fit(Func<string, string> render, string freeText)
    {
        var whole = render(freeText);
        var length = Length(whole, out var gsm);
        var limit = gsm ? GsmSegment : UcsSegment;
        if (length <= limit || freeText.Length == 0)
        {
            return whole;
        }

        var room = Math.Max(10, freeText.Length - (length - limit) - Ellipsis.Length);
        if (room >= freeText.Length)
        {
            return whole;
        }

        var cut = freeText[..room];
        if (char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }

        return render(cut.TrimEnd() + Ellipsis);
    }
}
