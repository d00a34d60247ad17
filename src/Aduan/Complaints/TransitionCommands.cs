using Aduan.Agencies;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Complaints;

/// <summary>Reads a staff transition request into a command: required fields, known codes. Errors go to <see cref="Validation"/>.</summary>
public sealed class TransitionCommands(AduanDbContext db)
{
    private const int MaxReason = 2000;
    private const int MaxCopies = 10;

    public static IReadOnlyDictionary<string, ComplaintAction> ByApiName { get; } =
        Identity.ComplaintPermissions.StaffActions.ToDictionary(ComplaintStateMachine.ApiName, a => a, StringComparer.OrdinalIgnoreCase);

    public async Task<ComplaintCommand?> BuildAsync(ComplaintAction action, TransitionRequest r, Complaint target, Validation v,
        CancellationToken ct)
    {
        switch (action)
        {
            case ComplaintAction.Classify:
                var category = string.IsNullOrWhiteSpace(r.Category) ? null : await CategoryAsync(r.Category, v, ct);
                if (r.Category is null && r.Kind is null && r.Privacy is null && r.Priority is null)
                {
                    v.Add("category", "Field.Nothing");
                }

                return new ClassifyCommand(category, r.Kind, r.Privacy, r.Priority);
            case ComplaintAction.Defer:
                return new DeferCommand(v.Text("question", r.Question, 1, MaxReason, required: true)!);
            case ComplaintAction.Archive:
                return new ArchiveCommand(v.Text("reason", r.Reason, 1, MaxReason, required: true)!);
            case ComplaintAction.Refer:
                return new ReferCommand(v.Text("reason", r.Reason, 1, MaxReason, required: true)!);
            case ComplaintAction.Merge:
                return await MergeAsync(r, v, ct);
            case ComplaintAction.Dispatch:
                return await DispatchAsync(r, target.Category, v, ct);
            case ComplaintAction.Verify:
                var classify = await ChangedClassificationAsync(r, target, v, ct);
                var dispatch = await DispatchAsync(r, classify?.Category ?? target.Category, v, ct);
                return dispatch is null ? null : new VerifyCommand(classify, dispatch);
            case ComplaintAction.Acknowledge:
                return new AcknowledgeCommand();
            case ComplaintAction.Forward:
                var to = string.IsNullOrWhiteSpace(r.Agency) ? Required(v, "agency") : await AgencyAsync("agency", r.Agency, v, ct);
                var reason = v.Text("reason", r.Reason, 1, MaxReason, required: true);
                return to is null ? null : new ForwardCommand(to, reason!);
            case ComplaintAction.FollowUp:
                var text = v.Text("text", r.Text, 1, Complaint.MaxTextLength, required: true);
                return new FollowUpCommand(text!, r.Final ?? false, r.OnSite ?? false);
            case ComplaintAction.RejectFollowUp:
                return new RejectFollowUpCommand(v.Text("reason", r.Reason, 1, MaxReason, required: true)!);
            case ComplaintAction.Resolve:
                return new ResolveCommand();
            case ComplaintAction.Reopen:
                return new ReopenCommand(v.Text("reason", r.Reason, 1, MaxReason, required: true)!);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    /// <summary>Lead agency (by default the category's), copies and a note.</summary>
    private async Task<DispatchCommand?> DispatchAsync(TransitionRequest r, Categories.Category? category, Validation v, CancellationToken ct)
    {
        var leadCode = string.IsNullOrWhiteSpace(r.Agency) ? category?.DefaultAgency?.Code : r.Agency;
        var lead = leadCode is null ? Required(v, "agency") : await AgencyAsync("agency", leadCode, v, ct);
        var copies = new List<Agency>();
        if (r.Copies?.Count > MaxCopies)
        {
            v.Add("copies", "Field.TooMany", MaxCopies);
        }

        foreach (var (code, i) in (r.Copies ?? []).Take(MaxCopies).Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                v.Add($"copies[{i}]", "Field.Required");
            }
            else if (await AgencyAsync($"copies[{i}]", code, v, ct) is { } copy)
            {
                copies.Add(copy);
            }
        }

        var note = v.Text("note", r.Note, 1, MaxReason, required: false);
        return lead is null ? null : new DispatchCommand(lead, copies, note);
    }

    /// <summary>The classification fields that differ from the report's; null when none does (verify then only dispatches).</summary>
    private async Task<ClassifyCommand?> ChangedClassificationAsync(TransitionRequest r, Complaint target, Validation v, CancellationToken ct)
    {
        var category = string.IsNullOrWhiteSpace(r.Category) || string.Equals(r.Category.Trim(), target.Category?.Code, StringComparison.OrdinalIgnoreCase)
            ? null
            : await CategoryAsync(r.Category, v, ct);
        ComplaintKind? kind = r.Kind is { } k && k != target.Kind ? k : null;
        PrivacyMode? privacy = r.Privacy is { } p && p != target.Privacy ? p : null;
        Priority? priority = r.Priority is { } o && o != target.Priority ? o : null;
        return category is null && kind is null && privacy is null && priority is null
            ? null
            : new ClassifyCommand(category, kind, privacy, priority);
    }

    private async Task<ComplaintCommand?> MergeAsync(TransitionRequest r, Validation v, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.Primary))
        {
            v.Add("primary", "Field.Required");
            return null;
        }

        if (!TrackingCode.TryNormalize(r.Primary, out var code))
        {
            v.Add("primary", "Field.TrackingCode");
            return null;
        }

        // Merging is the manager's, who sees every report; scope is still the caller's job (see the staff API).
        var primary = await db.Complaints.SingleOrDefaultAsync(c => c.TrackingCode == code, ct);
        if (primary is null)
        {
            v.Add("primary", "Field.TrackingCode");
            return null;
        }

        return new MergeCommand(primary);
    }

    private static Agency? Required(Validation v, string field)
    {
        v.Add(field, "Field.Required");
        return null;
    }

    private async Task<Agency?> AgencyAsync(string field, string code, Validation v, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Code == normalized && a.IsActive, ct);
        if (agency is null)
        {
            v.Add(field, "Field.UnknownAgency", code.Length > 40 ? code[..40] : code);
        }

        return agency;
    }

    private async Task<Categories.Category?> CategoryAsync(string code, Validation v, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var category = await db.Categories.Include(c => c.DefaultAgency).SingleOrDefaultAsync(c => c.Code == normalized && c.IsActive, ct);
        if (category is null)
        {
            v.Add("category", "Field.UnknownCategory", code.Length > 40 ? code[..40] : code);
        }

        return category;
    }
}
