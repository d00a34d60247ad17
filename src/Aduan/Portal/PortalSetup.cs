namespace Aduan.Portal;

/// <summary>The citizen portal's services (pages in Pages/Public: /lapor, /lacak).</summary>
public static class PortalSetup
{
    public static IServiceCollection AddAduanPortal(this IServiceCollection services)
    {
        services.AddScoped<Supporters>();
        services.AddScoped<PossibleDuplicates>();
        return services;
    }
}
