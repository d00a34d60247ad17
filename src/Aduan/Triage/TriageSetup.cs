using Aduan.Complaints;

namespace Aduan.Triage;

public static class TriageSetup
{
    /// <summary>Similar and related reports, and the category and agency suggestion with its training and the managers' decisions on it.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services)
    {
        services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TriageModelStore>();
        services.AddScoped<TriageTraining>();
        services.AddScoped<TriageSuggestions>();
        services.AddScoped<DuplicateSearch>();
        services.AddScoped<IComplaintSubscriber, TriageDecisionRecorder>();
        services.AddSingleton<TriageRetraining>();
        services.AddHostedService(sp => sp.GetRequiredService<TriageRetraining>());
        return services.AddScoped<SimilarReports>();
    }
}
