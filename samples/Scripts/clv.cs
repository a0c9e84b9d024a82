#:package CustomerMetrics@0.1.0-preview.1
// CLV from a transaction log: a calibration/holdout split, BG/NBD, Pareto/NBD and MBG/NBD compared on the holdout,
// then 12-month discounted CLV per customer (BG/NBD with Gamma-Gamma spend) with parameter intervals and a bootstrap
// interval of the base's total. The same workflow as samples/Notebooks/clv.ipynb.
// Run: dotnet run clv.cs [path/to/transactions.csv]
using System.Globalization;
using CustomerMetrics;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using CustomerMetrics.Value.Models.Validation;

var invariant = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = invariant;
string path = args.Length > 0 ? args[0]
    : Path.Combine((string)AppContext.GetData("EntryPointFileDirectoryPath")!, "../Notebooks/data/transactions.csv");

// The log: customer,date,amount. String customer ids map to dense int indexes once.
string[][] rows = File.ReadLines(path).Skip(1).Select(line => line.Split(',')).ToArray();
string[] customers = rows.Select(r => r[0]).ToArray();
DateOnly[] dates = rows.Select(r => DateOnly.ParseExact(r[1], "yyyy-MM-dd", invariant)).ToArray();
double[] amounts = rows.Select(r => double.Parse(r[2], invariant)).ToArray();
CustomerKeys<string> keys = CustomerKeys.Create(customers);
int[] ids = keys.IndexesOf(customers);
Console.WriteLine($"{rows.Length} transactions of {keys.Count} customers, {dates.Min():yyyy-MM-dd} to {dates.Max():yyyy-MM-dd}");

// Calibration: the first 39 weeks; holdout: the next 39 weeks. Time in weeks.
var start = new DateOnly(2024, 1, 1);
DateOnly calibrationEnd = start.AddDays(272), holdoutEnd = start.AddDays(545);
CalibrationHoldoutSplit split = CalibrationHoldout.Split(ids, dates, amounts, calibrationEnd, holdoutEnd, RfmOptions.Weeks);
Console.WriteLine(split);

// Three purchase models fitted on the calibration period, compared on fit (AIC, BIC) and on the holdout.
BgNbdModel bgNbd = BgNbd.Fit(split.Calibration);
ParetoNbdModel pareto = ParetoNbd.Fit(split.Calibration);
MbgNbdModel mbgNbd = MbgNbd.Fit(split.Calibration);
Console.WriteLine(bgNbd);
Console.WriteLine(pareto);
Console.WriteLine(mbgNbd);
ModelComparisonRow[] comparison = PurchaseDiagnostics.Compare(split,
[
    ("BG/NBD", new BgNbdPurchaseModel(bgNbd), 4),
    ("Pareto/NBD", pareto, ParetoNbdModel.ParameterCount),
    ("MBG/NBD", mbgNbd, MbgNbdModel.ParameterCount),
]);
foreach (ModelComparisonRow row in comparison)
{
    Console.WriteLine("  " + row);
}

// Holdout purchases per customer by calibration frequency: actual against the BG/NBD's conditional expectation.
HoldoutByFrequency byFrequency = PurchaseDiagnostics.CalibrationVersusHoldout(split, new BgNbdPurchaseModel(bgNbd), maxFrequency: 6);
for (int b = 0; b < byFrequency.Frequency.Length; b++)
{
    string label = b == byFrequency.Frequency.Length - 1 ? $">= {byFrequency.Frequency[b]}" : $"= {byFrequency.Frequency[b]}";
    Console.WriteLine($"  x {label}: {byFrequency.Customers[b],4} customers, holdout purchases {byFrequency.ActualMean[b]:0.00} actual, {byFrequency.ExpectedMean[b]:0.00} expected");
}

// Weekly tracking over the 78 weeks: cumulative purchases, actual against expected, at the split and at the end.
TrackingSeries tracking = PurchaseDiagnostics.Tracking(new BgNbdPurchaseModel(bgNbd), ids, dates, start, calibrationEnd, periods: 78, PeriodUnit.Week);
Console.WriteLine($"Cumulative repeat purchases, week 39: {tracking.ActualCumulative[38]:0} actual, {tracking.ExpectedCumulative[38]:0} expected; week 78: {tracking.ActualCumulative[^1]:0} actual, {tracking.ExpectedCumulative[^1]:0} expected");

// For CLV, refit on the whole log (both periods) with Gamma-Gamma for spend; 95 % intervals of the parameters from
// their standard errors, on the log scale so that they stay positive.
RfmSummary full = Rfm.Summarize(ids, dates, amounts, holdoutEnd, RfmOptions.Weeks);
BgNbdModel purchases = BgNbd.Fit(full);
GammaGammaModel spend = GammaGamma.Fit(full);
static string Wald(string name, double value, double se) =>
    $"{name} {value:0.000} [{value * Math.Exp(-1.96 * se / value):0.000}, {value * Math.Exp(1.96 * se / value):0.000}]";
Console.WriteLine("BG/NBD, 95 % CI: " + string.Join(", ", Wald("r", purchases.R, purchases.RStandardError), Wald("α", purchases.Alpha, purchases.AlphaStandardError),
    Wald("a", purchases.A, purchases.AStandardError), Wald("b", purchases.B, purchases.BStandardError)));
Console.WriteLine("Gamma-Gamma, 95 % CI: " + string.Join(", ", Wald("p", spend.P, spend.PStandardError), Wald("q", spend.Q, spend.QStandardError),
    Wald("γ", spend.Gamma, spend.GammaStandardError)));

// 12-month CLV per customer, 1 % monthly discount; the ten most valuable customers.
var clv = new double[full.Count];
ProbabilisticClv.Discounted(purchases, spend, full, months: 12, monthlyDiscountRate: 0.01, clv);
Console.WriteLine($"12-month CLV of the base: {clv.Sum():#,0}; mean {clv.Average():0.00} per customer");
foreach (int i in Enumerable.Range(0, full.Count).OrderByDescending(i => clv[i]).Take(10))
{
    RfmRecord c = full[i];
    Console.WriteLine($"  {keys.KeyAt(full.CustomerIds[i])}: x {c.Frequency}, tx {c.Recency:0.0}, T {c.Age:0.0}, mean spend {c.MeanSpend:0.00}, P(alive) {purchases.ProbabilityAlive(c.Frequency, c.Recency, c.Age):P0}, CLV {clv[i]:0.00}");
}

// A 95 % bootstrap interval of the base's 12-month CLV: resample customers with replacement, refit both models, sum.
var random = new Random(42);
var totals = new double[200];
for (int draw = 0; draw < totals.Length; draw++)
{
    int[] pick = Enumerable.Range(0, full.Count).Select(_ => random.Next(full.Count)).ToArray();
    double[] x = pick.Select(i => full.Frequency[i]).ToArray(), tx = pick.Select(i => full.Recency[i]).ToArray();
    double[] t = pick.Select(i => full.Age[i]).ToArray(), m = pick.Select(i => full.MeanSpend[i]).ToArray();
    var sample = new double[pick.Length];
    ProbabilisticClv.Discounted(BgNbd.Fit(x, tx, t), GammaGamma.Fit(x, m), PeriodUnit.Week, 12, 0.01, x, tx, t, m, sample);
    totals[draw] = sample.Sum();
}

Array.Sort(totals);
Console.WriteLine($"12-month CLV of the base, 95 % bootstrap interval (200 resamples): [{totals[4]:#,0}, {totals[195]:#,0}]");
