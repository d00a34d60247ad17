using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Aduan.Data;
using Aduan.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aduan.Infrastructure;

/// <summary>Section <c>Aduan:Telemetry</c>: OpenTelemetry metrics and traces, both off by default.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Aduan:Telemetry";

    /// <summary>Serve the metrics for Prometheus at <c>/metrics</c>.</summary>
    public bool MetricsEnabled { get; set; }

    /// <summary>Who may read <c>/metrics</c>: networks in CIDR notation, separated by commas; anyone else gets 404.</summary>
    public string MetricsAllowedNetworks { get; set; } = "127.0.0.1/32, ::1/128";

    /// <summary>Where to send traces and metrics by OTLP (e.g. <c>http://127.0.0.1:4317</c>); empty: nowhere.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the outbox's backlog, oldest due message and dead letters are read for the gauges (only while telemetry is on).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => MetricsEnabled || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>The allowed networks, or null when one of them is not a network.</summary>
    public IReadOnlyList<IPNetwork>? AllowedNetworks()
    {
        var networks = new List<IPNetwork>();
        foreach (var text in MetricsAllowedNetworks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(text, out var network))
            {
                return null;
            }

            networks.Add(network);
        }

        return networks;
    }
}

/// <summary>
/// The app's own meters, what an operator watches: reports received by channel, the intake's batches and commits,
/// the outbox's backlog, background passes and load shedding. Labels are channels, job names and reasons only:
/// never a report, a person or a path with a code in it.
/// </summary>
public static class AduanMetrics
{
    public const string MeterName = "Aduan";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Received = Meter.CreateCounter<long>("aduan.reports.received", "{report}",
        "Reports stored, by the channel they came through.");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("aduan.intake.batch.size", "{report}",
        "Reports stored together in one intake transaction (group commit).");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("aduan.intake.commit.duration", "s",
        "Time to store one intake batch, its transaction's commit included.");

    private static readonly Histogram<double> PassDuration = Meter.CreateHistogram<double>("aduan.job.duration", "s",
        "Time of one pass of a background job (the deadline and escalation sweeps, digests, summaries, ...).");

    private static readonly Counter<long> Shed = Meter.CreateCounter<long>("aduan.requests.rejected", "{request}",
        "Requests refused before their work: 503 under load (busy) or 429 over a client's rate limit (rate-limited).");

    private static OutboxSample _outbox;

    static AduanMetrics()
    {
        Meter.CreateObservableGauge("aduan.outbox.pending", () => _outbox.Pending, "{message}", "Outbox messages waiting to be delivered.");
        Meter.CreateObservableGauge("aduan.outbox.oldest_due.age", () => _outbox.OldestDueAgeSeconds, "s",
            "How long the oldest due outbox message has been waiting; 0 when none is due.");
        Meter.CreateObservableGauge("aduan.outbox.dead", () => _outbox.Dead, "{message}", "Outbox messages that gave up (dead letters).");
    }

    public static void ReportsReceived(string channel) => Received.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public static void IntakeBatch(int size, TimeSpan duration)
    {
        BatchSize.Record(size);
        CommitDuration.Record(duration.TotalSeconds);
    }

    public static void JobPass(string job, TimeSpan duration) => PassDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("job", job));

    public static void Rejected(string reason) => Shed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal static void Outbox(OutboxSample sample) => _outbox = sample;

    internal readonly record struct OutboxSample(long Pending, double OldestDueAgeSeconds, long Dead);
}

/// <summary>Reads the outbox's numbers for the gauges every <see cref="TelemetryOptions.SampleInterval"/>, while telemetry is on: reads only.</summary>
public sealed class OutboxSampler(IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<OutboxSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Repeating.EveryAsync(options.Value.SampleInterval, time, SampleAsync, logger, "Sampling the outbox", stoppingToken, atStart: true);
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var now = time.Now();
        var pending = await db.OutboxMessages.LongCountAsync(m => m.Status == OutboxStatus.Pending, ct);
        var oldest = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        var dead = await db.OutboxMessages.LongCountAsync(m => m.Status == OutboxStatus.Dead, ct);
        AduanMetrics.Outbox(new(pending, oldest is { } due ? (now - due).TotalSeconds : 0, dead));
    }
}

public static class TelemetrySetup
{
    /// <summary>OpenTelemetry as <c>Aduan:Telemetry</c> says: nothing at all while both metrics and OTLP are off.</summary>
    public static IServiceCollection AddAduanTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks() is not null,
                "Aduan:Telemetry:MetricsAllowedNetworks must be networks in CIDR notation separated by commas, e.g. 127.0.0.1/32, 10.0.0.0/8.")
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "Aduan:Telemetry:OtlpEndpoint must be an absolute URL, e.g. http://127.0.0.1:4317.")
            .ValidateOnStart();
        services.AddHostedService<OutboxSampler>();

        var o = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!o.Enabled)
        {
            return services;
        }

        var otlp = string.IsNullOrWhiteSpace(o.OtlpEndpoint) ? null : new Uri(o.OtlpEndpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aduan"))
            .WithMetrics(m =>
            {
                m.AddMeter(AduanMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (o.MetricsEnabled)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    m.AddOtlpExporter(e => e.Endpoint = otlp);
                }
            })
            .WithTracing(t =>
            {
                if (otlp is null)
                {
                    return;
                }

                // Spans name routes, not paths (a path can hold a tracking code), and carry no query strings.
                t.AddAspNetCoreInstrumentation(a =>
                    {
                        a.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
                        a.EnrichWithHttpResponse = (activity, response) => WithoutPath(activity, response.HttpContext);
                    })
                    .AddHttpClientInstrumentation(h => h.EnrichWithHttpRequestMessage = (activity, request) =>
                        activity.SetTag("url.full", request.RequestUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) : null))
                    .AddNpgsql()
                    .AddOtlpExporter(e => e.Endpoint = otlp);
            });
        return services;
    }

    /// <summary><c>/metrics</c> for the allowed networks only, before everything else of the pipeline.</summary>
    public static WebApplication UseAduanMetricsEndpoint(this WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (o.MetricsEnabled)
        {
            var allowed = o.AllowedNetworks()!;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == "/metrics"
                && context.Connection.RemoteIpAddress is { } ip && allowed.Any(n => n.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)));
        }

        return app;
    }

    private static void WithoutPath(Activity activity, HttpContext context)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            activity.DisplayName = $"{context.Request.Method} {route}";
        }
    }
}
