// Writes the three sample data files beside this script: surveys.csv, billing.csv and transactions.csv.
// Synthetic and deterministic (SplitMix64 with fixed seeds, defined below; invariant culture), so rerunning it reproduces the
// committed files byte for byte: `dotnet run samples/Notebooks/data/generate.cs`. The data are made up for these
// samples (no real customers) and are released with the repository under its MIT licence.
using System.Globalization;
using System.Text;

string folder = args.Length > 0 ? args[0] : (string)AppContext.GetData("EntryPointFileDirectoryPath")!;
var invariant = CultureInfo.InvariantCulture;

// surveys.csv: one row per survey response in 2025. Every response has a 0-10 NPS answer; CSAT (1-5) and CES (1-7
// agreement) were asked of some respondents only, so those cells are often blank, and a few answers are off the scale
// (a legacy form sent 0 for "no answer").
{
    var random = new SplitMix(14);
    string[] segments = ["SMB", "Mid-market", "Enterprise"];
    double[] promoterBase = [0.38, 0.46, 0.52];
    double[] promoterDrift = [0.012, 0.0, -0.008]; // per month: SMB improves, Enterprise slips
    double[] detractorBase = [0.24, 0.18, 0.14];
    var csv = new StringBuilder("response_id,submitted_on,segment,nps,csat,ces\n");
    int id = 10_000;
    for (int month = 1; month <= 12; month++)
    {
        for (int s = 0; s < segments.Length; s++)
        {
            int responses = 70 + random.Next(40) - (s * 15);
            for (int i = 0; i < responses; i++)
            {
                var day = new DateOnly(2025, month, 1 + random.Next(DateTime.DaysInMonth(2025, month)));
                double promoter = promoterBase[s] + (promoterDrift[s] * (month - 1)), u = random.NextDouble();
                int nps = u < promoter ? 9 + random.Next(2) : u < promoter + detractorBase[s] ? random.Next(7) : 7 + random.Next(2);
                string csat = random.NextDouble() < 0.6 ? Rating(random, 5, nps / 10.0) : "";
                string ces = random.NextDouble() < 0.4 ? Rating(random, 7, nps / 10.0) : "";
                if (random.NextDouble() < 0.01)
                {
                    csat = "0";
                }

                csv.Append(invariant, $"{id++},{day:yyyy-MM-dd},{segments[s]},{nps},{csat},{ces}\n");
            }
        }
    }

    File.WriteAllText(Path.Combine(folder, "surveys.csv"), csv.ToString());
}

// billing.csv: a subscription export (one row per subscription) from January 2024 to December 2025: monthly and yearly
// plans, seats, trials, cancellations with voluntary or delinquent reasons, and upgrades as a new subscription that
// starts the day the old one ends.
{
    var random = new SplitMix(2024);
    var csv = new StringBuilder("customer,subscription,start,trial_ends_on,cancelled_on,ends_on,price,interval,quantity,segment,end_reason\n");
    var first = new DateOnly(2024, 1, 1);
    for (int c = 1; c <= 360; c++)
    {
        string customer = $"cus_{c:0000}", segment = random.Next(4) == 0 ? "sales-led" : "self-serve";
        var start = first.AddDays(random.Next(700));
        bool yearly = random.Next(5) == 0;
        decimal price = segment == "sales-led" ? (yearly ? 990m : 99m) : (yearly ? 290m : 29m);
        int seats = segment == "sales-led" ? 3 + random.Next(8) : 1 + random.Next(3);
        string trial = random.Next(4) == 0 ? start.AddDays(14).ToString("yyyy-MM-dd", invariant) : "";
        int sub = 1;
        if (random.Next(6) == 0)
        {
            var upgrade = start.AddDays(60 + random.Next(200));
            if (upgrade < new DateOnly(2025, 12, 1))
            {
                csv.Append(invariant, $"{customer},sub_{c:0000}_{sub++},{start:yyyy-MM-dd},{trial},{upgrade:yyyy-MM-dd},{upgrade:yyyy-MM-dd},{price},{(yearly ? "year" : "month")},{seats},{segment},\n");
                start = upgrade;
                seats += 1 + random.Next(3);
                trial = "";
            }
        }

        string cancelled = "", ends = "", reason = "";
        if (random.NextDouble() < (yearly ? 0.25 : 0.45))
        {
            var end = start.AddDays(45 + random.Next(400));
            if (end < new DateOnly(2025, 12, 31))
            {
                bool delinquent = random.Next(3) == 0;
                cancelled = (delinquent ? end : end.AddDays(-random.Next(1, 20))).ToString("yyyy-MM-dd", invariant);
                ends = end.ToString("yyyy-MM-dd", invariant);
                reason = delinquent ? "delinquent" : "voluntary";
            }
        }

        csv.Append(invariant, $"{customer},sub_{c:0000}_{sub},{start:yyyy-MM-dd},{trial},{cancelled},{ends},{price},{(yearly ? "year" : "month")},{seats},{segment},{reason}\n");
    }

    File.WriteAllText(Path.Combine(folder, "billing.csv"), csv.ToString());
}

