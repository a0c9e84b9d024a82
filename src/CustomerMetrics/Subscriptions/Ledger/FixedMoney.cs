using System.Numerics;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// A non-negative <c>decimal</c> amount held as a whole number of units of 10^−<c>S</c> (one scale <c>S</c> for a whole
/// ledger build) together with the scale the <c>decimal</c> would carry, so that sums, differences, comparisons and the
/// minimum give exactly the value <b>and</b> the trailing zeros of the same <c>decimal</c> arithmetic: a <c>decimal</c>
/// sum or difference carries the larger scale of its operands, and is exact while it fits 28 digits, which
/// <see cref="TryCommonScale"/> guarantees by bounding every sum the ledger can form by <see cref="long.MaxValue"/> units.
/// Adding two is one integer add and one byte maximum, against a <c>decimal</c> add's scale alignment.
/// </summary>
internal readonly struct FixedMoney :
    IAdditionOperators<FixedMoney, FixedMoney, FixedMoney>,
    ISubtractionOperators<FixedMoney, FixedMoney, FixedMoney>,
    IComparisonOperators<FixedMoney, FixedMoney, bool>
{
    /// <summary>The largest common scale: 10^18 still fits a long.</summary>
    private const int MaxScale = 18;

    private static readonly long[] Pow10 = MakePowers();

    private FixedMoney(long units, byte scale)
    {
        Units = units;
        Scale = scale;
    }

    /// <summary>The amount in units of 10^−S.</summary>
    public long Units { get; }

    /// <summary>The scale of the equal <c>decimal</c> (0 to S).</summary>
    public byte Scale { get; }

    public static FixedMoney operator +(FixedMoney left, FixedMoney right) =>
        new(left.Units + right.Units, Math.Max(left.Scale, right.Scale));

    public static FixedMoney operator -(FixedMoney left, FixedMoney right) =>
        new(left.Units - right.Units, Math.Max(left.Scale, right.Scale));

    public static bool operator ==(FixedMoney left, FixedMoney right) => left.Units == right.Units;

    public static bool operator !=(FixedMoney left, FixedMoney right) => left.Units != right.Units;

    public static bool operator <(FixedMoney left, FixedMoney right) => left.Units < right.Units;

    public static bool operator >(FixedMoney left, FixedMoney right) => left.Units > right.Units;

    public static bool operator <=(FixedMoney left, FixedMoney right) => left.Units <= right.Units;

    public static bool operator >=(FixedMoney left, FixedMoney right) => left.Units >= right.Units;

    /// <summary>
    /// The common scale of the full and discounted MRR of every accepted record, from the tallies of the parts of the
    /// preparation (<see cref="ScaleTally"/>): when every amount is a non-negative whole number of units at a scale ≤ 18
    /// and the sum over the records of the larger of the two fits a long at the common scale (so does every sum of the
    /// ledger: each is at most that); otherwise false. Allocates nothing per record: the records convert one by one with
    /// <see cref="From"/> while the ledger is built.
    /// </summary>
    public static bool TryCommonScale(ScaleTally[] tallies, out int scale)
    {
        scale = 0;
        foreach (ScaleTally tally in tallies)
        {
            if (tally.Unfit)
            {
                return false;
            }

            scale = Math.Max(scale, tally.Scale);
        }

        if (scale > MaxScale)
        {
            return false;
        }

        long total = 0;
        for (int s = 0; s <= MaxScale; s++)
        {
            foreach (ScaleTally tally in tallies)
            {
                long sum = tally.Sums[s];
                long factor = Pow10[Math.Max(0, scale - s)];
                if (sum > long.MaxValue / factor || sum * factor > long.MaxValue - total)
                {
                    return false;
                }

                total += sum * factor;
            }
        }

        return true;
    }

    /// <summary>An amount at the common scale that <see cref="TryCommonScale"/> accepted (it fits by that check).</summary>
    public static FixedMoney From(decimal value, int commonScale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        ulong magnitude = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        return new FixedMoney(value.Scale == commonScale ? (long)magnitude : (long)magnitude * Pow10[commonScale - value.Scale], value.Scale);
    }

    /// <summary>The <c>decimal</c> this amount stands for (value and scale), given the build's common scale.</summary>
    public decimal ToDecimal(int commonScale)
    {
        ulong magnitude = (ulong)(Scale == commonScale ? Units : Units / Pow10[commonScale - Scale]);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, false, Scale);
    }

    public override bool Equals(object? obj) => obj is FixedMoney other && this == other;

    public override int GetHashCode() => Units.GetHashCode();

    /// <summary>
    /// The amounts of one part of the preparation, tallied for <see cref="TryCommonScale"/>: the largest scale, and per
    /// scale the sum of the mantissas of each record's larger amount (that sum × 10^(common − scale), over the scales,
    /// is the sum of the larger amounts in units of the common scale).
    /// </summary>
    internal sealed class ScaleTally
    {
        /// <summary>Per scale 0..18, the sum of the mantissas of the larger amounts at that scale.</summary>
        public long[] Sums { get; } = new long[MaxScale + 1];

        /// <summary>The largest scale met.</summary>
        public int Scale { get; private set; }

        /// <summary>An amount is negative, has a scale above 18 or a mantissa past a long, or a sum overflowed.</summary>
        public bool Unfit { get; private set; }

        /// <summary>Tallies one record's full and discounted MRR.</summary>
        public void Add(decimal full, decimal discounted)
        {
            int scale = Math.Max(full.Scale, discounted.Scale);
            if (Unfit || scale > MaxScale || decimal.IsNegative(full) || decimal.IsNegative(discounted))
            {
                Unfit = true;
                return;
            }

            Scale = Math.Max(Scale, scale);
            decimal larger = discounted > full ? discounted : full; // the smaller's units at the common scale are no more
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(larger, bits);
            ulong magnitude = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
            ref long sum = ref Sums[larger.Scale];
            if (bits[2] != 0 || magnitude > (ulong)(long.MaxValue - sum))
            {
                Unfit = true;
                return;
            }

            sum += (long)magnitude;
        }
    }

    private static long[] MakePowers()
    {
        var powers = new long[MaxScale + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
