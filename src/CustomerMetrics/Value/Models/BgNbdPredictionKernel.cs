using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Vectorised BG/NBD P(alive) (Fader, Hardie &amp; Lee 2005, eq. 11) for many customers: one generic body over
/// <see cref="IVectorMath{TVector}"/> (Vector512, Vector256 or Vector128), the scalar tail being <see cref="BgNbdModel"/>'s own formula. Rows must be validated first.
/// </summary>
internal static partial class BgNbdPredictionKernel
{
    /// <summary>Fewest customers per part of a parallel batch (below twice this, one thread does all).</summary>
    internal const int MinPartLength = 1 << 15;

    /// <summary>
    /// Validates every row, then writes P(alive) (<paramref name="t"/> NaN) or E[Y(t) | x, tₓ, T] per customer. Inputs of at
    /// least 2·<see cref="MinPartLength"/> rows are halved (up to <see cref="ForkJoin.MaxDepth"/> levels, one part per core)
    /// and the halves run through <see cref="ForkJoin"/>: no allocation once each thread's memo exists. Every output element
    /// is a pure function of its row (the per-part memo of E[X(t)] at (x, T) stores values, not state), so the result is
    /// the same for any number of parts. A bad row throws as a sequential pass would: the first bad row of the first part
    /// that has one, named by its index in the whole input. With <c>series</c>, E[X(t)] for a finite horizon comes from
    /// <see cref="BgNbdSeriesTable"/> (within 1e-13 of the per-row series; rows it does not serve, and inputs of at most 64
    /// rows, keep the per-row series and the memo); without, every row takes the per-row series (the previous path,
    /// bit-identical to <see cref="BgNbdModel.Expected"/>).
    /// </summary>
    public static unsafe void Batch(BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, VectorPath path, int maxParts = int.MaxValue, bool series = false)
    {
        int n = frequency.Length;
        int depth = 0;
        while (depth < ForkJoin.MaxDepth && (2 << depth) <= maxParts && (long)n >> (depth + 1) >= MinPartLength)
        {
            depth++;
        }

        if (depth == 0)
        {
            BatchPart(model, t, frequency, recency, age, destination, 0, path, series);
            return;
        }

        fixed (double* px = frequency, ptx = recency, pt = age, pd = destination)
        {
            var root = new Part
            {
                Frequency = px,
                Recency = ptx,
                Age = pt,
                Destination = pd,
                Offset = 0,
                Length = n,
                ForkDepth = depth,
                R = model.R,
                Alpha = model.Alpha,
                A = model.A,
                B = model.B,
                T = t,
                Path = path,
                Series = series,
            };
            Run(&root);
        }
    }

    /// <summary>Rows [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Length"/>) of the pinned inputs.</summary>
    private unsafe struct Part
    {
        public double* Frequency, Recency, Age, Destination;
        public int Offset, Length, ForkDepth;
        public double R, Alpha, A, B, T;
        public VectorPath Path;
        public bool Series;
    }

    private static unsafe void Run(void* state)
    {
        var part = (Part*)state;
        if (part->ForkDepth > 0)
        {
            int half = part->Length / 2;
            Part left = *part, right = *part;
            left.Length = half;
            left.ForkDepth--;
            right.Offset += half;
            right.Length -= half;
            right.ForkDepth--;
            ForkJoin.Invoke(&Run, &left, &right);
            return;
        }

        int offset = part->Offset, length = part->Length;
        BatchPart(new BgNbdModel(part->R, part->Alpha, part->A, part->B), part->T, new ReadOnlySpan<double>(part->Frequency + offset, length),
            new ReadOnlySpan<double>(part->Recency + offset, length), new ReadOnlySpan<double>(part->Age + offset, length),
            new Span<double>(part->Destination + offset, length), offset, part->Path, part->Series);
    }

    /// <summary>Rows per block of <see cref="BatchPart"/> (a multiple of every vector width): a block's inputs and output stay in L1.</summary>
    internal const int BlockLength = 1024;

