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

    public readonly MrrMovements<double> ToMovements()
    {
        long unchangedPaying = PayingBoth - UpCount - DownCount;
        long inactive = Rows - PayingBefore - PayingNow + PayingBoth;
        return new MrrMovements<double>
        {
            StartingMrr = Start,
            EndingMrr = End,
            NewMrr = NewOrReactivated - Reactivated,
            ExpansionMrr = Up,
            ContractionMrr = -Down,
            ChurnedMrr = Churned,
            ReactivationMrr = Reactivated,
            NewCustomers = PayingNow - PayingBoth - ReactivatedCount,
            ExpansionCustomers = UpCount,
            ContractionCustomers = DownCount,
            ChurnedCustomers = PayingBefore - PayingBoth,
            ReactivatedCustomers = ReactivatedCount,
            UnchangedCustomers = unchangedPaying + inactive,
            InactiveCustomers = inactive,
        };
    }
}
