namespace Aduan.Escalations;

public static class EscalationsSetup
{
    /// <summary>The escalation ladder: its settings, the messages, the sweep and the take-over of imported reports.</summary>
    public static IServiceCollection AddEscalations(this IServiceCollection services)
    {
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TiersAreValid(), "Aduan:Escalation:Tiers: ReminderShare is 0.05 to 1, LeadershipAfterWorkingDays 0 to 365.")
            .ValidateOnStart();
        services.AddScoped<EscalationNotifier>();
        services.AddScoped<ImportTakeOver>();
        services.AddSingleton<EscalationSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationSweep>());
        return services;
    }
}
