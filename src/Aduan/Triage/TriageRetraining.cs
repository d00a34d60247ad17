using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

/// <summary>
/// Retrains the suggestion model every <see cref="TriageOptions.RetrainInterval"/> (and once at
/// start when none is stored), one instance at a time. Training runs on this background thread,
/// never on a request.
/// </summary>
public sealed class TriageRetraining(IServiceScopeFactory scopes, IOptions<TriageOptions> options, TriageModelStore store,
    ILogger<TriageRetraining> logger) : BackgroundService
{
    public const string LockName = "triage-retrain";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RetrainEnabled)
        {
            return;
        }

        await Task.Yield();
        await Repeating.EveryAsync(options.Value.RetrainInterval, TimeProvider.System, RunOnceAsync, logger, "Triage retraining",
            stoppingToken, atStart: store.Current is null);
    }

    /// <summary>One training; null when another instance is training or the history is too small.</summary>
    public async Task<TriageModel?> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return null;
        }

        var model = await scope.ServiceProvider.GetRequiredService<TriageTraining>().TrainAsync(ct);
        if (model is not null)
        {
            logger.LogInformation("Triage model {Version} trained on {Examples} reports", model.Info.Version, model.Info.Examples);
        }

        return model;
    }
}
