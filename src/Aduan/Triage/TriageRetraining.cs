using System.Diagnostics;
using Aduan.Data;
using Aduan.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

public enum TrainingResult
{
    Trained,

    /// <summary>Fewer dispatched reports than <see cref="TriageOptions.MinimumExamples"/>, or of one category only.</summary>
    TooLittleHistory,

    /// <summary>Another instance (or another run here) was training; it makes the new version.</summary>
    AnotherInstance,
    Failed,
}

/// <summary>One training, finished: its result, the model it stored, and the error when it failed.</summary>
public sealed record TrainingRun(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, TrainingResult Result, TriageModelInfo? Model,
    string? Error);

/// <summary>Where this process's training stands: asked for (and not started), running (and its step), and the last one finished.</summary>
public sealed record TrainingStatus(DateTimeOffset? RequestedAt, DateTimeOffset? RunningSince, string? Step, TrainingRun? Last);

/// <summary>
/// Retrains the suggestion model every <see cref="TriageOptions.RetrainInterval"/> (once at start
/// when none is stored) and whenever an admin asks (<see cref="Request"/>), one instance at a time.
/// Training runs on this background thread, never on a request: at 50,000 reports it takes minutes.
/// </summary>
public sealed class TriageRetraining(IServiceScopeFactory scopes, IOptions<TriageOptions> options, TriageModelStore store,
    TimeProvider time, ILogger<TriageRetraining> logger) : BackgroundService
{
    public const string LockName = "triage-retrain";
    private const string Job = "Triage retraining";

    private readonly SemaphoreSlim _asked = new(0, 1);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset? _requestedAt;
    private DateTimeOffset? _runningSince;
    private string? _step;
    private TrainingRun? _last;

    public TrainingStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new TrainingStatus(_requestedAt, _runningSince, _step, _last);
            }
        }
    }

    /// <summary>
    /// Asks the background loop for a training as soon as the current one (if any) ends; false when one
    /// is already asked for and not started (it will read the newest history anyway).
    /// </summary>
    public bool Request()
    {
        lock (_lock)
        {
            if (_requestedAt is not null)
            {
                return false;
            }

            _requestedAt = time.GetUtcNow();
            if (_asked.CurrentCount == 0)
            {
                _asked.Release();
            }
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var scheduled = options.Value.RetrainEnabled
            ? Repeating.EveryAsync(options.Value.RetrainInterval, time, ct => RunOnceAsync(ct), logger, Job, stoppingToken,
                atStart: store.Current is null)
            : Task.CompletedTask;
        await Task.WhenAll(scheduled, OnRequestAsync(stoppingToken));
    }

    private async Task OnRequestAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _asked.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A scheduled run that started meanwhile served the request. (Scheduled runs are timed by Repeating.)
            if (Status.RequestedAt is not null)
            {
                var clock = Stopwatch.GetTimestamp();
                await RunOnceAsync(ct);
                AduanMetrics.JobPass(Job, Stopwatch.GetElapsedTime(clock));
            }
        }
    }

    /// <summary>
    /// One training (the schedule's, an admin's request, or the command line's), recorded in <see cref="Status"/>.
    /// <paramref name="progress"/> hears each step as it starts.
    /// </summary>
    public async Task<TrainingRun> RunOnceAsync(CancellationToken ct, Action<string>? progress = null)
    {
        await _oneAtATime.WaitAsync(ct);
        var started = time.GetUtcNow();
        lock (_lock)
        {
            _requestedAt = null;
            _runningSince = started;
            _step = null;
        }

        void Step(string step)
        {
            lock (_lock)
            {
                _step = step;
            }

            progress?.Invoke(step);
        }

        TrainingRun run;
        try
        {
            run = await TrainAsync(started, Step, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The log names the exception type only (a message may hold report text); the admin page shows both.
            logger.LogWarning("{Job} failed: {ExceptionType}", Job, e.GetType().Name);
            run = new TrainingRun(started, time.GetUtcNow(), TrainingResult.Failed, null, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            lock (_lock)
            {
                _runningSince = null;
                _step = null;
            }

            _oneAtATime.Release();
        }

        lock (_lock)
        {
            _last = run;
        }

        return run;
    }

    private async Task<TrainingRun> TrainAsync(DateTimeOffset started, Action<string> step, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var held = await scope.ServiceProvider.GetRequiredService<SingletonLock>().TryAcquireAsync(LockName, ct);
        if (held is null)
        {
            return new TrainingRun(started, time.GetUtcNow(), TrainingResult.AnotherInstance, null, null);
        }

        var model = await scope.ServiceProvider.GetRequiredService<TriageTraining>().TrainAsync(ct, step);
        if (model is null)
        {
            return new TrainingRun(started, time.GetUtcNow(), TrainingResult.TooLittleHistory, null, null);
        }

        logger.LogInformation("Triage model {Version} trained on {Examples} reports", model.Info.Version, model.Info.Examples);
        return new TrainingRun(started, time.GetUtcNow(), TrainingResult.Trained, model.Info, null);
    }

    public override void Dispose()
    {
        _asked.Dispose();
        _oneAtATime.Dispose();
        base.Dispose();
    }
}
