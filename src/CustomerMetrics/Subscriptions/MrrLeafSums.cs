using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Mutable per-leaf accumulator of the double MRR kernels. Holds the raw quantities the vector kernels can count
/// cheaply (paying before, paying now, paying in both, up, down); <see cref="ToMovements"/> turns them into the six
/// movement classes.
/// </summary>
internal struct MrrLeafSums
{
    public double Start, End, NewOrReactivated, Reactivated, Up, Down, Churned;
    public long Rows, PayingBefore, PayingNow, PayingBoth, UpCount, DownCount, ReactivatedCount;

    /// <summary>One customer, scalar. Throws for a negative, NaN or infinite amount, naming the global index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double previous, double current, bool wasCustomer, int index)
    {
        if (!(previous >= 0 && previous < double.PositiveInfinity))
        {
            ThrowHelper.ValueOutOfRange(nameof(previous), index, previous, "finite amounts ≥ 0");
        }

        if (!(current >= 0 && current < double.PositiveInfinity))
        {
            ThrowHelper.ValueOutOfRange(nameof(current), index, current, "finite amounts ≥ 0");
        }

        Start += previous;
        End += current;
        if (previous > 0)
        {
            PayingBefore++;
            if (current > 0)
            {
                PayingNow++;
                PayingBoth++;
                double delta = current - previous;
                if (delta > 0)
                {
                    UpCount++;
                    Up += delta;
                }
                else if (delta < 0)
                {
                    DownCount++;
                    Down += delta;
                }
            }
            else
            {
                Churned += previous;
            }
        }
        else if (current > 0)
        {
            PayingNow++;
            NewOrReactivated += current;
            if (wasCustomer)
            {
                ReactivatedCount++;
                Reactivated += current;
            }
        }
    }

    /// <summary>
    /// The movements of the leaf. Throws <see cref="OverflowException"/> when a sum reached ∞ (finite amounts whose sum
    /// exceeds the double range). New MRR is the difference of two sums taken in different orders, so it is clamped to
    /// 0 when there is no new customer or when rounding takes it below 0.
    /// </summary>
    public readonly MrrMovements<double> ToMovements()
    {
        long unchangedPaying = PayingBoth - UpCount - DownCount;
        long inactive = Rows - PayingBefore - PayingNow + PayingBoth;
        long newCount = PayingNow - PayingBoth - ReactivatedCount;
        return new MrrMovements<double>(
            Guard.FiniteSum(Start, "The previous MRR"),
            Guard.FiniteSum(End, "The current MRR"),
            newCount == 0 ? 0 : Math.Max(0, Guard.FiniteSum(NewOrReactivated, "The new and reactivated MRR") - Reactivated),
            Guard.FiniteSum(Up, "The expansion MRR"),
            Guard.FiniteSum(0 - Down, "The contraction MRR"),
            Guard.FiniteSum(Churned, "The churned MRR"),
            Guard.FiniteSum(Reactivated, "The reactivated MRR"),
            newCount,
            UpCount,
            DownCount,
            PayingBefore - PayingBoth,
            ReactivatedCount,
            unchangedPaying + inactive,
            inactive);
    }
}
