using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks.Legacy;

/// <summary>TEMPORARY, benchmark only: walks the leaves with the replaced per-width kernels, as the library walks them.</summary>
internal static class LegacyMrr
{
    public static MrrMovements<double> Between(double[] previous, double[] current, int width)
    {
        MrrMovements<double> total = default;
        bool none = false;
        for (int offset = 0; offset < previous.Length; offset += MrrMovements.LeafLength)
        {
            int length = Math.Min(MrrMovements.LeafLength, previous.Length - offset);
            var sums = new MrrLeafSums { Rows = length };
            int done = width == 256
                ? LegacyMrrKernel256.Leaf(ref previous[offset], ref current[offset], ref none, false, length, ref sums)
                : throw new ArgumentOutOfRangeException(nameof(width));
            for (int i = Math.Max(done, 0); i < length; i++)
            {
                sums.Add(previous[offset + i], current[offset + i], false, offset + i);
            }

            total += sums.ToMovements();
        }

        return total;
    }
}
