namespace Aduan.Infrastructure;

public static class Clock
{
    /// <summary>
    /// The current instant, in UTC, cut to whole microseconds: the precision PostgreSQL stores.
    /// An event's hash covers its instant, so what is hashed must be exactly what comes back.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