// transactions.csv: an online shop's purchases, 2024-01-01 to 2025-06-29 (78 weeks). 800 customers make their first
// purchase in the first 12 weeks; then each buys at a Poisson rate λ ~ Gamma(0.6, scale 8) per week until an exponential
// lifetime with rate μ ~ Gamma(0.7, scale 12) per week ends (a Pareto/NBD), spending around a per-customer mean.
{
    var random = new SplitMix(1997);
    var csv = new StringBuilder("customer,date,amount\n");
    var start = new DateOnly(2024, 1, 1);
    for (int c = 1; c <= 800; c++)
    {
        double lambda = Gamma(random, 0.6) / 8, lifetime = -Math.Log(1 - random.NextDouble()) / (Gamma(random, 0.7) / 12);
        double meanSpend = 15 + (Gamma(random, 3) * 8);
        int firstDay = random.Next(84);
        double end = Math.Min(lifetime, (545 - firstDay) / 7.0), weeks = 0;
        csv.Append(invariant, $"C{c:0000},{start.AddDays(firstDay):yyyy-MM-dd},{Spend(random, meanSpend):0.00}\n");
        while ((weeks += -Math.Log(1 - random.NextDouble()) / lambda) <= end)
        {
            csv.Append(invariant, $"C{c:0000},{start.AddDays(firstDay + (int)(weeks * 7)):yyyy-MM-dd},{Spend(random, meanSpend):0.00}\n");
        }
    }

    File.WriteAllText(Path.Combine(folder, "transactions.csv"), csv.ToString());
}

// A rating on a 1..points scale that leans high when lean (0..1) is high.
static string Rating(SplitMix random, int points, double lean)
{
    double u = (0.55 * random.NextDouble()) + (0.45 * lean);
    return (1 + Math.Min(points - 1, (int)(u * points))).ToString(CultureInfo.InvariantCulture);
}

// One purchase's amount: the customer's mean times a Gamma(8, 1/8) factor (coefficient of variation 0.35).
static double Spend(SplitMix random, double mean) => mean * Gamma(random, 8) / 8;

// Gamma(shape, scale 1) by Marsaglia and Tsang (2000), with the shape < 1 boost.
static double Gamma(SplitMix random, double shape)
{
    if (shape < 1)
    {
        return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
    }

    double d = shape - (1.0 / 3), c = 1 / Math.Sqrt(9 * d);
    while (true)
    {
        double x, v;
        do
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            x = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            v = 1 + (c * x);
        }
        while (v <= 0);

        v = v * v * v;
        double u = random.NextDouble();
        if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
        {
            return d * v;
        }
    }
}

// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator defined here so that the files do not depend on how a .NET
// version implements System.Random.
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public double NextDouble() => (Next64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    private ulong Next64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
