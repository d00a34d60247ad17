using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Outbox;

public sealed record OutboxMessageView(
    long Id, string Type, string IdempotencyKey, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt, string? LastError);

/// <summary>The admin's view of side effects: what is pending or dead, and retry or discard.</summary>
public static class OutboxAdminApi
{
    public static void MapOutboxAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/v1/admin/outbox");
        group.MapGet("/", List).WithSummary("Outbox messages by status (default Dead), newest first, paged.");
        group.MapPost("/{id:long}/retry", Retry).WithSummary("Deliver a dead or discarded message again, with a fresh count of attempts.");
        group.MapPost("/{id:long}/discard", Discard).WithSummary("Give up on a pending or dead message.");
    }

    public static async Task<Results<Ok<PagedList<OutboxMessageView>>, ProblemHttpResult>> List(
        string? status, int? page, int? pageSize, AduanDbContext db, Problems problems, CancellationToken ct)
    {
        var v = new Validation(problems.T);
        var wanted = v.Enum<OutboxStatus>("status", status) ?? OutboxStatus.Dead;

        var (p, size) = (page ?? 1, pageSize ?? 50);
        if (p is < 1 or > 100_000)
        {
            v.Add("page", "Field.Page", 100_000);
        }

        if (size is < 1 or > 200)
        {
            v.Add("pageSize", "Field.PageSize", 200);
        }

        if (!v.IsValid)
        {
            return v.ToProblem(problems);
        }

        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Status == wanted);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((p - 1) * size).Take(size)
            .Select(m => new OutboxMessageView(m.Id, m.Type, m.IdempotencyKey, m.Status.ToString(), m.Attempts, m.CreatedAt,
                m.NextAttemptAt, m.DeliveredAt, m.LastError))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<OutboxMessageView>(items, p, size, total, (total + size - 1) / size));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> Retry(long id, AduanDbContext db, AuditTrail audit, StaffContext staff,
        TimeProvider time, OutboxSignal signal, Problems problems, CancellationToken ct) =>
        ChangeAsync(id, [OutboxStatus.Dead, OutboxStatus.Discarded], "outbox.retry", m =>
        {
            m.Status = OutboxStatus.Pending;
            m.Attempts = 0;
            m.NextAttemptAt = time.Now();
            signal.Notify();
        }, db, audit, staff, problems, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> Discard(long id, AduanDbContext db, AuditTrail audit, StaffContext staff,
        Problems problems, CancellationToken ct) =>
        ChangeAsync(id, [OutboxStatus.Pending, OutboxStatus.Dead], "outbox.discard", m => m.Status = OutboxStatus.Discarded,
            db, audit, staff, problems, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(long id, OutboxStatus[] from, string action,
        Action<OutboxMessage> change, AduanDbContext db, AuditTrail audit, StaffContext staff, Problems problems, CancellationToken ct)
    {
        var message = await db.OutboxMessages.FindAsync([id], ct);
        if (message is null)
        {
            return problems.Create(StatusCodes.Status404NotFound, "not-found", "Problem.OutboxNotFound.Title", problems.T["Problem.OutboxNotFound.Detail", id]);
        }

        if (!from.Contains(message.Status))
        {
            return problems.Create(StatusCodes.Status409Conflict, "outbox-state", "Problem.Rule.Title",
                problems.T["Problem.OutboxState.Detail", message.Status.ToString(), string.Join(", ", from)]);
        }

        var me = (await staff.GetAsync(ct))!;
        change(message);
        audit.Record(me.Name, me.UserId, action, $"outbox/{id}", new { message.Type, message.IdempotencyKey });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
