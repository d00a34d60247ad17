using System.Globalization;
using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Infrastructure;
using Aduan.Resources;
using Aduan.Sla;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Importing;

/// <summary>A row that cannot be imported: its line in the file (the header is line 1) and why.</summary>
public sealed record ImportRejection(int Line, string Reasons);

/// <summary>What an import did, or, in a dry run or when a row was rejected, would have done.</summary>
public sealed record ImportResult(int Rows, int Added, int AlreadyImported, IReadOnlyList<ImportRejection> Rejected, bool Saved);

/// <summary>
/// Brings past reports in from the call center's spreadsheets (CSV), shared by <c>import reports</c>
/// and the admin page. All or nothing per file: one bad row and nothing is saved. Rows already
/// imported (same <see cref="Complaint.ImportKey"/>) are skipped, so a file can be imported twice.
/// </summary>
public sealed class ReportImport(
    AduanDbContext db, SlaPolicyProvider slaProvider, AgencyDirectory directory, AuditTrail audit, TimeProvider time,
    IStringLocalizer<SharedResource> t)
{
    private const int BatchSize = 500;

    /// <summary>Reads and checks the whole file, then (unless a dry run) saves the new reports in one transaction.</summary>
    public async Task<ImportResult> ImportAsync(Stream csv, bool dryRun, Actor actor, Action<string>? progress, CancellationToken ct,
        int progressEvery = 10_000)
    {
        var agencies = await db.Agencies.ToListAsync(ct);
        var categories = await db.Categories.ToListAsync(ct);
        var reader = new ImportRowReader(agencies, categories, await directory.KecamatanNamesAsync(ct), t, time.GetUtcNow());
        var (reports, rejected, rows) = await ReadAsync(csv, reader, progress, progressEvery, ct);
        var fresh = await WithoutImportedAsync(reports, ct);
        var skipped = reports.Count - fresh.Count;
        if (dryRun || rejected.Count > 0)
        {
            return new ImportResult(rows, fresh.Count, skipped, rejected, Saved: false);
        }

        var sla = await slaProvider.GetAsync(ct);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var done = 0; done < fresh.Count; done += BatchSize)
        {
            var batch = fresh.Skip(done).Take(BatchSize).ToList();
            var codes = await TrackingCode.NewUniqueAsync(db, batch.Count, ct);
            db.Complaints.AddRange(batch.Select((r, i) => Complaint.Import(r, codes[i], actor, sla, now)));
            await db.SaveChangesAsync(ct);

            // A flat change tracker keeps a million-row file as fast at the end as at the start.
            db.ChangeTracker.Clear();
            db.AttachRange(agencies);
            db.AttachRange(categories);
            if ((done + batch.Count) / progressEvery > done / progressEvery)
            {
                progress?.Invoke($"... {done + batch.Count} reports saved");
            }
        }

        audit.Record(actor.Name, actor.UserId, "reports.import", $"{fresh.Count} reports", new { rows, added = fresh.Count, skipped });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(rows, fresh.Count, skipped, [], Saved: true);
    }

    private async Task<(List<ImportedReport> Reports, List<ImportRejection> Rejected, int Rows)> ReadAsync(
        Stream stream, ImportRowReader reader, Action<string>? progress, int progressEvery, CancellationToken ct)
    {
        var (reports, rejected, rows) = (new List<ImportedReport>(), new List<ImportRejection>(), 0);
        using var text = new StreamReader(stream);
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            DetectDelimiter = true,
        });
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return (reports, [new ImportRejection(1, t["Import.Reason.Empty"])], 0);
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        var missing = ImportRowReader.RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return (reports, [new ImportRejection(1, t["Import.Reason.Columns", string.Join(", ", missing)])], 0);
        }

        var seen = new HashSet<string>();
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            var reasons = new List<string>();
            var report = reader.Read(name => header.Contains(name) ? csv.GetField(name) : null, reasons);
            if (report is null)
            {
                rejected.Add(new ImportRejection(csv.Parser.Row, string.Join("; ", reasons)));
            }
            else if (seen.Add(report.ImportKey))
            {
                reports.Add(report);
            }

            if (rows % progressEvery == 0)
            {
                progress?.Invoke($"... {rows} rows read");
            }
        }

        return (reports, rejected, rows);
    }

    /// <summary>The reports whose import key is not stored yet, looked up a batch at a time on the unique index.</summary>
    private async Task<List<ImportedReport>> WithoutImportedAsync(List<ImportedReport> reports, CancellationToken ct)
    {
        var stored = new HashSet<string>();
        foreach (var chunk in reports.Select(r => r.ImportKey).Chunk(BatchSize))
        {
            stored.UnionWith(await db.Complaints.Where(c => chunk.Contains(c.ImportKey)).Select(c => c.ImportKey!).ToListAsync(ct));
        }

        return reports.Where(r => !stored.Contains(r.ImportKey)).ToList();
    }
}
