namespace Aduan.Data;

/// <summary>
/// A random secret the server made for itself (e.g. the supporters' hash key), kept protected with
/// data protection: a copy of the database alone does not reveal it when the keys are protected
/// (see <see cref="KeyProtectionOptions"/>).
/// </summary>
public sealed class ServerSecret
{
    public const int MaxNameLength = 64;

    public required string Name { get; set; }
    public required string ProtectedValue { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
