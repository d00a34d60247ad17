namespace Aduan.Infrastructure;

public static class LoggingDefaults
{
    /// <summary>
    /// Framework chatter (every SQL command, every request) stays out of the log unless asked for;
    /// a more specific category in Logging:LogLevel turns it back on.
    /// </summary>
    public static ILoggingBuilder AddAduanDefaults(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}
