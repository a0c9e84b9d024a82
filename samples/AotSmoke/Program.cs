// Native AOT smoke test: every check compares with an answer worked out independently of the library (hand counts,
// the published CDNOW parameters) and the process exits with 1 on the first wrong answer. The timing line at the end is
// printed for the README's instruction-set figure, never asserted.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

int failures = 0;

// NPS: 5 promoters, 3 detractors of 10 → 20 points; long enough for every vector width plus a tail.
byte[] scores = [.. Enumerable.Repeat<byte[]>([10, 9, 9, 8, 7, 6, 3, 10, 9, 0], 1001).SelectMany(s => s)];
NpsResult nps = Nps.Calculate(scores);
Check("NPS score", nps.Score, 20, 1e-12);
Check("NPS promoters", nps.Promoters, 5005, 0);

// MRR: start 230; churned 50, contraction 20, expansion 20, new 40 (double path is vectorised: 4 × 1000 customers).
double[] previous = [.. Enumerable.Repeat<double[]>([100, 50, 0, 80], 1000).SelectMany(s => s)];
double[] current = [.. Enumerable.Repeat<double[]>([120, 0, 40, 60], 1000).SelectMany(s => s)];
MrrMovements<double> mrr = MrrMovements.Between(previous, current);
Check("gross MRR churn", mrr.GrossMrrChurn, 70.0 / 230, 1e-12);
Check("net MRR churn", mrr.NetMrrChurn, 50.0 / 230, 1e-12);

// RFM: customer 1 buys in weeks 0, 2, 4 (10, 20, 30): x = 2, tx = 4 weeks, monetary value 25.
int[] ids = [1, 1, 1, 2];
DateOnly[] dates = [new(2025, 1, 6), new(2025, 1, 20), new(2025, 2, 3), new(2025, 2, 10)];
double[] amounts = [10, 20, 30, 40];
RfmSummary rfm = Rfm.Summarize(ids, dates, amounts, new DateOnly(2025, 6, 30), RfmOptions.Weeks);
Check("RFM frequency", rfm.Frequency[0], 2, 0);
Check("RFM recency", rfm.Recency[0], 4, 1e-12);
Check("RFM monetary value", rfm.MonetaryValue[0], 25, 1e-12);

// BG/NBD on the CDNOW summary (path in args[0]): Fader, Hardie & Lee 2005 publish r 0.243, α 4.414, a 0.793, b 2.426.
if (args.Length > 0)
{
    var x = new List<double>();
    var tx = new List<double>();
    var t = new List<double>();
    foreach (string line in File.ReadLines(args[0]).Skip(1))
    {
        string[] f = line.Split(',');
        x.Add(double.Parse(f[1], CultureInfo.InvariantCulture));
        tx.Add(double.Parse(f[2], CultureInfo.InvariantCulture));
        t.Add(double.Parse(f[3], CultureInfo.InvariantCulture));
    }

    BgNbdModel model = BgNbd.Fit(x.ToArray(), tx.ToArray(), t.ToArray(), weights: default, penalty: 0);
    Check("BG/NBD r", model.R, 0.243, 0.001);
    Check("BG/NBD alpha", model.Alpha, 4.414, 0.001);
    Check("BG/NBD a", model.A, 0.793, 0.001);
    Check("BG/NBD b", model.B, 2.426, 0.001);

    string modelJson = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.BgNbdModel);
    BgNbdModel modelBack = JsonSerializer.Deserialize(modelJson, CustomerMetricsJsonContext.Default.BgNbdModel)!;
    Check("BG/NBD JSON round trip r", modelBack.R, model.R, 0);
}
else
{
    Console.WriteLine("no CDNOW summary path given: BG/NBD fit skipped");
    failures++;
}

// JSON through the source-generated context, the NaN of an empty result included.
string json = JsonSerializer.Serialize(nps, CustomerMetricsJsonContext.Default.NpsResult);
Check("NPS JSON round trip", JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.NpsResult) == nps ? 1 : 0, 1, 0);
string emptyJson = JsonSerializer.Serialize(default(NpsResult), CustomerMetricsJsonContext.Default.NpsResult);
Check("empty NPS JSON round trip", JsonSerializer.Deserialize(emptyJson, CustomerMetricsJsonContext.Default.NpsResult) == default ? 1 : 0, 1, 0);

// Timing (printed, not asserted): NPS over 64 MB, best of 5, against a plain scalar loop over the same buffer.
byte[] big = new byte[64 << 20];
new Random(42).NextBytes(big);
for (int i = 0; i < big.Length; i++)
{
    big[i] %= 11;
}

double library = Best(() => Nps.Calculate(big).Score);
double scalar = Best(() =>
{
    long p = 0, d = 0;
    foreach (byte s in big)
    {
        p += s >= 9 ? 1 : 0;
        d += s <= 6 ? 1 : 0;
    }

    return p - d;
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"NPS 64 MB: {library:0.00} ms ({big.Length / library / 1e6:0.0} GB/s), plain scalar loop {scalar:0.00} ms; Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}"));

Console.WriteLine(failures == 0 ? "AOT smoke: all checks passed" : $"AOT smoke: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

void Check(string what, double actual, double expected, double tolerance)
{
    if (!(Math.Abs(actual - expected) <= tolerance))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL {what}: {actual}, expected {expected} ± {tolerance}"));
        failures++;
    }
}

static double Best(Func<double> run)
{
    double best = double.MaxValue, sink = 0;
    for (int i = 0; i < 5; i++)
    {
        long start = Stopwatch.GetTimestamp();
        sink += run();
        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    GC.KeepAlive(sink);
    return best;
}
