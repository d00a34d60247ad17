namespace Aduan.Supervision;

public static class SummariesSetup
{
    /// <summary>The weekly and monthly summaries e-mailed to leadership and agency heads (<see cref="ScheduledSummaries"/>).</summary>
    public static IServiceCollection AddScheduledSummaries(this IServiceCollection services)
    {
        services.AddOptions<SummaryOptions>().BindConfiguration(SummaryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SummaryMail>();
        services.AddSingleton<ScheduledSummaries>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledSummaries>());
        return services;
    }
}
