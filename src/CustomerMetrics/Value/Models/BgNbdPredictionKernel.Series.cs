using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>E[X(t)] at (r + x, α + T, a, b + x) for a block of rows through <see cref="BgNbdSeriesTable"/>.</summary>
internal static partial class BgNbdPredictionKernel
{
    /// <summary>
    /// Multiplies each row of a block by E[X(t)] at (r + x, α + T, a, b + x), a function of x and z = t/(α + T + t)
    /// alone: z lanes at a time (the per-row division, same bits), then a Horner chain over the polynomial of (x, z's bin)
    /// from <paramref name="table"/>, eight rows at a time (independent chains hide the latency of the fused multiply-adds).
    /// Rows the table does not serve take the per-row series, through <paramref name="memo"/> when there is one (counted
    /// in <paramref name="lookups"/>).
    /// </summary>
    /// <returns>How many rows found their pair in the memo.</returns>
    private static int MultiplyExpected(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> age, Span<double> destination,
        BgNbdSeriesTable table, BgNbdPairMemo? memo, VectorPath resolved, Span<double> scratch, ref int lookups)
    {
        int n = frequency.Length;
        Span<double> zs = scratch[..n];
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        Horizons(resolved, alpha, t, age, zs);

        int hits = 0, i = 0;
        const int CentreAt = BgNbdSeriesTable.MaxTerms;   // z₀ follows the coefficients
        for (; i <= n - 8; i += 8)
        {
            int e0 = Serve(table, frequency[i], zs[i]), e1 = Serve(table, frequency[i + 1], zs[i + 1]);
            int e2 = Serve(table, frequency[i + 2], zs[i + 2]), e3 = Serve(table, frequency[i + 3], zs[i + 3]);
            int e4 = Serve(table, frequency[i + 4], zs[i + 4]), e5 = Serve(table, frequency[i + 5], zs[i + 5]);
            int e6 = Serve(table, frequency[i + 6], zs[i + 6]), e7 = Serve(table, frequency[i + 7], zs[i + 7]);
            if ((e0 | e1 | e2 | e3 | e4 | e5 | e6 | e7) < 0)
            {
                for (int k = i; k < i + 8; k++)
                {
                    destination[k] *= Row(table, frequency[k], age[k], zs[k], r, alpha, a, b, t, memo, ref hits, ref lookups);
                }

                continue;
            }

            ref double f = ref MemoryMarshal.GetArrayDataReference(table.Coefficients);
            ref double f0 = ref Unsafe.Add(ref f, e0), f1 = ref Unsafe.Add(ref f, e1), f2 = ref Unsafe.Add(ref f, e2), f3 = ref Unsafe.Add(ref f, e3);
            ref double f4 = ref Unsafe.Add(ref f, e4), f5 = ref Unsafe.Add(ref f, e5), f6 = ref Unsafe.Add(ref f, e6), f7 = ref Unsafe.Add(ref f, e7);
            double h0 = zs[i] - Unsafe.Add(ref f0, CentreAt), h1 = zs[i + 1] - Unsafe.Add(ref f1, CentreAt);
            double h2 = zs[i + 2] - Unsafe.Add(ref f2, CentreAt), h3 = zs[i + 3] - Unsafe.Add(ref f3, CentreAt);
            double h4 = zs[i + 4] - Unsafe.Add(ref f4, CentreAt), h5 = zs[i + 5] - Unsafe.Add(ref f5, CentreAt);
            double h6 = zs[i + 6] - Unsafe.Add(ref f6, CentreAt), h7 = zs[i + 7] - Unsafe.Add(ref f7, CentreAt);
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0;
            for (int j = table.Terms - 1; j >= 0; j--)
            {
                g0 = Math.FusedMultiplyAdd(g0, h0, Unsafe.Add(ref f0, j));
                g1 = Math.FusedMultiplyAdd(g1, h1, Unsafe.Add(ref f1, j));
                g2 = Math.FusedMultiplyAdd(g2, h2, Unsafe.Add(ref f2, j));
                g3 = Math.FusedMultiplyAdd(g3, h3, Unsafe.Add(ref f3, j));
                g4 = Math.FusedMultiplyAdd(g4, h4, Unsafe.Add(ref f4, j));
                g5 = Math.FusedMultiplyAdd(g5, h5, Unsafe.Add(ref f5, j));
                g6 = Math.FusedMultiplyAdd(g6, h6, Unsafe.Add(ref f6, j));
                g7 = Math.FusedMultiplyAdd(g7, h7, Unsafe.Add(ref f7, j));
            }

            destination[i] *= g0;
            destination[i + 1] *= g1;
            destination[i + 2] *= g2;
            destination[i + 3] *= g3;
            destination[i + 4] *= g4;
            destination[i + 5] *= g5;
            destination[i + 6] *= g6;
            destination[i + 7] *= g7;
        }

        for (; i < n; i++)
        {
            destination[i] *= Row(table, frequency[i], age[i], zs[i], r, alpha, a, b, t, memo, ref hits, ref lookups);
        }

        return hits;
    }

    /// <summary>The offset of the polynomial of the row's (x, bin), or −1 when the table does not serve the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Serve(BgNbdSeriesTable table, double x, double z) =>
        x < BgNbdSeriesTable.FrequencyLimit && z <= BgNbdSeriesTable.MaxZ ? table.Entry((int)x, (int)(z * BgNbdSeriesTable.Bins)) : -1;

    /// <summary>E[X(t)] for one row: the table's polynomial when it serves the row, else the per-row series (through the memo when there is one).</summary>
    private static double Row(BgNbdSeriesTable table, double x, double age, double z, double r, double alpha, double a, double b,
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

            return g;
        }

        if (memo is null)
        {
            return BgNbdModel.Expected(r + x, alpha + age, a, b + x, t);
        }

        lookups++;
        return Memoised(memo, x, age, r, alpha, a, b, t, ref hits);
    }

    /// <summary>z = t/((α + T) + t) per row, lanes at a time on <paramref name="path"/> (the same operations as <see cref="BgNbdModel.Expected"/>: the same bits).</summary>
    internal static void Horizons(VectorPath path, double alpha, double t, ReadOnlySpan<double> age, Span<double> z)
    {
        int done = path switch
        {
            VectorPath.Vector512 => Horizons<Vector512<double>, Vector512Math>(alpha, t, age, z),
            VectorPath.Vector256 => Horizons<Vector256<double>, Vector256Math>(alpha, t, age, z),
            VectorPath.Vector128 => Horizons<Vector128<double>, Vector128Math>(alpha, t, age, z),
            _ => 0,
        };

        for (int i = done; i < age.Length; i++)
        {
            z[i] = t / (alpha + age[i] + t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Horizons<TVector, TOps>(double alpha, double t, ReadOnlySpan<double> age, Span<double> z)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double zRef = ref MemoryMarshal.GetReference(z);
        TVector va = TOps.Create(alpha), vt = TOps.Create(t);
        for (; i <= age.Length - width; i += width)
        {
            TOps.Store(TOps.Divide(vt, TOps.Add(TOps.Add(va, TOps.Load(ref tRef, (nuint)i)), vt)), ref zRef, (nuint)i);
        }

        return i;
    }
}
