using Aduan.Agencies;
using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Sla;
using Aduan.Statistics;
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
AduanOptions aduan;
try
{
    aduan = app.Services.GetRequiredService<IOptions<AduanOptions>>().Value;
}
catch (OptionsValidationException e)
{
    // A wrong setting is the operator's to fix: say which, without a stack trace. (The other
    // sections are checked at start by ValidateOnStart, which the host reports the same way below.)
    await Console.Error.WriteLineAsync("Invalid settings: " + string.Join(" ", e.Failures));
    return 1;
}

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
app.MapStatsApi();
app.MapAgencyWebhookApi();
app.MapOutboxAdminApi();
app.MapTransparency();
app.MapAduanPages();

try
{
    await app.RunAsync();
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("Invalid settings: " + string.Join(" ", e.Failures));
    return 1;
}

return 0;

/// <summary>Entry point; visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
