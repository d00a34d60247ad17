namespace Aduan.Open311;

public static class Open311Setup
{
    /// <summary>The GeoReport v2 server: its options, API keys, the per-key limiter, and the adapters to intake and the queries.</summary>
    public static IServiceCollection AddOpen311(this IServiceCollection services)
    {
        services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Open311Limiter>();
        services.AddScoped<ApiKeys>();
        services.AddScoped<Open311Services>();
        services.AddScoped<Open311Queries>();
        services.AddScoped<Open311RequestReader>();
        services.AddScoped<Open311Intake>();
        services.AddScoped<Open311Updates>();
        return services;
    }
}
