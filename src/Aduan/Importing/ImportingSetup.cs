namespace Aduan.Importing;

public static class ImportingSetup
{
    /// <summary>Past reports from the call center's spreadsheets (the <c>import reports</c> command and <c>/admin/import</c>).</summary>
    public static IServiceCollection AddImporting(this IServiceCollection services) => services.AddScoped<ReportImport>();
}
