using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// The configuration every benchmark class shares: a short job (the inputs run to 100 M elements, so each
/// invocation is long and stable), allocations, and ratios to the class's baseline.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Job job = Job.Default.WithWarmupCount(2).WithIterationCount(7).WithLaunchCount(1);

        // On a loaded machine the generated out-of-process project can exceed BenchmarkDotNet's 2-minute build
        // timeout; CM_BENCH_INPROCESS=1 runs the same job in process instead (say so beside the table).
        AddJob(Environment.GetEnvironmentVariable("CM_BENCH_INPROCESS") == "1" ? job.WithToolchain(InProcessEmitToolchain.Instance) : job);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(RankColumn.Arabic);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        Options |= ConfigOptions.JoinSummary;
    }
}
