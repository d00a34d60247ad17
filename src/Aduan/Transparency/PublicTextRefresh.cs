using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Transparency;

/// <summary>
/// Brings the public texts stored with each report (what the public search indexes) up to the current
/// <see cref="PersonalDataMask.Version"/>, once, when the server starts: reports from before the
/// PublicSearch migration (version 0: none yet, so the public search does not find them until then),
/// and every report after the mask changed. In batches, by id; one instance at a time, the others
/// wait and then find nothing left. New reports get their public texts when they are submitted.
/// </summary>
public sealed class PublicTextRefresh(IServiceScopeFactory scopes, ILogger<PublicTextRefresh> logger) : BackgroundService
{
    public const string LockName = "public-text-refresh";
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await RunAsync(stoppingToken) is > 0 and var count)
            {
                logger.LogInformation("Masked the public texts of {Count} reports for mask version {Version}", count, PersonalDataMask.Version);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Masking the public texts failed, the next start tries again: {ExceptionType}", e.GetType().Name);
        }
    }

    /// <summary>Masks every report still on an older version; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().WaitAsync(LockName, ct);
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var done = 0;
        var after = 0L;
        while (true)
        {
            var rows = await db.Complaints.AsNoTracking()
                .Where(c => c.Id > after && c.MaskVersion < PersonalDataMask.Version)
                .OrderBy(c => c.Id).Take(Batch).Select(c => new { c.Id, c.Title, c.Text }).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return done;
            }

            // Only these three columns, without the report's version: a refresh never conflicts with a change to the report.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in rows)
            {
                var title = PersonalDataMask.Apply(row.Title);
                var text = PersonalDataMask.Apply(row.Text);
                await db.Complaints.Where(c => c.Id == row.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.PublicTitle, title)
                    .SetProperty(c => c.PublicText, text)
                    .SetProperty(c => c.MaskVersion, PersonalDataMask.Version), ct);
            }

            await transaction.CommitAsync(ct);
            done += rows.Count;
            after = rows[^1].Id;
        }
    }
}
