using System.Buffers;
using System.Globalization;
using System.Text;
using Aduan.Complaints;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Aduan.Web;

/// <summary>
/// A public page as rendered once for a kept view (<see cref="PublicViewCache"/>), served again to every reader with
/// nothing of their own on it: the same bytes, with this request's antiforgery token where the first request's was.
/// Rendering (the view, its layout, partials and tag helpers) is most of such a page's cost; the token is the one part
/// of it that belongs to the reader. Kept beside the view it shows, so it goes when the view goes.
/// </summary>
public sealed class KeptPage
{
    private const string HtmlUtf8 = "text/html; charset=utf-8";

    private readonly byte[][] _parts; // the page cut where the token was: a token goes between each two
    private readonly int _length;

    private KeptPage(byte[][] parts)
    {
        _parts = parts;
        _length = parts.Sum(p => p.Length);
    }

    /// <summary>How many times the first request's token was found and is put back.</summary>
    public int Tokens => _parts.Length - 1;

    /// <summary>Cuts <paramref name="html"/> at every place <paramref name="token"/> was written.</summary>
    public static KeptPage Of(ReadOnlySpan<byte> html, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var needle = Encoding.ASCII.GetBytes(token);
        var parts = new List<byte[]>();
        int at;
        while ((at = html.IndexOf(needle)) >= 0)
        {
            parts.Add(html[..at].ToArray());
            html = html[(at + needle.Length)..];
        }

        parts.Add(html.ToArray());
        return new KeptPage([.. parts]);
    }

    /// <summary>
    /// Whether the page about to be shown is the one every reader of <paramref name="path"/> gets: a GET of the address as
    /// the page spells it, without a query, no form errors, no message waiting from a redirect (TempData), and dates
    /// written in the page's language (a culture cookie may ask for another: views are kept per language only). Anything
    /// else is rendered for the request alone. <see cref="KeptPages"/> serves a kept page on the same terms.
    /// </summary>
    public static bool IsShared(PageModel page, string path) =>
        HttpMethods.IsGet(page.Request.Method)
        && string.Equals(page.Request.Path.Value, path, StringComparison.Ordinal)
        && !page.Request.QueryString.HasValue
        && OneLanguage()
        && page.ModelState.IsValid
        && page.TempData.Count == 0;

    /// <summary>Texts and dates in the same language: what a kept page, kept per <see cref="CultureInfo.CurrentUICulture"/>, was written in.</summary>
    public static bool OneLanguage() =>
        string.Equals(CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, StringComparison.Ordinal);

    /// <summary>The request's antiforgery token, the one its forms get (made once per request; its cookie set if new).</summary>
    public static string TokenFor(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!;

    /// <summary>Writes the page with <paramref name="token"/> put back.</summary>
    public Task WriteAsync(HttpResponse response, string token, CancellationToken ct)
    {
        var tokenBytes = Encoding.ASCII.GetBytes(token);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = HtmlUtf8;
        response.ContentLength = _length + (_parts.Length - 1) * tokenBytes.Length;
        var writer = response.BodyWriter;
        for (var i = 0; i < _parts.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(tokenBytes);
            }

            writer.Write(_parts[i]);
        }

        return writer.FlushAsync(ct).AsTask();
    }
}

/// <summary>What holds a <see cref="KeptPage"/>: the kept view the page shows, set by the first request to render it.</summary>
public interface IKeepsPage
{
    KeptPage? Page { get; set; }
}

/// <summary>
/// The page, shown from <paramref name="holder"/>'s kept page, or rendered and kept there. Only for a page that
/// <see cref="KeptPage.IsShared"/>; a page whose forms ask for no token gets one anyway (its cookie is set), which costs
/// a reader nothing. A <see cref="PageResult"/> itself, so Razor Pages gives it the page and its data as to any other.
/// </summary>
public sealed class KeptPageResult(IKeepsPage holder) : PageResult
{
    public override async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;

        // Asked for first, so that the render below writes this token, and no other, where the page has forms.
        var token = KeptPage.TokenFor(http);
        if (holder.Page is { } kept)
        {
            await kept.WriteAsync(http.Response, token, http.RequestAborted);
            return;
        }

        var response = http.Response;
        var body = response.Body;
        using var rendered = new MemoryStream();
        response.Body = rendered;
        try
        {
            await base.ExecuteResultAsync(context);
        }
        finally
        {
            response.Body = body;
        }

        var html = rendered.GetBuffer().AsSpan(0, (int)rendered.Length);
        var made = KeptPage.Of(html, token);
        if (made.Tokens > 0 || html.IndexOf(FormField(http)) < 0)
        {
            // Another request may have kept the same page meanwhile: the two are the same but for the token.
            holder.Page = made;
        }

        // Else the page has a form whose token was written in a way not found: kept, it could carry this reader's token to
        // others, so it is shown to this reader alone.
        await made.WriteAsync(response, token, http.RequestAborted);
    }

    private static byte[] FormField(HttpContext http) =>
        Encoding.ASCII.GetBytes($"name=\"{http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName}\"");
}

/// <summary>
/// Marks a page that keeps its shared view's page (<see cref="KeptPageResult"/>): what the view is kept as in
/// <see cref="PublicViewCache"/>, and the page's address before the tracking code.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ServesKeptPageAttribute(Type kept, string prefix) : Attribute
{
    public Type Kept { get; } = kept;

    public string Prefix { get; } = prefix;
}

/// <summary>
/// Serves a kept page before Razor Pages is asked (its filters, binding, page model and handler cost as much as the
/// rest of the request): for a page marked <see cref="ServesKeptPageAttribute"/>, a GET of its address as the page
/// spells it, no query, one language for texts and dates, no TempData cookie (no message waiting), and a page kept for a
/// view still good. Anything else goes on to the page, which builds, renders and keeps. Runs after every other
/// middleware, so the rate limits, timeouts and headers of the page apply to it as rendered.
/// </summary>
public static class KeptPages
{
    public static async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ServesKeptPageAttribute>() is { } serves
            && !request.QueryString.HasValue
            && CodeIn(request.Path.Value, serves.Prefix) is { } code
            && KeptPage.OneLanguage()
            && !request.Cookies.ContainsKey(context.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!)
            && await context.RequestServices.GetRequiredService<PublicViewCache>()
                .KeptPageAsync(serves.Kept, code, context.RequestServices, context.RequestAborted) is { } page)
        {
            await page.WriteAsync(context.Response, KeptPage.TokenFor(context), context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>The tracking code of <paramref name="path"/> when it is <paramref name="prefix"/> and a code as written by the app.</summary>
    private static string? CodeIn(string? path, string prefix) =>
        path is not null && path.StartsWith(prefix, StringComparison.Ordinal)
        && TrackingCode.TryNormalize(path[prefix.Length..], out var code) && path.AsSpan(prefix.Length).SequenceEqual(code)
            ? code
            : null;
}