    /// <summary>
    /// Memo lookups after which a part that found fewer than a sixteenth of its pairs again stops using the memo (a lookup
    /// costs about a twentieth of computing E[X(t)], so below that hit rate the memo only costs; the rate only grows as
    /// the memo fills, so a part with pairs repeated often enough keeps it). The decision is taken at a block's end.
    /// </summary>
    internal const int MemoProbeLength = 8192;

    /// <summary>Frequencies below this take ln(a/(b + x − 1)) from a table computed once per part.</summary>
    internal const int LnOddsLength = 256;

    /// <summary>
    /// One part of <see cref="Batch"/>: rows [offset, offset + length) of the caller's input, in blocks of
    /// <see cref="BlockLength"/> rows, each validated, then P(alive) (the vector kernel; block starts are multiples of the
    /// vector width, so every row takes the lane or the scalar tail it took in one pass over the part), then, for a
    /// horizon, multiplied by E[X(t)] at (r + x, α + T, a, b + x) from the memo: one pass over memory instead of three.
    /// </summary>
    private static void BatchPart(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, int offset, VectorPath path, bool series)
    {
        int n = frequency.Length;
        if (double.IsPositiveInfinity(t) && !(model.A > 1) && n > 0)
        {
            // The lifetime expectation does not exist: every row is checked first (a bad row is reported before this), as before.
            for (int i = 0; i < n; i++)
            {
                BgNbdLikelihood.ValidateRow(frequency[i], recency[i], age[i], offset + i);
            }

            BgNbdModel.Expected(model.R, model.Alpha, model.A, model.B, t);
        }

        VectorPath resolved = VectorPaths.Resolve(path);
        Span<double> lnOdds = stackalloc double[LnOddsLength];
        Span<double> lnTerm = stackalloc double[BlockLength];
        bool table = FillLnOdds(resolved, model.A, model.B, lnOdds);
        bool horizon = !double.IsNaN(t) && t != 0;
        BgNbdPairMemo? memo = horizon && n > 64 ? BgNbdPairMemo.RentForThread() : null;
        BgNbdSeriesTable? seriesTable = series && horizon && double.IsFinite(t) && n > 64 ? BgNbdSeriesTable.RentForThread(model.R, model.A, model.B) : null;
        Span<double> seriesScratch = seriesTable is null ? default : stackalloc double[BlockLength];
        int lookups = 0, hits = 0;
        for (int start = 0; start < n; start += BlockLength)
        {
            int length = Math.Min(BlockLength, n - start);
            ReadOnlySpan<double> x = frequency.Slice(start, length), ageBlock = age.Slice(start, length);
            Span<double> d = destination.Slice(start, length);
            double maxX = CheckBlock(x, recency.Slice(start, length), ageBlock, offset + start, resolved);

            if (t == 0)
            {
                d.Clear();
                continue;
            }

            if (table && maxX < LnOddsLength)
            {
                AliveFromTable(model, resolved, x, recency.Slice(start, length), ageBlock, d, lnOdds, lnTerm[..length]);
            }
            else
            {
                Alive(model, x, recency.Slice(start, length), ageBlock, d, resolved);
            }
            if (!horizon)
            {
                continue;
            }

            // E[Y(t) | x, tₓ, T] = P(alive) · E[X(t)] at (r + x, α + T, a, b + x): the hypergeometric part depends on (x, T)
            // only, so it is computed once per distinct pair (customers of a cohort share T), unless the pairs turn out
            // to be (nearly) all distinct (continuous T), where the memo would only cost.
            if (memo is not null && lookups >= MemoProbeLength && hits < lookups / 16)
            {
                memo = null;
            }

            if (seriesTable is not null)
            {
                hits += MultiplyExpected(model, t, x, ageBlock, d, seriesTable, memo, resolved, seriesScratch, ref lookups);
            }
            else if (memo is null)
            {
                MultiplyExpected(model, t, x, ageBlock, d);
            }
            else
            {
                hits += MultiplyExpected(model, t, x, ageBlock, d, memo);
                lookups += length;
            }
        }
    }

