using Aduan.Complaints;

namespace Aduan.Following;

public static class FollowingSetup
{
    /// <summary>Citizens following a report by SMS or e-mail: the service the pages use and the subscriber that writes to them.</summary>
    public static IServiceCollection AddFollowing(this IServiceCollection services)
    {
        services.AddOptions<FollowingOptions>().BindConfiguration(FollowingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Followers>();
        services.AddScoped<IComplaintSubscriber, FollowerNotifier>();
        return services;
    }
}
