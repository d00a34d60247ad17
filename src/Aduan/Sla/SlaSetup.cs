using Aduan.Infrastructure;

namespace Aduan.Sla;

public static class SlaSetup
{
    /// <summary>Deadlines: the working calendar, the clocks' policy, and the deadline sweep.</summary>
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Aduan:Sla:TimeZone is not a known IANA time zone, e.g. Asia/Jakarta.")
            .ValidateOnStart();
        services.AddScoped<SlaPolicyProvider>();
        services.AddScoped<HolidayCalendar>();
        services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeadlineSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweep>());
        return services;
    }

    /// <summary>The admin's holiday calendar API.</summary>
    public static IEndpointRouteBuilder MapSla(this IEndpointRouteBuilder app)
    {
        app.MapHolidaysApi();
        return app;
    }
}
