namespace CustomerMetrics.ScaleOut;

/// <summary>
/// Loads the partitions into their grains, asks every grain for its results, merges them, fits the models on the merged
/// compressed tables and sends them back for predictions. A partition whose grain fails (an Orleans or timeout error) or
/// answers with another load token (it lost its data) is reloaded from the coordinator's copy and asked again, up to
/// <see cref="MaxAttempts"/> times; then the whole run fails with <see cref="PartitionFailedException"/>.
/// </summary>
public sealed class ScaleOutCoordinator(IGrainFactory grains)
{
    private PartitionData[] _parts = [];
    private Guid[] _loadIds = [];
    private int _reloads;

    /// <summary>Attempts per partition and phase, ≥ 1 (1: fail on the first problem).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Pause before a retry (lets membership notice a dead silo).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Partitions reloaded after a failure or a lost grain, in the last run (a count, for the report).</summary>
    public int Reloads => _reloads;

    /// <summary>Wall-clock time of the last run's phases: the partitions' analyses (parallel over grains), the merge and the
    /// model fits (on the coordinator), the partitions' predictions (parallel over grains).</summary>
    public (TimeSpan Analyse, TimeSpan MergeAndFit, TimeSpan Predict) Timings { get; private set; }

    /// <summary>The silo that answered for each partition in the last analysis.</summary>
    public IReadOnlyList<string> Silos { get; private set; } = [];

    /// <summary>Sends every partition to its grain (partition i → grain key i).</summary>
    public async Task LoadAsync(IReadOnlyList<PartitionData> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = [.. parts];
        _loadIds = new Guid[_parts.Length];
        await Task.WhenAll(Enumerable.Range(0, _parts.Length).Select(LoadPartitionAsync)).ConfigureAwait(false);
    }

    /// <summary>The silo hosting each partition's grain now.</summary>
    public async Task<string[]> HostsAsync() =>
        await Task.WhenAll(Enumerable.Range(0, _parts.Length).Select(p => grains.GetGrain<IPartitionGrain>(p).Silo())).ConfigureAwait(false);

    /// <summary>Runs every analysis on the loaded partitions and merges them (see the class remarks on failures).</summary>
    public async Task<ScaleOutReport> RunAsync(AnalysisRequest request, double horizonWeeks = 26, int clvMonths = 12, double monthlyDiscountRate = 0.01)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_parts.Length == 0)
        {
            throw new InvalidOperationException("Load the partitions first (LoadAsync).");
        }

        _reloads = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        PartitionResult[] parts = await Task.WhenAll(Enumerable.Range(0, _parts.Length).Select(p =>
            WithRetry(p, g => g.Analyse(request), r => r.LoadId))).ConfigureAwait(false);
        Silos = [.. parts.Select(r => r.Silo)];
        TimeSpan analysed = clock.Elapsed;
        var merged = ScaleOutReport.Merge(parts, request);
        var (purchases, pareto, spend) = PartitionAnalysis.Fit(merged.PurchaseTable, merged.SpendTable);

        TimeSpan fitted = clock.Elapsed;
        var predictionRequest = new PredictionRequest(purchases, spend, request.ThroughDay, horizonWeeks, clvMonths, monthlyDiscountRate);
        PredictionResult[] predictions = await Task.WhenAll(Enumerable.Range(0, _parts.Length).Select(p =>
            WithRetry(p, g => g.Predict(predictionRequest), r => r.LoadId))).ConfigureAwait(false);
        Timings = (analysed, fitted - analysed, clock.Elapsed - fitted);
        var order = predictions.SelectMany(r => r.CustomerIds.Select((id, i) => (id, r, i))).OrderBy(e => e.id).ToArray();
        return new ScaleOutReport
        {
            Nps = merged.Nps,
            Ces = merged.Ces,
            Csat = merged.Csat,
            Ledger = merged.Ledger,
            LedgerSegments = merged.Segments,
            Cohorts = merged.Cohorts,
            LedgerCustomers = merged.Customers,
            Rfm = merged.Rfm,
            PurchaseTable = merged.PurchaseTable,
            Purchases = purchases,
            Pareto = pareto,
            Spend = spend,
            CustomerIds = [.. order.Select(e => e.id)],
            ExpectedPurchases = [.. order.Select(e => e.r.ExpectedPurchases[e.i])],
            ProbabilityAlive = [.. order.Select(e => e.r.ProbabilityAlive[e.i])],
            Clv = [.. order.Select(e => e.r.Clv[e.i])],
        };
    }

    private async Task LoadPartitionAsync(int partition)
    {
        var loadId = Guid.NewGuid();
        await grains.GetGrain<IPartitionGrain>(partition).Load(loadId, _parts[partition]).ConfigureAwait(false);
        _loadIds[partition] = loadId;
    }

    private async Task<T> WithRetry<T>(int partition, Func<IPartitionGrain, Task<T>> call, Func<T, Guid> loadIdOf)
    {
        string reason = "no attempt";
        Exception? last = null;
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(RetryDelay).ConfigureAwait(false);
                try
                {
                    await LoadPartitionAsync(partition).ConfigureAwait(false);
                    Interlocked.Increment(ref _reloads);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    (reason, last) = ($"reload failed: {e.GetType().Name}", e);
                    continue;
                }
            }

            try
            {
                T result = await call(grains.GetGrain<IPartitionGrain>(partition)).ConfigureAwait(false);
                if (loadIdOf(result) == _loadIds[partition])
                {
                    return result;
                }

                (reason, last) = ("the grain lost its data (re-activated without it)", null);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                (reason, last) = (e.GetType().Name, e);
            }
        }

        throw new PartitionFailedException(partition, MaxAttempts, reason, last);
    }
}
