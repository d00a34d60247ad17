namespace Aduan.Statistics;

public static class StatisticsSetup
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StatisticsCache>();
        return services.AddScoped<StatisticsQueries>();
    }

    /// <summary><c>/api/v1/stats</c>; the page is <c>/statistik</c>.</summary>
    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapStatsApi();
        return app;
    }
}
