using Aduan.Agencies;

namespace Aduan.Outbox;

public static class OutboxSetup
{
    /// <summary>The outbox dispatcher and its handlers (today: agency webhooks).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped<AgencyWebhooks>();
        services.AddScoped<AgencyWebhookSettings>();
        services.AddScoped<IOutboxHandler>(sp => sp.GetRequiredService<AgencyWebhooks>());

        // No redirects: a webhook goes where the admin pointed it, nowhere else.
        services.AddHttpClient(AgencyWebhooks.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
