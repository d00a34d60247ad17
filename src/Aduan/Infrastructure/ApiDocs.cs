using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Aduan.Infrastructure;

/// <summary>The OpenAPI document at /openapi/v1.json and a readable API reference at /docs/api.</summary>
public static class ApiDocs
{
    public static IServiceCollection AddAduanApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, context, _) =>
        {
            // The server is the configured public address, not whatever Host the request named.
            var site = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AduanOptions>>().Value.PublicSite;
            document.Servers = [new OpenApiServer { Url = site }];
            document.Info = new OpenApiInfo
            {
                Title = "Aduan API",
                Version = "v1",
                Description = "Public complaint management: intake, tracking, and the staff workflow. Errors are RFC 9457 problem details " +
                    "in Bahasa Indonesia, or English with Accept-Language: en.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/v1/auth/login.",
            };
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapAduanApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        // Served from the app itself, without web fonts: the page works on a network with no way out.
        app.MapScalarApiReference("/docs/api", o => o.WithTitle("Aduan API").DisableDefaultFonts()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
