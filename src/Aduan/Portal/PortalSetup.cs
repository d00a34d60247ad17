using Microsoft.Extensions.Options;

namespace Aduan.Portal;

/// <summary>The citizen portal's services (pages in Pages/Public: /lapor, /lacak).</summary>
public static class PortalSetup
{
    public static IServiceCollection AddAduanPortal(this IServiceCollection services)
    {
        services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Supporters>();
        services.AddScoped<PossibleDuplicates>();
        return services;
    }

    /// <summary>
    /// Public pages load only the app's own scripts and styles; images also from the configured
    /// tile server. The workspace and the API have their own rules.
    /// </summary>
    public static Task ContentSecurityPolicy(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/staff") && !path.StartsWithSegments("/admin") && !path.StartsWithSegments("/api"))
        {
            var tiles = context.RequestServices.GetRequiredService<IOptions<MapOptions>>().Value.TileSource();
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'self'; img-src 'self' data: {tiles}; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        }

        return next(context);
    }
}
