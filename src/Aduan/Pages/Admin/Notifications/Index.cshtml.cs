using Aduan.Notifications;
using Aduan.Web;

namespace Aduan.Pages.Admin.Notifications;

/// <summary>Every text Aduan sends by SMS and e-mail, in both languages, as <see cref="NotificationTemplates"/> holds them.</summary>
public sealed class IndexModel : StaffPageModel
{
    public IReadOnlyList<NotificationTemplate> Templates => NotificationTemplates.All;
}
