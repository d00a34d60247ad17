using Aduan.Agencies;
using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Sla;
using Aduan.Transparency;
using Aduan.Web;
using Microsoft.Extensions.Options;

if (AduanCli.IsCommand(args))
{
    return await AduanCli.RunAsync(args);
}

// Settings and ./data follow the working directory; the workspace's static files ship beside the app.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = AduanCli.ServeArgs(args),
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.Logging.AddAduanDefaults();
builder.Services.AddAduanCore(builder.Configuration).AddAduanIdentity().AddAduanWeb().AddAduanPages().AddTransparency();

var app = builder.Build();
var aduan = app.Services.GetRequiredService<IOptions<AduanOptions>>().Value;
if (aduan.MigrateOnStart)
{
    await DatabaseSetup.PrepareAsync(app.Services, aduan.SeedOnStart, app.Lifetime.ApplicationStopping);
}

app.UseAduanPipeline();
app.MapAduanHealth();
app.MapAduanApiDocs();
app.MapAuthApi();
app.MapReferenceApi();
app.MapPublicComplaintsApi();
app.MapStaffComplaintsApi();
app.MapHolidaysApi();
app.MapAgencyWebhookApi();
app.MapOutboxAdminApi();
app.MapTransparency();
app.MapAduanPages();

await app.RunAsync();
return 0;

/// <summary>Entry point; visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
