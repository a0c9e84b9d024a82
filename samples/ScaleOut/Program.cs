using System.Diagnostics;
using System.Globalization;
using CustomerMetrics.ScaleOut;
using CustomerMetrics.Surveys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// ScaleOut silo [offset]            start silo number `offset` of a localhost cluster (start offset 0 first)
// ScaleOut client [options]         load deterministic data into the cluster, run, compare with one process
//   --silos N (gateways to try, default 1) --customers N (default 20000) --partitions N (default 8) --rounds N (default 3)
string mode = args.Length > 0 ? args[0] : "help";
if (mode == "silo")
{
    int offset = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
    HostApplicationBuilder builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.UseOrleans(silo => silo.UseScaleOutLocalhost(offset));
    using IHost host = builder.Build();
    Console.WriteLine($"silo {offset}: silo port {ScaleOutSerialization.BaseSiloPort + offset}, gateway {ScaleOutSerialization.BaseGatewayPort + offset}; Ctrl+C stops it");
    await host.RunAsync();
    return 0;
}

if (mode == "client")
{
    int Option(string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    int silos = Option("--silos", 1), customers = Option("--customers", 20_000), partitions = Option("--partitions", 8), rounds = Option("--rounds", 3);
    HostApplicationBuilder builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.UseOrleansClient(client => client.UseScaleOutLocalhost(silos));
    using IHost host = builder.Build();
    await host.StartAsync();
    IClusterClient cluster = host.Services.GetRequiredService<IClusterClient>();
    IManagementGrain management = cluster.GetGrain<IManagementGrain>(0);
    int active = (await management.GetHosts(onlyActive: true)).Count;

    PartitionData all = DemoData.Generate(customers);
    AnalysisRequest request = DemoData.Request();
    Console.WriteLine($"data: {customers} customers, {all.Surveys.Count} survey responses, {all.Subscriptions.Length} subscription records, {all.Transactions.Count} transactions ({all.Rows} rows)");
    Console.WriteLine($"cluster: {active} active silo(s); {partitions} partitions");

    var coordinator = new ScaleOutCoordinator(cluster);
    var load = Stopwatch.StartNew();
    await coordinator.LoadAsync(DemoData.Split(all, partitions));
    Console.WriteLine($"load: {load.Elapsed.TotalSeconds:F2} s");

    ScaleOutReport report = await coordinator.RunAsync(request); // warm-up
    var times = new List<(double Run, double Analyse, double Fit, double Predict)>();
    for (int r = 0; r < rounds; r++)
    {
        var run = Stopwatch.StartNew();
        report = await coordinator.RunAsync(request);
        var (analyse, fit, predict) = coordinator.Timings;
        times.Add((run.Elapsed.TotalSeconds, analyse.TotalSeconds, fit.TotalSeconds, predict.TotalSeconds));
    }

    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine($"run, median of {rounds}: {median.Run:F2} s = {all.Rows / median.Run:N0} rows/s (partition analyses {median.Analyse:F2} s = {all.Rows / median.Analyse:N0} rows/s; merge and fits on the coordinator {median.Fit:F2} s; predictions {median.Predict:F2} s); partitions answered from {coordinator.Silos.Distinct().Count()} silo(s)");

    NpsResult total = default;
    foreach (NpsResult cell in report.Nps)
    {
        total += cell;
    }

    Console.WriteLine($"NPS overall: {total}");
    Console.WriteLine($"ledger, last month: {report.Ledger[^1]}");
    Console.WriteLine($"BG/NBD: {report.Purchases}");
    Console.WriteLine($"Pareto/NBD: {report.Pareto}");
    Console.WriteLine($"Gamma-Gamma: {report.Spend}");
    Console.WriteLine($"expected purchases in 26 weeks, all customers: {report.ExpectedPurchases.Sum():F1}; 12-month CLV total: {report.Clv.Sum():F0}");

    ScaleOutReport single = SingleProcess.Run(all, request);
    (List<string> differences, double maxRelative) = ReportComparison.Compare(single, report);
    Console.WriteLine(differences.Count == 0
        ? $"equal to the single-process run: counts and decimal sums exactly, doubles within {maxRelative:E1} relative"
        : $"DIFFERENT from the single-process run: {string.Join("; ", differences.Take(5))}");
    await host.StopAsync();
    return differences.Count == 0 ? 0 : 1;
}

Console.WriteLine("usage: ScaleOut silo [offset] | ScaleOut client [--silos N] [--customers N] [--partitions N] [--rounds N]");
return mode == "help" ? 0 : 2;
