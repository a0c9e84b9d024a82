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
internal static class BgNbdPredictionKernel
{
    /// <summary>Fewest customers per part of a parallel batch (below twice this, one thread does all).</summary>
    internal const int MinPartLength = 1 << 15;

    /// <summary>
    /// Validates every row, then writes P(alive) (<paramref name="t"/> NaN) or E[Y(t) | x, tₓ, T] per customer. Inputs of at
    /// least 2·<see cref="MinPartLength"/> rows are halved (up to <see cref="ForkJoin.MaxDepth"/> levels, one part per core)
    /// and the halves run through <see cref="ForkJoin"/>: no allocation once each thread's memo exists. Every output element
    /// is a pure function of its row (the per-part memo of E[X(t)] at (x, T) stores values, not state), so the result is
    /// the same for any number of parts. A bad row throws as a sequential pass would: the first bad row of the first part
    /// that has one, named by its index in the whole input.
    /// </summary>
    public static unsafe void Batch(BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, VectorPath path, int maxParts = int.MaxValue)
    {
        int n = frequency.Length;
        int depth = 0;
        while (depth < ForkJoin.MaxDepth && (2 << depth) <= maxParts && (long)n >> (depth + 1) >= MinPartLength)
        {
            depth++;
        }

        if (depth == 0)
        {
            BatchPart(model, t, frequency, recency, age, destination, 0, path);
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
            new Span<double>(part->Destination + offset, length), offset, part->Path);
    }

    /// <summary>Rows per block of <see cref="BatchPart"/> (a multiple of every vector width): a block's inputs and output stay in L1.</summary>
    internal const int BlockLength = 1024;

    /// <summary>Memo lookups after which a part that found fewer than a quarter of its pairs again stops using the memo.</summary>
    internal const int MemoProbeLength = 8192;

    /// <summary>
    /// One part of <see cref="Batch"/>: rows [offset, offset + length) of the caller's input, in blocks of
    /// <see cref="BlockLength"/> rows, each validated, then P(alive) (the vector kernel; block starts are multiples of the
    /// vector width, so every row takes the lane or the scalar tail it took in one pass over the part), then, for a
    /// horizon, multiplied by E[X(t)] at (r + x, α + T, a, b + x) from the memo: one pass over memory instead of three.
    /// </summary>
    private static void BatchPart(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, int offset, VectorPath path)
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

        bool horizon = !double.IsNaN(t) && t != 0;
        BgNbdPairMemo? memo = horizon && n > 64 ? BgNbdPairMemo.RentForThread() : null;
        int lookups = 0, hits = 0;
        for (int start = 0; start < n; start += BlockLength)
        {
            int length = Math.Min(BlockLength, n - start);
            ReadOnlySpan<double> x = frequency.Slice(start, length), ageBlock = age.Slice(start, length);
            Span<double> d = destination.Slice(start, length);
            for (int i = 0; i < length; i++)
            {
                BgNbdLikelihood.ValidateRow(x[i], recency[start + i], ageBlock[i], offset + start + i);
            }

            if (t == 0)
            {
                d.Clear();
                continue;
            }

            Alive(model, x, recency.Slice(start, length), ageBlock, d, path);
            if (!horizon)
            {
                continue;
            }

            // E[Y(t) | x, tₓ, T] = P(alive) · E[X(t)] at (r + x, α + T, a, b + x): the hypergeometric part depends on (x, T)
            // only, so it is computed once per distinct pair (customers of a cohort share T), unless the pairs turn out
            // to be (nearly) all distinct (continuous T), where the memo would only cost.
            if (memo is not null && lookups >= MemoProbeLength && hits < lookups / 4)
            {
                memo = null;
            }

            if (memo is null)
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
            double x = frequency[i], ageI = age[i];
            ref double slot = ref memo.GetOrAdd(x, ageI, out bool exists);
            if (exists)
            {
                hits++;
            }
            else
            {
                slot = BgNbdModel.Expected(r + x, alpha + ageI, a, b + x, t);
            }

            destination[i] *= slot;
        }

        return hits;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Alive<TVector, TOps>(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, double r, double alpha, double a, double b)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        TVector va = TOps.Create(alpha), vr = TOps.Create(r), vA = TOps.Create(a), vb = TOps.Create(b), one = TOps.Create(1);
        for (; i <= frequency.Length - width; i += width)
        {
            TVector x = TOps.Load(ref xRef, (nuint)i);
            TVector lnRatio = TOps.Subtract(TOps.Log(TOps.Add(va, TOps.Load(ref tRef, (nuint)i))), TOps.Log(TOps.Add(va, TOps.Load(ref txRef, (nuint)i))));

            // b + (x − 1), not (b − 1) + x: b below 1e-16 must not vanish.
            TVector u = TOps.Add(TOps.Log(TOps.Divide(vA, TOps.Add(vb, TOps.Subtract(x, one)))), TOps.Multiply(TOps.Add(vr, x), lnRatio));
            TVector alive = TOps.Divide(one, TOps.Add(one, TOps.Exp(u)));
            TOps.Store(TOps.ConditionalSelect(TOps.Equal(x, TOps.Zero), one, alive), ref dRef, (nuint)i);
        }

        return i;
    }
}
