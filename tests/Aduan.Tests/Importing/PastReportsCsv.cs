using System.Globalization;
using System.Text;
using Aduan.Complaints;
using Aduan.Importing;
using Aduan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Importing;

/// <summary>Builds a call-center spreadsheet (CSV) of past reports, row by row.</summary>
public sealed class PastReportsCsv
{
    private const string Header = "submitted_at,channel,category,agency,text,status,dispatched_at,followed_up_at,resolved_at,follow_up,kecamatan";
    private readonly StringBuilder _rows = new(Header + "\n");
    private int _count;

    /// <summary>A report followed up and resolved the day after it came in (WIB, dd/MM/yyyy HH:mm as the call center writes).</summary>
    public PastReportsCsv Resolved(DateTime submittedWib, string agency, string category = "KESEHATAN", string channel = "CallCenter")
    {
        string At(DateTime d) => d.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        return Row(At(submittedWib), channel, category, agency, "Selesai", At(submittedWib.AddHours(1)), At(submittedWib.AddDays(1)),
            At(submittedWib.AddDays(2)), "Sudah ditangani petugas");
    }

    /// <summary>A raw row, fields as written; the text is made unique so each row is its own report.</summary>
    public PastReportsCsv Row(string submittedAt, string channel, string category, string agency, string status, string dispatchedAt = "",
        string followedUpAt = "", string resolvedAt = "", string followUp = "", string kecamatan = "")
    {
        _count++;
        _rows.Append(CultureInfo.InvariantCulture, $"{submittedAt},{channel},{category},{agency},\"Laporan warga nomor {_count}, mohon ditindaklanjuti\",{status},")
            .Append(CultureInfo.InvariantCulture, $"{dispatchedAt},{followedUpAt},{resolvedAt},\"{followUp}\",{kecamatan}\n");
        return this;
    }

    public override string ToString() => _rows.ToString();

    public async Task<ImportResult> ImportAsync(AduanFactory factory, bool dryRun = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ToString()));
        return await scope.ServiceProvider.GetRequiredService<ReportImport>()
            .ImportAsync(stream, dryRun, new Actor(ActorKind.System, null, "test"), null, CancellationToken.None);
    }

    /// <summary>
    /// The city's release of October 2020: 59 reports from 11 to 27 October, all followed up; 19 to
    /// Dinas Kesehatan, 12 to Disdukcapil, 6 to Bapenda, 22 to five other agencies; and one report
    /// just before and one just after the period (by WIB, not by UTC).
    /// </summary>
    public static PastReportsCsv Article()
    {
        var csv = new PastReportsCsv();
        var agencies = Enumerable.Repeat("DINKES", 19).Concat(Enumerable.Repeat("DISDUKCAPIL", 12)).Concat(Enumerable.Repeat("BAPENDA", 6))
            .Concat(Enumerable.Repeat("DISDIK", 5)).Concat(Enumerable.Repeat("DBMSDA", 5)).Concat(Enumerable.Repeat("DLH", 5))
            .Concat(Enumerable.Repeat("DISHUB", 4)).Concat(Enumerable.Repeat("DINSOS", 3)).ToList();
        for (var i = 0; i < agencies.Count; i++)
        {
            // The first at 00:00 WIB on the 11th, the last at 23:00 WIB on the 27th.
            var at = i == 0 ? new DateTime(2020, 10, 11, 0, 0, 0) : i == agencies.Count - 1 ? new DateTime(2020, 10, 27, 23, 0, 0)
                : new DateTime(2020, 10, 11 + i % 17, 9 + i % 8, 0, 0);
            csv.Resolved(at, agencies[i], channel: i % 3 == 0 ? "Sms" : "CallCenter");
        }

        return csv
            .Row("2020-10-10T23:59:00+07:00", "CallCenter", "KESEHATAN", "DINKES", "Dispatched", "2020-10-11T08:00:00+07:00")
            .Row("2020-10-27T17:00:00Z", "CallCenter", "KESEHATAN", "DINKES", "Dispatched", "2020-10-28T08:00:00+07:00");
    }
}
