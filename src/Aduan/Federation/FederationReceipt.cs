namespace Aduan.Federation;

/// <summary>
/// One update a peer sent (pushed or polled), applied once: the key is (peer, the peer's
/// <c>update_id</c>), so a retried push and a poll that sees the same update again change nothing.
/// </summary>
public sealed class FederationReceipt
{
    public const int MaxPeerLength = 60;
    public const int MaxUpdateIdLength = 64;

    public required string Peer { get; set; }
    public required string UpdateId { get; set; }
    public long ComplaintId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
