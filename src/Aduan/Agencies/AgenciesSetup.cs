using Aduan.Complaints;
using Aduan.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aduan.Agencies;

public static class AgenciesSetup
{
    /// <summary>The agency directory, and publishing follow-ups to the agencies' websites (a change subscriber and its outbox handler).</summary>
    public static IServiceCollection AddAgencies(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IWebhookDns, SystemWebhookDns>();
        services.AddSingleton<WebhookTargets>();
        services.AddScoped<AgencyDirectory>();
        services.AddScoped<AgencyWebhookSettings>();
        services.AddScoped<AgencyWebhooks>();
        services.AddScoped<IOutboxHandler>(sp => sp.GetRequiredService<AgencyWebhooks>());
        services.AddScoped<IComplaintSubscriber, FollowUpPublisher>();

        // No redirects: a webhook goes where the admin pointed it, nowhere else. No proxy either: the
        // connection itself is checked, so that it reaches public addresses only (WebhookTargets).
        services.AddHttpClient(AgencyWebhooks.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
            });
        return services;
    }

    /// <summary><c>/api/v1/agencies</c>, <c>/api/v1/categories</c>, and the admin's webhook settings.</summary>
    public static IEndpointRouteBuilder MapAgencies(this IEndpointRouteBuilder app)
    {
        app.MapReferenceApi();
        app.MapAgencyWebhookApi();
        return app;
    }
}
