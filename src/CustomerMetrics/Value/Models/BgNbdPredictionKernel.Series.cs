using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>E[X(t)] at (r + x, α + T, a, b + x) for a block of rows through <see cref="BgNbdSeriesTable"/>.</summary>
internal static partial class BgNbdPredictionKernel
{
    /// <summary>
    /// Multiplies each row of a block by E[X(t)] at (r + x, α + T, a, b + x) = c·head − (1 − z)^(a−1)·G(z) (the terms of
    /// <see cref="BgNbdModel.Expected"/>): z, head = −expm1((a − 1)L)/(a − 1) and (1 − z)^(a−1), L = −log1p(t/(α + T)),
    /// depend on T only and are computed lanes at a time (<see cref="Prelude"/>); G(z) is a Horner chain over the
    /// polynomial of (x, z's bin) from <paramref name="table"/>. Rows the table does not serve take the per-row series,
    /// through <paramref name="memo"/> when there is one (counted in <paramref name="lookups"/>).
    /// </summary>
    /// <returns>How many rows found their pair in the memo.</returns>
    private static int MultiplyExpected(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> age, Span<double> destination,
        BgNbdSeriesTable table, BgNbdPairMemo? memo, VectorPath resolved, Span<double> scratch, ref int lookups)
    {
        int n = frequency.Length;
        Span<double> zs = scratch[..n], heads = scratch.Slice(BlockLength, n), powers = scratch.Slice(2 * BlockLength, n);
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B, am1 = a - 1;
        Prelude(resolved, alpha, t, am1, age, zs, heads, powers);

        int hits = 0, i = 0;
        for (; i <= n - 4; i += 4)
        {
            // Four rows at once: four independent Horner chains hide the latency of the fused multiply-adds.
            int e0 = Serve(table, frequency[i], zs[i]), e1 = Serve(table, frequency[i + 1], zs[i + 1]);
            int e2 = Serve(table, frequency[i + 2], zs[i + 2]), e3 = Serve(table, frequency[i + 3], zs[i + 3]);
            if ((e0 | e1 | e2 | e3) < 0)
            {
                for (int k = i; k < i + 4; k++)
                {
                    destination[k] *= Row(table, frequency[k], age[k], zs[k], heads[k], powers[k], r, alpha, a, b, t, memo, ref hits, ref lookups);
                }

                continue;
            }

            ref double f = ref MemoryMarshal.GetArrayDataReference(table.Coefficients);
            double h0 = zs[i] - Unsafe.Add(ref f, e0 + BgNbdSeriesTable.MaxTerms), h1 = zs[i + 1] - Unsafe.Add(ref f, e1 + BgNbdSeriesTable.MaxTerms);
            double h2 = zs[i + 2] - Unsafe.Add(ref f, e2 + BgNbdSeriesTable.MaxTerms), h3 = zs[i + 3] - Unsafe.Add(ref f, e3 + BgNbdSeriesTable.MaxTerms);
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
            for (int j = table.Terms - 1; j >= 0; j--)
            {
                g0 = Math.FusedMultiplyAdd(g0, h0, Unsafe.Add(ref f, e0 + j));
                g1 = Math.FusedMultiplyAdd(g1, h1, Unsafe.Add(ref f, e1 + j));
                g2 = Math.FusedMultiplyAdd(g2, h2, Unsafe.Add(ref f, e2 + j));
                g3 = Math.FusedMultiplyAdd(g3, h3, Unsafe.Add(ref f, e3 + j));
            }

            destination[i] *= ((am1 + (b + frequency[i])) * heads[i]) - (powers[i] * g0);
            destination[i + 1] *= ((am1 + (b + frequency[i + 1])) * heads[i + 1]) - (powers[i + 1] * g1);
            destination[i + 2] *= ((am1 + (b + frequency[i + 2])) * heads[i + 2]) - (powers[i + 2] * g2);
            destination[i + 3] *= ((am1 + (b + frequency[i + 3])) * heads[i + 3]) - (powers[i + 3] * g3);
        }

        for (; i < n; i++)
        {
            destination[i] *= Row(table, frequency[i], age[i], zs[i], heads[i], powers[i], r, alpha, a, b, t, memo, ref hits, ref lookups);
        }

        return hits;
    }

    /// <summary>1/k!, k = 1 … 16: expm1(y) = y·Σₖ yᵏ⁻¹/k!.</summary>
    private static readonly double[] ExpM1Coefficients =
    [
        1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800,
        1.0 / 479001600, 1.0 / 6227020800, 1.0 / 87178291200, 1.0 / 1307674368000, 1.0 / 20922789888000,
    ];

    /// <summary>The offset of the polynomial of the row's (x, bin), or −1 when the table does not serve the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Serve(BgNbdSeriesTable table, double x, double z) =>
        x < BgNbdSeriesTable.FrequencyLimit && z <= BgNbdSeriesTable.MaxZ ? table.Entry((int)x, (int)(z * BgNbdSeriesTable.Bins)) : -1;

    /// <summary>E[X(t)] for one row: the table's polynomial when it serves the row, else the per-row series (through the memo when there is one).</summary>
    private static double Row(BgNbdSeriesTable table, double x, double age, double z, double head, double power, double r, double alpha, double a, double b,
        double t, BgNbdPairMemo? memo, ref int hits, ref int lookups)
    {
        int entry = Serve(table, x, z);
        if (entry >= 0)
        {
            ref double f = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Coefficients), entry);
            double h = z - Unsafe.Add(ref f, BgNbdSeriesTable.MaxTerms), g = 0;
            for (int j = table.Terms - 1; j >= 0; j--)
            {
                g = Math.FusedMultiplyAdd(g, h, Unsafe.Add(ref f, j));
            }

