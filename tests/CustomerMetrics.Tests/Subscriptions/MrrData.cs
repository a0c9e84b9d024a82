namespace CustomerMetrics.Tests.Subscriptions;

/// <summary>Deterministic synthetic MRR snapshots with every movement class. Amounts are multiples of 0.5 below 2¹⁰, so
/// double sums are exact in any order and the vector paths must match the scalar reference bit for bit.</summary>
internal static class MrrData
{
    public static (double[] Previous, double[] Current, bool[] WasCustomer) Generate(int seed, int length)
    {
        var random = new Random(seed);
        var previous = new double[length];
        var current = new double[length];
        var was = new bool[length];
        for (int i = 0; i < length; i++)
        {
            previous[i] = random.Next(4) == 0 ? 0 : random.Next(1, 2000) / 2.0;
            current[i] = random.Next(6) switch
            {
                0 => 0,
                1 or 2 => previous[i],
                _ => random.Next(1, 2000) / 2.0,
            };
            was[i] = random.Next(3) == 0;
        }

        return (previous, current, was);
    }

    public static decimal[] ToDecimal(double[] values) => Array.ConvertAll(values, v => (decimal)v);
}
