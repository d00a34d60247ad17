using System.Globalization;
using Aduan.Complaints;
using Aduan.Infrastructure;
using Aduan.Resources;
using Aduan.Transparency;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Open311;

/// <summary>The window and page of a list; both ends inclusive (an update at <c>end_date</c> itself, or one made just now, belongs in).</summary>
public sealed record Open311Window(DateTimeOffset From, DateTimeOffset To, int Page, int PageSize);

/// <summary>
/// Reads the query of <c>GET requests</c> and <c>GET servicerequestupdates</c>. Without dates the
/// window is the last <see cref="Open311Options.WindowDays"/> days; with one date it extends that far
/// from it; a wider window is refused, so every page is a bounded range of an index.
/// </summary>
public sealed class Open311RequestReader(Open311Services services, IOptions<Open311Options> options, TimeProvider time,
    IStringLocalizer<SharedResource> t)
{
    public async Task<(Open311RequestFilter? Filter, List<Open311Error> Errors)> ReadAsync(Open311Form form, CancellationToken ct)
    {
        var (window, errors) = ReadWindow(form);
        var codes = new List<string>();
        foreach (var id in form.List("service_request_id"))
        {
            // An id that cannot be ours matches nothing, as an unknown one does.
            codes.Add(TrackingCode.TryNormalize(id, out var code) ? code : "-");
        }

        var categories = new List<long>();
        foreach (var code in form.List("service_code"))
        {
            if (await services.FindAsync(code, ct) is { } category)
            {
                categories.Add(category.Id);
            }
            else
            {
                errors.Add(new(400, t["Open311.Error.ServiceNotFound", Validation.Clip(code)]));
            }
        }

        var statuses = new List<ComplaintStatus>();
        foreach (var status in form.List("status"))
        {
            switch (status.ToLowerInvariant())
            {
                case "open":
                    statuses.AddRange(PublicRegister.PublishedStatuses.Where(s => !ComplaintStateMachine.IsClosed(s)));
                    break;
                case "closed":
                    statuses.AddRange(PublicRegister.PublishedStatuses.Where(ComplaintStateMachine.IsClosed));
                    break;
                default:
                    errors.Add(new(400, t["Open311.Error.Status"]));
                    break;
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Open311RequestFilter(codes.Take(window!.PageSize).ToList(), categories, statuses.Distinct().ToList(), window.From,
                window.To, window.Page, window.PageSize), errors);
    }

    public (Open311Window? Window, List<Open311Error> Errors) ReadWindow(Open311Form form)
    {
        var o = options.Value;
        var errors = new List<Open311Error>();
        var span = TimeSpan.FromDays(o.WindowDays);
        var start = Instant(form, "start_date", errors);
        var end = Instant(form, "end_date", errors);
        var page = Number(form, "page", 1, int.MaxValue / Math.Max(o.MaxPageSize, 1), errors) ?? 1;
        var pageSize = Number(form, "page_size", 1, o.MaxPageSize, errors) ?? Math.Min(o.PageSize, o.MaxPageSize);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var to = end ?? (start is { } s ? s + span : time.GetUtcNow());
        var from = start ?? to - span;
        if (to - from > span || to < from)
        {
            errors.Add(new(400, t["Open311.Error.Window", o.WindowDays]));
            return (null, errors);
        }

        return (new Open311Window(from, to, page, pageSize), errors);
    }

    private DateTimeOffset? Instant(Open311Form form, string field, List<Open311Error> errors)
    {
        if (form[field] is not { } value)
        {
            return null;
        }

        if (Open311Form.TryInstant(value, out var instant) && Dates.IsSupported(instant))
        {
            return instant;
        }

        errors.Add(new(400, t["Open311.Error.Date", field]));
        return null;
    }

    private int? Number(Open311Form form, string field, int min, int max, List<Open311Error> errors)
    {
        if (form[field] is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors.Add(new(400, t["Open311.Error.Page", field, max]));
        return null;
    }
}
