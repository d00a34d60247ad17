using Aduan.Complaints;
using Aduan.Outbox;

namespace Aduan.Agencies;

public static class AgenciesSetup
{
    /// <summary>The agency directory, and publishing follow-ups to the agencies' websites (a change subscriber and its outbox handler).</summary>
    public static IServiceCollection AddAgencies(this IServiceCollection services)
    {
        services.AddScoped<AgencyDirectory>();
        services.AddScoped<AgencyWebhookSettings>();
        services.AddScoped<AgencyWebhooks>();
        services.AddScoped<IOutboxHandler>(sp => sp.GetRequiredService<AgencyWebhooks>());
        services.AddScoped<IComplaintSubscriber, FollowUpPublisher>();

        // No redirects: a webhook goes where the admin pointed it, nowhere else.
        services.AddHttpClient(AgencyWebhooks.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
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
