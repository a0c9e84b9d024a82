using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>One customer's running RFM state while a date-ordered log streams past (periods arrive non-decreasing).</summary>
internal struct RfmState
{
    public int First;
    public int Last;
    public int Periods;
    public double FirstSpend;
    public double FirstCompensation;
    public double RepeatSpend;
    public double RepeatCompensation;

    /// <summary>Adds a purchase in <paramref name="period"/> (≥ every period seen before) spending <paramref name="amount"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int period, double amount)
    {
        if (Periods == 0)
        {
            First = period;
            Last = period;
            Periods = 1;
            FirstSpend = amount;
        }
        else if (period == First)
        {
            CompensatedSum.Add(ref FirstSpend, ref FirstCompensation, amount);
        }
        else
        {
            if (period != Last)
            {
                Periods++;
                Last = period;
            }

            CompensatedSum.Add(ref RepeatSpend, ref RepeatCompensation, amount);
        }
    }
}
