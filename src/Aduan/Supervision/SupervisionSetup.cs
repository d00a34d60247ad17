namespace Aduan.Supervision;

public static class SupervisionSetup
{
    /// <summary>The dashboard's and scorecard's queries and files; the pages are under <c>/staff/dasbor</c>.</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services) => services
        .AddScoped<SupervisionQueries>()
        .AddScoped<Scorecards>()
        .AddScoped<FigureRebuild>()
        .AddScoped<DailyCountRebuild>();
}
