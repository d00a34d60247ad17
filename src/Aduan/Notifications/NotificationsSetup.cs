using Aduan.Complaints;
using Aduan.Outbox;

namespace Aduan.Notifications;

public static class NotificationsSetup
{
    /// <summary>E-mail delivery (an outbox handler over SMTP) and what reporters and staff are told of changes.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IOutboxHandler, EmailSender>();
        services.AddScoped<IComplaintSubscriber, ReporterNotifier>();
        services.AddScoped<IComplaintSubscriber, StaffNotifier>();
        services.AddSingleton<DailyDigest>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyDigest>());
        return services;
    }
}
