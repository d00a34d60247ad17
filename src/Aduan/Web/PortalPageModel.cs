namespace Aduan.Web;

/// <summary>Base of the citizen portal's pages (Pages/Portal: /lapor, /lacak, the register, statistics): no one is signed in.</summary>
public abstract class PortalPageModel : AduanPageModel;
