namespace Aduan.Audit;

public static class AuditSetup
{
    /// <summary>The daily digests of the event log: their computation and the job that publishes them.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HasUsableDirectory(), "Aduan:Audit:DigestDirectory is not a usable directory path.")
            .ValidateOnStart();
        services.AddScoped<DailyDigests>();
        services.AddSingleton<DigestPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestPublisher>());
        return services;
    }
}
