namespace Aduan.Privacy;

public static class PrivacySetup
{
    /// <summary>Personal-data duties (UU No. 27/2022): contact retention, access and erasure on request.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContactErasure>();
        services.AddScoped<PersonalDataRequests>();
        services.AddSingleton<ContactRetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<ContactRetentionSweep>());
        return services;
    }
}
