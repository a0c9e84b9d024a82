using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// Baseline: a copy of the batch prediction path of main b192789 (<c>BgNbdPredictionKernel.Batch</c> and
/// <c>BgNbdPairMemo</c> as they were): ForkJoin parts, then per part a validation pass, the vector P(alive) pass, and a
/// second pass multiplying by E[X(t)] from a per-thread (x, T) memo (fmix64 hash, four parallel arrays).
/// </summary>
internal static class PreviousBgNbdPrediction
{
    /// <summary>Fewest customers per part of a parallel batch (below twice this, one thread does all).</summary>
    internal const int MinPartLength = BgNbdPredictionKernel.MinPartLength;

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

    /// <summary>One part of <see cref="Batch"/>: rows [offset, offset + length) of the caller's input.</summary>
    private static void BatchPart(in BgNbdModel model, double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, Span<double> destination, int offset, VectorPath path)
    {
        for (int i = 0; i < frequency.Length; i++)
        {
            BgNbdLikelihood.ValidateRow(frequency[i], recency[i], age[i], offset + i);
        }

        BgNbdPredictionKernel.Alive(model, frequency, recency, age, destination, path);
        if (double.IsNaN(t))
        {
            return;
        }

        if (t == 0)
        {
            destination.Clear();
            return;
        }

        // E[Y(t) | x, tₓ, T] = P(alive) · E[X(t)] at (r + x, α + T, a, b + x): the hypergeometric part depends on (x, T)
        // only, so it is computed once per distinct pair (customers of a cohort share T).
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        PreviousPairMemo? memo = frequency.Length > 64 ? PreviousPairMemo.RentForThread() : null;
        for (int i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], ageI = age[i];
            double expected;
            if (memo is null)
            {
                expected = BgNbdModel.Expected(r + x, alpha + ageI, a, b + x, t);
            }
            else
            {
                ref double slot = ref memo.GetOrAdd(x, ageI, out bool exists);
                if (!exists)
                {
                    slot = BgNbdModel.Expected(r + x, alpha + ageI, a, b + x, t);
                }

                expected = slot;
            }

            destination[i] *= expected;
        }
    }
}

