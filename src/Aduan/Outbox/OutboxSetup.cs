namespace Aduan.Outbox;

public static class OutboxSetup
{
    /// <summary>The outbox writer and dispatcher; each feature registers its own <see cref="IOutboxHandler"/>.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        app.MapOutboxAdminApi();
        return app;
    }
}
