using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;

namespace Aduan.Tests.Support;

/// <summary>
/// A browser without JavaScript for the staff pages: keeps cookies, follows redirects, parses
/// HTML with AngleSharp and submits forms as a browser would (their hidden fields, including the
/// anti-forgery token, plus the values given). Real browser journeys are in Aduan.BrowserTests.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    /// <summary>The last response's status and final address (after redirects).</summary>
    public HttpStatusCode Status { get; private set; }

    public Uri? Address { get; private set; }

    public static PageClient For(AduanFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true }));

    /// <summary>Creates a user with the role and signs them in through the sign-in page (and the second step, if enrolled).</summary>
    public static async Task<PageClient> SignedInAsync(AduanFactory factory, string role, string? agency = null, string? userName = null)
    {
        var name = await factory.CreateUserAsync(role, agency, userName);
        var client = For(factory);
        await client.SignInAsync(name);
        return client;
    }

    public async Task<IHtmlDocument> SignInAsync(string userName, string password = AduanFactory.Password, string? totpKey = null)
    {
        var page = await GetAsync("/staff/account/signin");
        var next = await SubmitAsync(page, "form", new() { ["UserName"] = userName, ["Password"] = password });
        if (totpKey is not null && Address?.AbsolutePath == "/staff/account/secondfactor")
        {
            next = await SubmitAsync(next, "form", new() { ["Code"] = Totp(totpKey, stepsAhead: 1) });
        }

        return next;
    }

    /// <summary>The current code of an authenticator app holding this key (as shown on the enrolment page, spaces allowed).</summary>
    /// <summary>
    /// The authenticator app's code now, or <paramref name="stepsAhead"/> 30-second steps later: each code
    /// signs in once, so a sign-in right after enrolling (which used the current one) takes the next.
    /// </summary>
    public static string Totp(string key, int stepsAhead = 0) =>
        new OtpNet.Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()))
            .ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    public async Task<IHtmlDocument> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        return await ReadAsync(response);
    }

    /// <summary>Fills the form matched by the selector and submits it with its submit button (or the one matched by <paramref name="button"/>).</summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector, Dictionary<string, string> values,
        string? button = null, (string Field, string FileName, string ContentType, byte[] Content)? file = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {Address}: {Text(page)[..Math.Min(500, Text(page).Length)]}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "file" or "button"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }

                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        fields.Add(new(select.Name, option.Value));
                    }

                    break;
            }
        }

        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value.Contains('\u001f', StringComparison.Ordinal))
            {
                fields.AddRange(value.Split('\u001f').Select(v => new KeyValuePair<string, string>(name, v)));
            }
            else
            {
                fields.Add(new(name, value));
            }
        }

        var submit = (button is null ? form.QuerySelector("button[type=submit], button:not([type])") : form.QuerySelector(button)) as IHtmlButtonElement;
        if (submit is not null && !string.IsNullOrEmpty(submit.Name))
        {
            fields.Add(new(submit.Name, submit.Value));
        }

        var action = submit?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? Address!.PathAndQuery : action;
        HttpContent content;
        if (file is { } f)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in fields)
            {
                multipart.Add(new StringContent(v), k);
            }

            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.ContentType);
            multipart.Add(bytes, f.Field, f.FileName);
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }

        using var response = await Http.PostAsync(target, content);
        return await ReadAsync(response);
    }

    public static string Text(IHtmlDocument page) => page.Body?.TextContent ?? "";

    private async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response)
    {
        Status = response.StatusCode;
        Address = response.RequestMessage?.RequestUri;
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => Http.Dispose();
}
