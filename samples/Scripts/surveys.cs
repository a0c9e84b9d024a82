#:package CustomerMetrics@0.1.0-preview.1
// NPS, CSAT and CES by segment and month from a survey export, with intervals, a segment comparison and the trend
// test. The same workflow as samples/Notebooks/surveys.ipynb. Run: dotnet run surveys.cs [path/to/surveys.csv]
using System.Globalization;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

var invariant = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = invariant;
string path = args.Length > 0 ? args[0]
    : Path.Combine((string)AppContext.GetData("EntryPointFileDirectoryPath")!, "../Notebooks/data/surveys.csv");

// The export: response_id,submitted_on,segment,nps,csat,ces; CSAT and CES are blank when not asked.
string[][] rows = File.ReadLines(path).Skip(1).Select(line => line.Split(',')).ToArray();
string[] segments = rows.Select(r => r[2]).Distinct().Order(StringComparer.Ordinal).ToArray();
int[] segment = rows.Select(r => Array.IndexOf(segments, r[2])).ToArray();
DateOnly[] dates = rows.Select(r => DateOnly.ParseExact(r[1], "yyyy-MM-dd", invariant)).ToArray();
byte[] nps = rows.Select(r => byte.Parse(r[3], invariant)).ToArray();
Console.WriteLine($"{rows.Length} responses, {segments.Length} segments, {dates.Min():yyyy-MM-dd} to {dates.Max():yyyy-MM-dd}");

// NPS by segment with 95 % adjusted-Wald intervals (Rocks 2016), then all segments compared.
var bySegment = new NpsResult[segments.Length];
Nps.Calculate(nps, segment, bySegment);
for (int s = 0; s < segments.Length; s++)
{
    Console.WriteLine($"{segments[s],-11} {bySegment[s]}, 95 % CI {bySegment[s].Interval()}");
}

NpsSegmentComparison comparison = Nps.CompareSegments(bySegment);
Console.WriteLine($"Segments compared: {comparison}");
foreach (NpsPairwiseDifference pair in comparison.Pairs)
{
    Console.WriteLine($"  {segments[pair.First]} − {segments[pair.Second]}: {pair.Comparison.Difference:+0.0;-0.0} points, Holm p {pair.HolmPValue:0.0000}");
}

// NPS by month and segment in one pass (destination[month × segments + segment]), and each segment's trend test.
var origin = new DateOnly(2025, 1, 1);
int months = 12;
var byMonth = new NpsResult[months * segments.Length];
Nps.CalculateByPeriod(dates, nps, segment, segments.Length, origin, PeriodUnit.Month, byMonth);
Console.WriteLine($"{"month",-8}" + string.Concat(segments.Select(s => $"{s,12}")));
for (int m = 0; m < months; m++)
{
    Console.WriteLine($"{origin.AddMonths(m):yyyy-MM}  " + string.Concat(segments.Select((_, s) => $"{byMonth[(m * segments.Length) + s].Score,12:0.0}")));
}

for (int s = 0; s < segments.Length; s++)
{
    NpsResult[] monthly = Enumerable.Range(0, months).Select(m => byMonth[(m * segments.Length) + s]).ToArray();
    NpsTrend trend = Nps.Trend(monthly);
    Console.WriteLine($"{segments[s],-11} {trend}, 95 % CI of the slope {trend.Interval()}");
}

// CSAT (5 points, top two boxes) and CES 2.0 (7-point agreement) by segment, over the respondents asked. The lenient
// CSAT path skips and counts the legacy form's 0 ("no answer").
int[] asked = Enumerable.Range(0, rows.Length).Where(i => rows[i][4].Length > 0).ToArray();
var csat = new CsatResult[segments.Length];
Csat.CalculateLenient(asked.Select(i => byte.Parse(rows[i][4], invariant)).ToArray(), asked.Select(i => segment[i]).ToArray(), csat, scalePoints: 5);
int[] askedCes = Enumerable.Range(0, rows.Length).Where(i => rows[i][5].Length > 0).ToArray();
var ces = new CesResult[segments.Length];
Ces.Calculate(askedCes.Select(i => byte.Parse(rows[i][5], invariant)).ToArray(), askedCes.Select(i => segment[i]).ToArray(), CesScale.SevenPointAgreement, ces);
for (int s = 0; s < segments.Length; s++)
{
    Console.WriteLine($"{segments[s],-11} {csat[s]}, 95 % Wilson CI {csat[s].Interval()}");
    Console.WriteLine($"{"",-11} {ces[s]}, mean 95 % CI {ces[s].MeanInterval()}");
}
