using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using Xunit.Abstractions;

namespace CustomerMetrics.ScaleOut.Tests;

/// <summary>
/// The distributed fit uses the customers compressed to distinct rows with counts. The library's one-process fit of the
/// raw summary (one row per customer) maximises the same likelihood; the two must agree to the optimiser's tolerance.
/// </summary>
public sealed class CompressedFitTests(DataFixture data, ITestOutputHelper output) : IClassFixture<DataFixture>
{
    [Fact]
    public void Compressed_table_has_the_customers_and_the_fit_matches_the_fit_of_one_row_per_customer()
    {
        RfmSummary rfm = data.Single.Rfm;
        Assert.Equal(rfm.Count, data.Single.PurchaseTable.Sum(r => r.Count));

        BgNbdModel raw = BgNbd.Fit(rfm);
        BgNbdModel compressed = data.Single.Purchases;
        double[] rel =
        [
            Relative(raw.R, compressed.R), Relative(raw.Alpha, compressed.Alpha), Relative(raw.A, compressed.A), Relative(raw.B, compressed.B),
        ];
        output.WriteLine($"raw {raw}\ncompressed {compressed}\nrelative differences {string.Join(", ", rel.Select(r => r.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.All(rel, r => Assert.True(r < 1e-6, $"relative difference {r:E2}"));
        Assert.True(Relative(raw.LogLikelihood, compressed.LogLikelihood) < 1e-9);
    }

    private static double Relative(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));
}
