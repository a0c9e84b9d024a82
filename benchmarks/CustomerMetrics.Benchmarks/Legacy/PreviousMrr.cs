using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks.Legacy;

/// <summary>
/// TEMPORARY, benchmark only: walks the leaves in order with either the library's kernel or the previous generic
/// kernel (lane counters in vector registers), so the two kernels are compared over the same walk in the same run.
/// </summary>
internal static class PreviousMrr
{
    public static MrrMovements<double> Between(double[] previous, double[] current, VectorPath path, bool previousKernel)
    {
        MrrMovements<double> total = default;
        bool none = false;
        for (int offset = 0; offset < previous.Length; offset += MrrMovements.LeafLength)
        {
            int length = Math.Min(MrrMovements.LeafLength, previous.Length - offset);
            var sums = new MrrLeafSums { Rows = length };
            int done = previousKernel
                ? PreviousMrrKernel.Leaf(path, ref previous[offset], ref current[offset], ref none, false, length, ref sums)
                : MrrKernel.Leaf(path, ref previous[offset], ref current[offset], ref none, false, length, ref sums);
            for (int i = Math.Max(done, 0); i < length; i++)
            {
                sums.Add(previous[offset + i], current[offset + i], false, offset + i);
            }

            total += sums.ToMovements();
        }

        return total;
    }
}
