using Aduan.Agencies;
using Aduan.Complaints;
using Aduan.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aduan.Federation;

public static class FederationSetup
{
    /// <summary>
    /// Open311 federation with a hub and member cities: the settings (checked at start-up), the
    /// client, the subscriber and outbox handlers of every exchange, the inbox of members' updates
    /// and the poll of their updates.
    /// </summary>
    public static IServiceCollection AddFederation(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FederationOptions>, FederationOptionsValidator>();
        services.TryAddSingleton<IWebhookDns, SystemWebhookDns>();
        services.AddSingleton<FederationTargets>();
        services.AddScoped<ExternalIds>();
        services.AddScoped<FederationInbox>();
        services.AddScoped<IComplaintSubscriber, FederationPublisher>();
        services.AddScoped<IOutboxHandler, FederationRequests>();
        services.AddScoped<IOutboxHandler, FederationUpdates>();
        services.AddSingleton<FederationPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<FederationPoller>());

        // No redirects and no proxy: the connection goes where the admin pointed it, checked at connect time.
        services.AddHttpClient<GeoReportClient>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<FederationTargets>().ConnectAsync,
            });
        return services;
    }

    /// <summary>The legacy LAPOR! stream (answers 404 unless enabled); the Open311 resources themselves are Open311/'s.</summary>
    public static IEndpointRouteBuilder MapFederation(this IEndpointRouteBuilder app) => app.MapLaporLegacy();
}
