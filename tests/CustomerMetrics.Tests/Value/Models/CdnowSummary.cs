using System.Globalization;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>The CDNOW calibration summary (ID, x, t_x, T, zbar; CRLF), read once.</summary>
internal sealed class CdnowSummary
{
    private static readonly Lazy<CdnowSummary> Instance = new(Load);

    private CdnowSummary(double[] x, double[] tx, double[] t, double[] zbar)
    {
        Frequency = x;
        Recency = tx;
        Age = t;
        MeanSpend = zbar;
    }

    public static CdnowSummary Data => Instance.Value;

    public double[] Frequency { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public double[] MeanSpend { get; }

    private static CdnowSummary Load()
    {
        string[] lines = File.ReadAllLines(TestData.Cdnow("cdnow_customers_summary_with_transactions.csv"));
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return new CdnowSummary(rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray(), rows.Select(r => r[3]).ToArray(), rows.Select(r => r[4]).ToArray());
    }
}
