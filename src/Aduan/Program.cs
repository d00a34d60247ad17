using Aduan.Agencies;
using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Data;
using Aduan.Identity;
using Aduan.Infrastructure;
using Aduan.Outbox;
using Aduan.Sla;
using Microsoft.Extensions.Options;

if (AduanCli.IsCommand(args))
{
    return await AduanCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(AduanCli.ServeArgs(args));
builder.Logging.AddAduanDefaults();
builder.Services.AddAduanCore(builder.Configuration).AddAduanIdentity().AddAduanWeb();

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
app.MapGet("/", () => TypedResults.Redirect("/docs/api")).ExcludeFromDescription();

await app.RunAsync();
return 0;

/// <summary>Entry point; visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
