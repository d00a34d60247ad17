using Aduan.Infrastructure;

namespace Aduan.Complaints;

public static class ComplaintsSetup
{
    /// <summary>The report aggregate's services: the one intake, the workflow and its subscribers' publisher, staff and reporter actions, views.</summary>
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ComplaintIntake>();
        services.AddScoped<IntakeStore>();
        services.AddSingleton<IntakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        services.AddScoped<ComplaintChanges>();
        services.AddScoped<ComplaintWorkflow>();
        services.AddScoped<TransitionCommands>();
        services.AddScoped<StaffActions>();
        services.AddScoped<ReporterActions>();
        services.AddScoped<StaffComplaintList>();
        services.AddScoped<ComplaintPresenter>();
        services.AddScoped<PublicComplaintViews>();
        services.AddOptions<PublicViewCacheOptions>().BindConfiguration(PublicViewCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicViewCache>();
        services.AddScoped<Supporters>();
        services.AddSingleton<ServerSecrets>();
        return services;
    }

    /// <summary>The JSON API: the citizen's <c>/api/v1/complaints</c> and the staff's <c>/api/v1/staff/complaints</c>.</summary>
    public static IEndpointRouteBuilder MapComplaints(this IEndpointRouteBuilder app)
    {
        app.MapPublicComplaintsApi();
        app.MapStaffComplaintsApi();
        return app;
    }
}