            return (((a - 1) + (b + x)) * head) - (power * g);
        }

        if (memo is null)
        {
            return BgNbdModel.Expected(r + x, alpha + age, a, b + x, t);
        }

        lookups++;
        ref double slot = ref memo.GetOrAdd(x, age, out bool exists);
        if (exists)
        {
            hits++;
        }
        else
        {
            slot = BgNbdModel.Expected(r + x, alpha + age, a, b + x, t);
        }

        return slot;
    }

    /// <summary>
    /// Per row, from T alone: z = t/(α + T + t), head = −expm1((a − 1)L)/(a − 1) (−L when a = 1) and (1 − z)^(a−1) = e^((a−1)L),
    /// L = −log1p(t/(α + T)), with <see cref="ModelMath"/>'s log1p and expm1 (Kahan's forms) lanes at a time on
    /// <paramref name="path"/> (the vector Log and Exp; within a few ulp of the scalar ones), the rest as in
    /// <see cref="BgNbdModel.Expected"/>.
    /// </summary>
    internal static void Prelude(VectorPath path, double alpha, double t, double am1, ReadOnlySpan<double> age, Span<double> z, Span<double> head, Span<double> power)
    {
        int done = path switch
        {
            VectorPath.Vector512 => Prelude<Vector512<double>, Vector512Math>(alpha, t, am1, age, z, head, power),
            VectorPath.Vector256 => Prelude<Vector256<double>, Vector256Math>(alpha, t, am1, age, z, head, power),
            VectorPath.Vector128 => Prelude<Vector128<double>, Vector128Math>(alpha, t, am1, age, z, head, power),
            _ => 0,
        };

        for (int i = done; i < age.Length; i++)
        {
            double alphaT = alpha + age[i];
            z[i] = t / (alphaT + t);
            double lnOneMinusZ = -ModelMath.Log1P(t / alphaT);
            head[i] = am1 == 0 ? -lnOneMinusZ : -ModelMath.ExpM1(am1 * lnOneMinusZ) / am1;
            power[i] = Math.Exp(am1 * lnOneMinusZ);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Prelude<TVector, TOps>(double alpha, double t, double am1, ReadOnlySpan<double> age, Span<double> z, Span<double> head, Span<double> power)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double zRef = ref MemoryMarshal.GetReference(z);
        ref double headRef = ref MemoryMarshal.GetReference(head);
        ref double powerRef = ref MemoryMarshal.GetReference(power);
        TVector va = TOps.Create(alpha), vt = TOps.Create(t), one = TOps.Create(1), minusOne = TOps.Create(-1), vam1 = TOps.Create(am1);
        TVector half = TOps.Create(0.5), minusReciprocal = TOps.Create(-1 / am1);
        bool unit = am1 == 0;
        for (; i <= age.Length - width; i += width)
        {
            // v = t/(α + T), u = 1 + v, z = v/u, log1p(v) = ln u − ((u − 1) − v)/u: two divisions.
            TVector v = TOps.Multiply(vt, TOps.Divide(one, TOps.Add(va, TOps.Load(ref tRef, (nuint)i))));
            TVector u = TOps.Add(one, v);
            TVector reciprocal = TOps.Divide(one, u);
            TOps.Store(TOps.Multiply(v, reciprocal), ref zRef, (nuint)i);
            TVector lnOneMinusZ = TOps.Subtract(TOps.Multiply(TOps.Subtract(TOps.Subtract(u, one), v), reciprocal), TOps.Log(u));
            if (unit)
            {
                TOps.Store(TOps.Subtract(TOps.Zero, lnOneMinusZ), ref headRef, (nuint)i);
                TOps.Store(one, ref powerRef, (nuint)i);
                continue;
            }

            TVector y = TOps.Multiply(vam1, lnOneMinusZ), expm1, ey;
            if (TOps.Sum(TOps.ConditionalSelect(TOps.GreaterThanOrEqual(half, TOps.Abs(y)), TOps.Zero, one)) == 0)
            {
                // |y| ≤ ½: the Taylor polynomial of expm1 (16 terms, remainder below 1e-18 relative), e^y = 1 + expm1(y).
                TVector sum = TOps.Create(ExpM1Coefficients[^1]);
                for (int k = ExpM1Coefficients.Length - 2; k >= 0; k--)
                {
                    sum = TOps.Add(TOps.Create(ExpM1Coefficients[k]), TOps.Multiply(sum, y));
                }

                expm1 = TOps.Multiply(sum, y);
                ey = TOps.Add(one, expm1);
            }
            else
            {
                // expm1(y) = (e^y − 1)·y/ln(e^y) (y when e^y = 1, −1 when e^y − 1 = −1); a > 0 and z ≤ 1: y < ln 10, no overflow.
                ey = TOps.Exp(y);
                TVector eym1 = TOps.Subtract(ey, one);
                expm1 = TOps.ConditionalSelect(TOps.Equal(ey, one), y,
                    TOps.ConditionalSelect(TOps.Equal(eym1, minusOne), minusOne, TOps.Divide(TOps.Multiply(eym1, y), TOps.Log(ey))));
            }

            TOps.Store(TOps.Multiply(expm1, minusReciprocal), ref headRef, (nuint)i);
            TOps.Store(ey, ref powerRef, (nuint)i);
        }

        return i;
    }
}