    /// <summary>
    /// Checks a block's rows for <see cref="BgNbdLikelihood.ValidateRow(double, double, double, int)"/>'s conditions, lanes
    /// at a time on <paramref name="path"/> (whole x: x ≥ 2⁵² or (x + 2⁵²) − 2⁵² = x); if any row fails, the block is
    /// rechecked row by row so the first bad one throws with its index (<paramref name="offset"/> + its position) and the
    /// same message as before. Returns the largest x.
    /// </summary>
    internal static double CheckBlock(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, int offset, VectorPath path)
    {
        double maxX = 0;
        int done = path switch
        {
            VectorPath.Vector512 => CheckBlock<Vector512<double>, Vector512Math>(frequency, recency, age, ref maxX),
            VectorPath.Vector256 => CheckBlock<Vector256<double>, Vector256Math>(frequency, recency, age, ref maxX),
            VectorPath.Vector128 => CheckBlock<Vector128<double>, Vector128Math>(frequency, recency, age, ref maxX),
            _ => 0,
        };

        if (done < 0)
        {
            done = 0;
            maxX = 0;
        }

        for (int i = done; i < frequency.Length; i++)
        {
            BgNbdLikelihood.ValidateRow(frequency[i], recency[i], age[i], offset + i);
            maxX = Math.Max(maxX, frequency[i]);
        }

        return maxX;
    }

    /// <returns>Rows checked (a multiple of the width), or −1 when one of them is bad.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CheckBlock<TVector, TOps>(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ref double maxX)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        TVector zero = TOps.Zero, one = TOps.Create(1), two52 = TOps.Create(4503599627370496.0), largest = TOps.Create(double.MaxValue);
        TVector bad = zero, max = zero;
        for (; i <= frequency.Length - width; i += width)
        {
            TVector x = TOps.Load(ref xRef, (nuint)i), tx = TOps.Load(ref txRef, (nuint)i), t = TOps.Load(ref tRef, (nuint)i);

            // Each test is a lane mask (all ones = true); "a and b" is select(a, b, 0). NaN fails every comparison.
            TVector whole = TOps.ConditionalSelect(TOps.GreaterThanOrEqual(x, two52), TOps.GreaterThanOrEqual(x, two52),
                TOps.Equal(TOps.Subtract(TOps.Add(x, two52), two52), x));
            TVector ok = TOps.ConditionalSelect(TOps.GreaterThanOrEqual(x, zero), whole, zero);
            ok = TOps.ConditionalSelect(ok, TOps.GreaterThanOrEqual(largest, x), zero);
            ok = TOps.ConditionalSelect(ok, TOps.GreaterThanOrEqual(t, zero), zero);
            ok = TOps.ConditionalSelect(ok, TOps.GreaterThanOrEqual(largest, t), zero);
            ok = TOps.ConditionalSelect(ok, TOps.ConditionalSelect(TOps.Equal(t, zero), TOps.Equal(x, zero), ok), zero);
            ok = TOps.ConditionalSelect(ok, TOps.GreaterThanOrEqual(tx, zero), zero);
            ok = TOps.ConditionalSelect(ok, TOps.GreaterThanOrEqual(t, tx), zero);
            bad = TOps.Add(bad, TOps.ConditionalSelect(ok, zero, one));
            max = TOps.Max(max, x);
        }

        if (TOps.Sum(bad) != 0)
        {
            return -1;
        }

        Span<double> lanes = stackalloc double[width];
        TOps.Store(max, ref MemoryMarshal.GetReference(lanes), 0);
        foreach (double lane in lanes)
        {
            maxX = Math.Max(maxX, lane);
        }

