using Aduan.Complaints;
using Aduan.Outbox;

namespace Aduan.Sms;

public static class SmsSetup
{
    /// <summary>
    /// The SMS channel on the short number: incoming messages stored, then understood and answered
    /// (<see cref="SmsConversation"/>), with a recovery pass; and the <c>sms</c> outbox handler that sends
    /// through Kannel, for this channel's replies and anyone else's messages to citizens.
    /// </summary>
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KannelOptions>().BindConfiguration(KannelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SmsConversation>();
        services.AddScoped<SmsInbox>();
        services.AddSingleton<SmsRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<SmsRecovery>());
        services.AddScoped<ISmsGateway, KannelGateway>();
        services.AddScoped<IOutboxHandler, SmsOutbox>();
        services.AddScoped<IComplaintSubscriber, SmsContactEraser>();

        // No logging of requests: sendsms URLs carry the gateway's password.
        services.AddHttpClient(KannelGateway.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        return services;
    }

    /// <summary>The gateway's inbound endpoint and the admin's SMS API.</summary>
    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder app)
    {
        app.MapKannelApi();
        app.MapSmsAdminApi();
        return app;
    }
}
