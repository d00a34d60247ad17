using System.Globalization;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aduan.Sla;

public sealed record HolidayView(string Date, string Kind, string Name);

public sealed record HolidayRequest(string? Kind, string? Name);

/// <summary>Admins keep the calendar of holidays and cuti bersama, year by year as the government publishes it.</summary>
public static class HolidaysApi
{
    public static void MapHolidaysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/v1/admin/holidays");
        group.MapGet("/", List).WithSummary("Non-working days, optionally of one year.");
        group.MapPut("/{date}", Set).WithSummary("Add or correct a day: { kind: holiday | cuti_bersama, name }.");
        group.MapDelete("/{date}", Remove).WithSummary("Remove a day that is no longer a holiday.");
    }

    public static async Task<Results<Ok<List<HolidayView>>, ProblemHttpResult>> List(int? year, HolidayCalendar calendar, Problems problems,
        CancellationToken ct) =>
        year is { } y && !HolidayCalendar.IsSupportedYear(y)
            ? problems.Validation("year", "Field.Year")
            : TypedResults.Ok((await calendar.ListAsync(year, ct)).Select(ToView).ToList());

    public static async Task<Results<Ok<HolidayView>, Created<HolidayView>, ProblemHttpResult>> Set(
        string date, HolidayRequest request, HolidayCalendar calendar, StaffContext staff, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var day = ParseDate(date, v);
        if (!HolidayCalendar.TryParseKind(request.Kind, out var kind))
        {
            v.Add("kind", "Field.UnknownValue", Validation.Clip(request.Kind ?? ""),
                string.Join(", ", Enum.GetValues<HolidayKind>().Select(HolidayCalendar.KindName)));
        }

        var name = v.Text("name", request.Name, 1, 200, required: true);
        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        var me = (await staff.GetAsync(ct))!;
        var view = new HolidayView(date, HolidayCalendar.KindName(kind), name!);
        return await calendar.SetAsync(day!.Value, kind, name!, me.Name, me.UserId, ct)
            ? TypedResults.Created($"/api/v1/admin/holidays/{date}", view)
            : TypedResults.Ok(view);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        string date, HolidayCalendar calendar, StaffContext staff, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var day = ParseDate(date, v);
        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        var me = (await staff.GetAsync(ct))!;
        return await calendar.RemoveAsync(day!.Value, me.Name, me.UserId, ct)
            ? TypedResults.NoContent()
            : problems.Create(StatusCodes.Status404NotFound, "not-found", "Problem.HolidayNotFound.Title", problems.T["Problem.HolidayNotFound.Detail", date]);
    }

    private static DateOnly? ParseDate(string date, Validation v)
    {
        if (Dates.TryParseIso(date, out var day)
            && HolidayCalendar.IsSupportedYear(day.Year))
        {
            return day;
        }

        v.Add("date", "Field.Date");
        return null;
    }

    private static HolidayView ToView(Holiday h) => new(HolidayCalendar.Iso(h.Date), HolidayCalendar.KindName(h.Kind), h.Name);


}