        return i;
    }

    private static void MultiplyExpected(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> age, Span<double> destination)
    {
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        for (int i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i];
            destination[i] *= BgNbdModel.Expected(r + x, alpha + age[i], a, b + x, t);
        }
    }

    /// <returns>How many rows found their pair in the memo.</returns>
    private static int MultiplyExpected(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> age, Span<double> destination,
        BgNbdPairMemo memo)
    {
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        int hits = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            destination[i] *= Memoised(memo, frequency[i], age[i], r, alpha, a, b, t, ref hits);
        }

        return hits;
    }

    /// <summary>E[X(t)] at (r + x, α + T, a, b + x) from the memo, computed and stored when the pair is new (a hit counted).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Memoised(BgNbdPairMemo memo, double x, double age, double r, double alpha, double a, double b, double t, ref int hits)
    {
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Alive(in BgNbdModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, VectorPath path)
    {
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        int done = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Alive<Vector512<double>, Vector512Math>(frequency, recency, age, destination, r, alpha, a, b),
            VectorPath.Vector256 => Alive<Vector256<double>, Vector256Math>(frequency, recency, age, destination, r, alpha, a, b),
            VectorPath.Vector128 => Alive<Vector128<double>, Vector128Math>(frequency, recency, age, destination, r, alpha, a, b),
            _ => 0,
        };

        for (int i = done; i < frequency.Length; i++)
        {
            destination[i] = model.Alive(frequency[i], recency[i], age[i]);
        }
    }

    private static int Alive<TVector, TOps>(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, double r, double alpha, double a, double b)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
        => AliveLanes<TVector, TOps, ComputedLnOdds<TVector, TOps>>(frequency, recency, age, destination, r, alpha,
            new ComputedLnOdds<TVector, TOps>(a, b));

    /// <summary>
    /// P(alive) lanes at a time: 1 / (1 + exp(ln-odds + (r + x) ln((α + T)/(α + tₓ)))), 1 where x = 0; the ln-odds term
    /// ln(a/(b + x − 1)) comes from <typeparamref name="TLnOdds"/> (computed per lane or read from a per-part table with
    /// the same bits). Returns the rows done; the caller finishes the tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AliveLanes<TVector, TOps, TLnOdds>(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, double r, double alpha, TLnOdds lnOdds)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
        where TLnOdds : ILnOdds<TVector>, allows ref struct
    {
        int width = TOps.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        TVector va = TOps.Create(alpha), vr = TOps.Create(r), one = TOps.Create(1);
        for (; i <= frequency.Length - width; i += width)
        {
            TVector x = TOps.Load(ref xRef, (nuint)i);
            TVector lnRatio = TOps.Subtract(TOps.Log(TOps.Add(va, TOps.Load(ref tRef, (nuint)i))), TOps.Log(TOps.Add(va, TOps.Load(ref txRef, (nuint)i))));
            TVector u = TOps.Add(lnOdds.At(x, (nuint)i), TOps.Multiply(TOps.Add(vr, x), lnRatio));
            TVector alive = TOps.Divide(one, TOps.Add(one, TOps.Exp(u)));
            TOps.Store(TOps.ConditionalSelect(TOps.Equal(x, TOps.Zero), one, alive), ref dRef, (nuint)i);
        }

        return i;
    }

    /// <summary>
    /// Fills <paramref name="table"/>[x] = ln(a/(b + (x − 1))) for x = 0, 1, … with the vector kernel's own operations on
    /// <paramref name="path"/> (lane-wise, so each entry has the bits the kernel computes for a row with that x); false
    /// (nothing filled) on the scalar path.
    /// </summary>
    internal static bool FillLnOdds(VectorPath path, double a, double b, Span<double> table) => path switch
    {
        VectorPath.Vector512 => FillLnOdds<Vector512<double>, Vector512Math>(a, b, table),
        VectorPath.Vector256 => FillLnOdds<Vector256<double>, Vector256Math>(a, b, table),
        VectorPath.Vector128 => FillLnOdds<Vector128<double>, Vector128Math>(a, b, table),
        _ => false,
    };

    private static bool FillLnOdds<TVector, TOps>(double a, double b, Span<double> table)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        Span<double> frequencies = stackalloc double[width];
        ref double fRef = ref MemoryMarshal.GetReference(frequencies);
        ref double tableRef = ref MemoryMarshal.GetReference(table);
        var lnOdds = new ComputedLnOdds<TVector, TOps>(a, b);
        for (int i = 0; i <= table.Length - width; i += width)
        {
            for (int j = 0; j < width; j++)
            {
                frequencies[j] = i + j;
            }

            TOps.Store(lnOdds.At(TOps.Load(ref fRef, 0), 0), ref tableRef, (nuint)i);
        }

        return true;
    }

    /// <summary>
    /// <see cref="Alive(in BgNbdModel, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, VectorPath)"/>
    /// for rows whose x is below <see cref="LnOddsLength"/>, ln(a/(b + x − 1)) read from <paramref name="lnOdds"/> (filled
    /// by <see cref="FillLnOdds"/> on the same path) instead of a division and a logarithm per row: bit-identical.
    /// </summary>
    internal static void AliveFromTable(in BgNbdModel model, VectorPath resolved, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, ReadOnlySpan<double> lnOdds, Span<double> lnTerm)
    {
        for (int i = 0; i < frequency.Length; i++)
        {
            lnTerm[i] = lnOdds[(int)frequency[i]];
        }

        double r = model.R, alpha = model.Alpha;
        int done = resolved switch
        {
            VectorPath.Vector512 => AliveFromTable<Vector512<double>, Vector512Math>(frequency, recency, age, lnTerm, destination, r, alpha),
            VectorPath.Vector256 => AliveFromTable<Vector256<double>, Vector256Math>(frequency, recency, age, lnTerm, destination, r, alpha),
            VectorPath.Vector128 => AliveFromTable<Vector128<double>, Vector128Math>(frequency, recency, age, lnTerm, destination, r, alpha),
            _ => 0,
        };

        for (int i = done; i < frequency.Length; i++)
        {
            destination[i] = model.Alive(frequency[i], recency[i], age[i]);
        }
    }

    private static int AliveFromTable<TVector, TOps>(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> lnTerm, Span<double> destination, double r, double alpha)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
        => AliveLanes<TVector, TOps, TableLnOdds<TVector, TOps>>(frequency, recency, age, destination, r, alpha,
            new TableLnOdds<TVector, TOps>(lnTerm));

    /// <summary>Where a lane's ln(a/(b + x − 1)) comes from.</summary>
    private interface ILnOdds<TVector>
        where TVector : unmanaged
    {
        /// <summary>The term for the lanes <paramref name="x"/>, rows <paramref name="i"/> onwards.</summary>
        TVector At(TVector x, nuint i);
    }

    /// <summary>Computed per lane: ln(a/(b + (x − 1))); b + (x − 1), not (b − 1) + x, so b below 1e-16 does not vanish.</summary>
    private readonly struct ComputedLnOdds<TVector, TOps>(double a, double b) : ILnOdds<TVector>
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        private readonly TVector _a = TOps.Create(a), _b = TOps.Create(b), _one = TOps.Create(1);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector At(TVector x, nuint i) => TOps.Log(TOps.Divide(_a, TOps.Add(_b, TOps.Subtract(x, _one))));
    }

    /// <summary>Read from a per-row copy of the per-part table that <see cref="FillLnOdds"/> filled with <see cref="ComputedLnOdds{TVector, TOps}"/>.</summary>
    private readonly ref struct TableLnOdds<TVector, TOps>(ReadOnlySpan<double> terms) : ILnOdds<TVector>
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        private readonly ref readonly double _terms = ref MemoryMarshal.GetReference(terms);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector At(TVector x, nuint i) => TOps.Load(ref Unsafe.AsRef(in _terms), i);
    }
}
