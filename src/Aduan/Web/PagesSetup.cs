using Aduan.Pages.Admin;
using Aduan.Pages.Staff;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aduan.Web;

/// <summary>
/// The Razor Pages by audience: Pages/Portal (citizens, public), Pages/Staff (the workspace) and
/// Pages/Admin; each staff folder applies its own authorization (its <c>Conventions.cs</c>).
/// </summary>
public static class PagesSetup
{
    public static IServiceCollection AddAduanPages(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorPages(o =>
            {
                o.Conventions.AddStaffConventions();
                o.Conventions.AddAdminConventions();
            })
            .AddMvcOptions(o => o.Filters.Add<StaffPageFilter>())
            .AddViewLocalization();
        services.AddSingleton<CookieTempDataProvider>();
        services.Replace(ServiceDescriptor.Singleton<ITempDataProvider, QuietTempDataProvider>());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "aduan.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAduanPages(this IEndpointRouteBuilder app)
    {
        // Static files from the build's manifest: fingerprinted names (the tag helpers' asp-append-version
        // links them) cached for a year as immutable, ETags, and gzip variants made at build (Brotli too at publish).
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapGet("/lang/{culture}", Language.Switch).ExcludeFromDescription();
        return app;
    }
}
