using Aduan.Agencies;
using Aduan.Attachments;
using Aduan.Audit;
using Aduan.Categories;
using Aduan.Cli;
using Aduan.Complaints;
using Aduan.Escalations;
using Aduan.Federation;
using Aduan.Following;
using Aduan.Identity;
using Aduan.Importing;
using Aduan.Infrastructure;
using Aduan.Notifications;
using Aduan.Open311;
using Aduan.Outbox;
using Aduan.Privacy;
using Aduan.Sla;
using Aduan.Sms;
using Aduan.Statistics;
using Aduan.Supervision;
using Aduan.Transparency;
using Aduan.Triage;
using Aduan.Web;

if (AduanCli.IsCommand(args))
{
    return await AduanCli.RunAsync(args, AddFeatures);
}

// Settings and ./data follow the working directory; the static files ship beside the app.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = AduanCli.ServeArgs(args),
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.Logging.AddAduanDefaults();

// Static files are served as the build's manifest says, also when run from a build (dotnet run) and not only
// when published: fingerprinted names cached as immutable, the gzip made at build. ASP.NET Core would otherwise
// serve a build's files with no-cache and compress them per request (its hot reload of static files).
builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= builder.Environment.IsDevelopment() ? "true" : "false";
AddFeatures(builder.Services, builder.Configuration);
builder.Services.AddAduanWeb().AddAduanPages().AddAduanTelemetry(builder.Configuration);

var app = builder.Build();
app.UseAduanMetricsEndpoint().UseAduanPipeline();
app.MapAduanHealth().MapAduanApiDocs().MapIdentity().MapAgencies().MapComplaints().MapSla().MapStatistics().MapSupervision().MapOutbox()
    .MapSms().MapTransparency().MapAttachments().MapOpen311().MapFederation().MapTriage().MapAduanPages();
return await app.RunAduanAsync();

// The features, each registered by its own folder; the command line uses the same services.
static void AddFeatures(IServiceCollection services, IConfiguration configuration) => services
    .AddAduanInfrastructure(configuration).AddAduanIdentity().AddOutbox().AddSla().AddCategories().AddAgencies()
    .AddAttachments().AddTriage().AddComplaints().AddStatistics().AddSupervision().AddImporting().AddTransparency().AddAudit()
    .AddPrivacy().AddSms().AddNotifications().AddFollowing().AddScheduledSummaries().AddOpen311().AddFederation().AddEscalations();

/// <summary>Entry point; visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
