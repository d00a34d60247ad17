using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using Aduan.Data;
using Aduan.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Aduan.Infrastructure;

public static class InfrastructureSetup
{
    /// <summary>What every feature uses: settings, the clock, caching, texts, problem documents, the audit trail, the database.</summary>
    public static IServiceCollection AddAduanInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AduanOptions>().BindConfiguration(AduanOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddLocalization();
        services.AddScoped<Problems>();
        services.AddScoped<AuditTrail>();
        services.AddAduanDatabase(configuration);
        return services;
    }

    /// <summary>HTTP for every feature: problem documents, JSON rules, languages, rate limits, time-outs, API docs, health.</summary>
    public static IServiceCollection AddAduanWeb(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = LocalizeDefaults);
        services.AddExceptionHandler<ErrorHandling>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new StrictEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

            // A misspelt field is an error, not silently ignored ("agencyCode" must not dispatch to the default agency).
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;

            // Escapes <, >, &, ' and " inside strings (\u003C...): text that citizens typed can never become
            // markup in a page that embeds it. Other characters, Indonesian or not, stay readable.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("id"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("id");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // only public answers reach it: see UseAduanPipeline
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "application/geo+json", "application/atom+xml", "image/svg+xml"]);
        });
        // Pages are made per request: the fastest levels cost little CPU and keep most of the gain.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddAduanRateLimits();
        services.AddRequestTimeouts();
        services.AddOptions<Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutOptions>().Configure<IOptions<AduanOptions>>((o, aduan) =>
            o.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy { Timeout = aduan.Value.RequestTimeout });
        services.AddAduanApiDocs();
        services.AddAduanHealth();
        return services;
    }

    /// <summary>Middleware order matters: the language is chosen before errors are written, so they are localized.</summary>
    public static WebApplication UseAduanPipeline(this WebApplication app)
    {
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseHsts(); // over HTTPS only, and not for localhost

        // Brotli or gzip for what anyone may read. Never for a private answer (the workspace, a post, a request
        // with a credential): compressed beside text an attacker can reflect, a secret leaks through the length (BREACH).
        // The open-data files are not: each is built once per period, and compressing every download would spend
        // per client the CPU the snapshot saves (and break their ranges).
        app.UseWhen(context => !SecurityHeaders.IsPrivate(context.Request) && !OpenDataFiles.Contains(context.Request.Path.Value ?? ""),
            branch => branch.UseResponseCompression());
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseErrorPages(); // inside the line above: pages get HTML first, the API keeps problem documents

        // Routing after the error pages, so a re-executed error request is routed to the error page.
        app.UseRouting();
        app.UseMiddleware<LoadShedding>();
        app.Use(LimitJsonBodies);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        // Last, so that every limit, timeout and header above applies to a kept page as to a rendered one.
        app.Use(KeptPages.ServeAsync);
        return app;
    }

    private static readonly HashSet<string> OpenDataFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "/api/v1/open-data/complaints.csv", "/api/v1/open-data/complaints.json", "/api/v1/open-data/laporan.csv",
    };

    /// <summary>JSON bodies are small; a larger one is refused before it is read (uploads get their own limit later).</summary>
    private static async Task LimitJsonBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<AduanOptions>>().Value.MaxJsonBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await ErrorHandling.TooLarge(context.RequestServices.GetRequiredService<Problems>(), context).ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        await next(context);
    }

    /// <summary>Problems written by the framework (401, 403, 404, 405, 415, ...) get a title in the request's language.</summary>
    private static void LocalizeDefaults(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        if (problem.Type?.StartsWith(Problems.TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        var t = context.HttpContext.RequestServices.GetRequiredService<Problems>().T;
        (problem.Title, problem.Detail) = problem.Status switch
        {
            401 => (t["Problem.Unauthorized.Title"], t["Problem.Unauthorized.Detail"]),
            403 => (t["Problem.Forbidden.Title"], problem.Detail),
            404 => (t["Problem.NotFound.Title"], problem.Detail),
            429 => (t["Problem.RateLimited.Title"], t["Problem.RateLimited.Detail"]),
            503 => (t["Problem.Unavailable.Title"], problem.Detail),
            _ => (problem.Title, problem.Detail),
        };
    }
}
