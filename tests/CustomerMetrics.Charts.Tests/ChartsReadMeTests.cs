using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using CustomerMetrics.Value.Models.Validation;
using ScottPlot;

namespace CustomerMetrics.Charts.Tests;

/// <summary>The README's Charts section: its snippet runs here, and its two images are these charts.</summary>
public class ChartsReadMeTests
{
    private static string ReadMe() => File.ReadAllText(Path.Combine(ChartData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

    private static string Snippet(string name)
    {
        string source = File.ReadAllText(Path.Combine(ChartData.RepositoryRoot, "tests", "CustomerMetrics.Charts.Tests", "ChartsReadMeTests.cs")).ReplaceLineEndings("\n");
        int begin = source.IndexOf($"// {name} begin\n", StringComparison.Ordinal);
        int end = source.IndexOf($"// {name} end", StringComparison.Ordinal);
        string[] lines = source[(source.IndexOf('\n', begin) + 1)..end].Split('\n');
        int indent = lines[0].Length - lines[0].TrimStart().Length;
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd();
    }

    [Fact]
    public void Charts_snippet_runs_and_is_the_one_in_the_readme()
    {
        var (ids, dates, amounts) = ChartData.Cdnow.Value;
        SubscriptionLedger<int> ledger = ChartData.Ledger();
        string folder = Directory.CreateTempSubdirectory("charts-readme").FullName;
        try
        {
            // README charts begin
            var calibrationEnd = new DateOnly(1997, 9, 30);
            var split = CalibrationHoldout.Split(ids, dates, amounts, calibrationEnd, new DateOnly(1998, 6, 30), RfmOptions.Weeks);
            var model = new BgNbdPurchaseModel(BgNbd.Fit(split.Calibration));
            TrackingSeries tracking = PurchaseDiagnostics.Tracking(model, ids, dates, new DateOnly(1997, 1, 1), calibrationEnd, 78, PeriodUnit.Week);
            Plot plot = ModelCharts.Tracking(tracking, cumulative: true, calibrationEnd);   // a ScottPlot Plot: restyle it freely
            ChartOutput.SavePng(plot, Path.Combine(folder, "tracking.png"));                 // 800 x 500 by default
            ChartOutput.SaveSvg(SubscriptionCharts.MrrMovements(ledger.Periods), Path.Combine(folder, "mrr.svg"));
            // README charts end

            Assert.True(new FileInfo(Path.Combine(folder, "tracking.png")).Length > 10000);
            Assert.Contains("MRR movements by period", File.ReadAllText(Path.Combine(folder, "mrr.svg")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Contains(Snippet("README charts"), ReadMe(), StringComparison.Ordinal);
    }

    /// <summary>The README images: the CDNOW tracking chart and the quickstart ledger's MRR movements. Rewritten when
    /// UPDATE_DOCS_IMAGES=1; otherwise checked to exist at the default size.</summary>
    [Fact]
    public void Readme_images_are_committed_and_linked()
    {
        string docs = Path.Combine(ChartData.RepositoryRoot, "docs");
        (string File, Plot Plot)[] images =
        [
            ("chart-tracking.png", ModelCharts.Tracking(ChartData.Tracking(), cumulative: true, ChartData.CalibrationEnd)),
            ("chart-mrr-movements.png", SubscriptionCharts.MrrMovements(ChartData.Ledger().Periods)),
        ];
        foreach ((string file, Plot plot) in images)
        {
            string path = Path.Combine(docs, file);
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS_IMAGES") == "1")
            {
                Directory.CreateDirectory(docs);
                ChartOutput.SavePng(plot, path);
            }

            using SkiaSharp.SKBitmap bitmap = SkiaSharp.SKBitmap.Decode(path);
            Assert.Equal((ChartOutput.DefaultWidth, ChartOutput.DefaultHeight), (bitmap.Width, bitmap.Height));
            Assert.Contains($"(docs/{file})", ReadMe(), StringComparison.Ordinal);
        }
    }
}
