namespace Aduan.Triage;

public static class TriageSetup
{
    /// <summary>Similar and related reports for intake, the desk and the call center.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services) => services.AddScoped<SimilarReports>();
}
