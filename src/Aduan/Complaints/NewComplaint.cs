using Aduan.Categories;

namespace Aduan.Complaints;

/// <summary>A validated report as it arrives from any channel, before it has a tracking code.</summary>
public sealed record NewComplaint(
    string? Title,
    string Text,
    ComplaintKind Kind,
    PrivacyMode Privacy,
    Channel Channel,
    Category? Category,
    ReporterContact Reporter,
    ComplaintLocation Location,
    bool NamePublished = false,
    NotifyBy NotifyBy = NotifyBy.None,
    string Language = "id",
    Priority Priority = Priority.Normal);
