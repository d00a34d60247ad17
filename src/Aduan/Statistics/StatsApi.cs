using System.Globalization;
using Aduan.Infrastructure;
using Aduan.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Aduan.Statistics;

/// <summary>
/// The period report for anyone, as JSON and as files: <c>GET /api/v1/stats/period</c>,
/// <c>.../period.csv</c>, <c>.../period.xlsx</c>, each with <c>from</c> and <c>to</c> (WIB dates, inclusive).
/// </summary>
public static class StatsApi
{
    public static void MapStatsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stats").WithTags("Statistics").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/period", async Task<Results<Ok<PeriodReport>, ProblemHttpResult>> (string? from, string? to,
            StatisticsQueries stats, Problems problems, CancellationToken ct) =>
            await ReportAsync(from, to, stats, problems, ct) is { } report ? TypedResults.Ok(report) : Invalid(from, to, problems));
        group.MapGet("/period.csv", (string? from, string? to, StatisticsQueries stats, Problems problems, CancellationToken ct) =>
            FileAsync(from, to, stats, problems, PeriodExport.Csv, "text/csv; charset=utf-8", "csv", ct));
        group.MapGet("/period.xlsx", (string? from, string? to, StatisticsQueries stats, Problems problems, CancellationToken ct) =>
            FileAsync(from, to, stats, problems, PeriodExport.Xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", ct));
    }

    public static async Task<PeriodReport?> ReportAsync(string? from, string? to, StatisticsQueries stats, Problems problems, CancellationToken ct) =>
        Period.Parse(from, to, out _) is { } period
            ? PeriodReport.Create(await stats.PeriodAsync(period, ct), problems.T, CultureInfo.CurrentCulture)
            : null;

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(string? from, string? to, StatisticsQueries stats,
        Problems problems, Func<PeriodReport, IStringLocalizer<SharedResource>, byte[]> write, string contentType, string extension,
        CancellationToken ct) =>
        await ReportAsync(from, to, stats, problems, ct) is { } report
            ? TypedResults.File(write(report, problems.T), contentType, $"pengaduan-{report.From}-{report.To}.{extension}")
            : Invalid(from, to, problems);

    private static ProblemHttpResult Invalid(string? from, string? to, Problems problems)
    {
        Period.Parse(from, to, out var error);
        return problems.Validation("from", error!);
    }
}
