using System.Globalization;
using System.Text;
using Aduan.Agencies;
using Aduan.Infrastructure;
using Aduan.Notifications;
using Aduan.Resources;
using Aduan.Statistics;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Supervision;

/// <summary>A summary e-mail's subject, body and workbook, the same for every recipient of one scope.</summary>
public sealed record SummaryMessage(string Subject, string Text, EmailAttachment Workbook);

/// <summary>
/// Writes a scheduled summary from the dashboard's own figures (<see cref="SupervisionQueries"/>): the
/// headline numbers and each agency's line in the body, in Indonesian like every staff message, and
/// the dashboard's tables (<see cref="DashboardTables"/>) attached as a workbook. Counts and agency
/// names only: never a report's text or a reporter.
/// </summary>
public sealed class SummaryMail(SupervisionQueries queries, AgencyDirectory agencies, IStringLocalizer<SharedResource> t, IOptions<AduanOptions> site)
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public async Task<SummaryMessage> BuildAsync(DueSummary due, SupervisionScope scope, CancellationToken ct)
    {
        // Staff messages are in Indonesian (StaffNotifier.Language): the localized table headers too. Set for this flow only.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Indonesian;
        var summary = await queries.SummaryAsync(scope, due.Period, ct);
        var kind = due.Kind == SummaryKind.Weekly ? "mingguan" : "bulanan";
        var whose = scope.AgencyId is { } id && (await agencies.GetAsync(ct)).TryGetValue(id, out var agency) ? agency.Name : "seluruh instansi";
        var period = due.Period.Describe(Indonesian);
        var figures = Figures(summary);
        var values = new Dictionary<string, string>
        {
            ["kind"] = kind,
            ["scope"] = whose,
            ["period"] = period,
            ["text"] = Body(figures, summary),
            ["link"] = $"{site.Value.PublicSite}{DashboardLink(scope, due)}",
        };
        var workbook = DashboardExport.Xlsx(new DashboardTables(t, Indonesian).All(summary),
            [("Ringkasan " + kind, new FigureCell(whose)), ("Periode", new FigureCell(period)), .. figures], "Ringkasan");
        return new SummaryMessage(
            NotificationTemplates.Render("Staff.Summary.Subject", StaffNotifier.Language, values),
            NotificationTemplates.Render("Staff.Summary.Email", StaffNotifier.Language, values) + NotificationTemplates.Get("Footer").In(StaffNotifier.Language),
            new EmailAttachment($"ringkasan-{kind}-{(scope.AgencyCode ?? "kota").ToLowerInvariant()}-{Period.Iso(due.Period.From)}.xlsx",
                DashboardExport.XlsxType, workbook));
    }

    /// <summary>The dashboard for the summary's period: the city's with its dates, an agency's scorecard for the month the period ends in.</summary>
    private static string DashboardLink(SupervisionScope scope, DueSummary due) => scope.AgencyCode is { } code
        ? DashboardTables.ScorecardLink(code, due.Period)
        : $"/staff/dasbor?from={Period.Iso(due.Period.From)}&to={Period.Iso(due.Period.To)}";

    /// <summary>The headline figures, labelled: the body's first lines and the workbook's cover sheet.</summary>
    private static List<(string Label, FigureCell Value)> Figures(SupervisionSummary s)
    {
        var onTime = s.Ranking.Sum(a => a.OnTime);
        var decided = onTime + s.Ranking.Sum(a => a.Late);
        List<(string, FigureCell)> figures =
        [
            ("Laporan masuk", Number(s.Received)),
            ("Sudah ditindaklanjuti", Number(s.FollowedUp)),
            ("Tindak lanjut tepat waktu", decided == 0 ? new FigureCell("-")
                : new FigureCell($"{Share((double)onTime / decided)} ({N(onTime)} dari {N(decided)})", Math.Round((double)onTime / decided, 4))),
            ("Laporan terbuka saat ini", Number(s.Open)),
            ("Lewat batas waktu saat ini", Number(s.Overdue)),
            ("Ditandai untuk Ombudsman", Number(s.OmbudsmanFlagged)),
        ];
        if (s.ImportedReceived + s.ImportedOpen > 0)
        {
            figures.Add(("Laporan impor (di luar hitungan di atas)", new FigureCell($"{N(s.ImportedReceived)} masuk, {N(s.ImportedOpen)} terbuka")));
        }

        return figures;
    }

    private static string Body(List<(string Label, FigureCell Value)> figures, SupervisionSummary s)
    {
        var text = new StringBuilder();
        foreach (var (label, value) in figures)
        {
            text.Append(label).Append(": ").Append(value.Text).Append('\n');
        }

        if (s.Ranking.Count > 0)
        {
            text.Append("\nPer instansi (masuk / ditindaklanjuti / tepat waktu / median hari kerja sampai tindak lanjut):\n");
            var rank = 0;
            foreach (var a in s.Ranking)
            {
                text.Append(++rank).Append(". ").Append(a.Name).Append(": ").Append(N(a.Received)).Append(" / ").Append(N(a.FollowedUp))
                    .Append(" / ").Append(a.OnTimeShare is { } share ? Share(share) : "-")
                    .Append(" / ").Append(a.FollowUp.Median is { } m ? N(m) : "-").Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }

    private static FigureCell Number(int n) => new(N(n), n);

    private static string N(int n) => n.ToString("N0", Indonesian);

    private static string Share(double share) => share.ToString("P0", Indonesian);
}
