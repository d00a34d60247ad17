namespace Aduan.Complaints;

/// <summary>Whoever causes a change: recorded on every event.</summary>
public sealed record Actor(ActorKind Kind, string? UserId, string Name, long? AgencyId = null)
{
    public static Actor Reporter { get; } = new(ActorKind.Reporter, null, "Pelapor");

    public static Actor System { get; } = new(ActorKind.System, null, "Sistem");
}
