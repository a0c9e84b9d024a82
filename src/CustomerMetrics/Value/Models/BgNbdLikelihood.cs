using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Validated BG/NBD input regrouped by frequency: customers with the same x are contiguous, so every term that
/// depends only on x (log-gammas, log-betas, digammas) is computed once per distinct x per evaluation and the rest
/// runs through <see cref="BgNbdKernel"/> over fixed chunks of customers in parallel. Allocation: three doubles and one int
/// per customer plus the group and chunk tables, once in the constructor; an evaluation allocates nothing (the chunks
/// run on both cores through <see cref="ForkJoin"/>, whose work items are pooled per thread).
/// </summary>
internal sealed class BgNbdLikelihood
{
    private readonly double[] _age;
    private readonly double[] _recency;
    private readonly double[] _weight;
    private readonly double[] _groupX;
    private readonly int[] _groupStart;
    private readonly double[] _groupWeight;
    private readonly double[] _groupD;      // ln(a/(b + x − 1)) of the current evaluation
    private readonly double[] _groupBx1;    // b + x − 1 of the current evaluation
    private readonly int[] _chunkFirstGroup;
    private readonly double[] _chunkSums;   // ChunkValues partial sums per chunk

    /// <summary>Customers per chunk of the parallel evaluation: fixed, so the sums do not depend on the cores or the scheduling.</summary>
    internal const int ChunkLength = 1 << 15;

    private const int ChunkValues = 5;

    public BgNbdLikelihood(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights)
    {
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, age.Length);
        if (!weights.IsEmpty)
        {
            Guard.SameLength(frequency.Length, weights.Length);
        }

        int n = frequency.Length;
        if (n == 0)
        {
            ThrowHelper.Argument(nameof(frequency), "The BG/NBD model cannot be fitted to no customers.");
        }

        double maxX = 0, totalWeight = 0, repeatWeight = 0;
        for (int i = 0; i < n; i++)
        {
            ValidateRow(frequency, recency, age, i);
            double w = 1;
            if (!weights.IsEmpty)
            {
                w = weights[i];
                if (!(w >= 0) || double.IsPositiveInfinity(w))
                {
                    ThrowHelper.ValueOutOfRange(nameof(weights), i, w, "finite numbers ≥ 0");
                }
            }

            maxX = Math.Max(maxX, frequency[i]);
            totalWeight += w;
            if (frequency[i] > 0)
            {
                repeatWeight += w;
            }
        }

        if (!(totalWeight > 0))
        {
            ThrowHelper.Argument(nameof(weights), "The weights sum to 0: there is no customer to fit.");
        }

        if (!(repeatWeight > 0))
        {
            ModelFitException.ThrowNoRepeatPurchase("BG/NBD", "the purchase rate and dropout are not identified");
        }

        // Regroup by x with a counting sort when x is a small whole number (the usual case: no sort, no search), else
        // through a sorted list of the distinct values.
        int[] groupOf = new int[n];
        double sumX = 0;
        if (maxX <= Math.Max(n, 1 << 16))
        {
            var counts = new int[(int)maxX + 1];
            for (int i = 0; i < n; i++)
            {
                counts[(int)frequency[i]]++;
            }

            int groups = 0;
            foreach (int c in counts)
            {
                groups += c > 0 ? 1 : 0;
            }

            _groupX = new double[groups];
            _groupStart = new int[groups + 1];
            for (int x = 0, g = 0; x < counts.Length; x++)
            {
                if (counts[x] > 0)
                {
                    _groupX[g] = x;
                    _groupStart[g + 1] = _groupStart[g] + counts[x];
                    sumX += (double)x * counts[x];
                    counts[x] = g++; // now the group of x
                }
            }

            for (int i = 0; i < n; i++)
            {
                groupOf[i] = counts[(int)frequency[i]];
            }
        }
        else
        {
            var distinct = frequency.ToArray();
            Array.Sort(distinct);
            int groups = 0;
            for (int i = 0; i < n; i++)
            {
                if (i == 0 || distinct[i] != distinct[i - 1])
                {
                    distinct[groups++] = distinct[i];
                }
            }

            _groupX = distinct[..groups];
            _groupStart = new int[groups + 1];
            for (int i = 0; i < n; i++)
            {
                int g = Array.BinarySearch(_groupX, frequency[i]);
                groupOf[i] = g;
                _groupStart[g + 1]++;
            }

            for (int g = 0; g < groups; g++)
            {
                _groupStart[g + 1] += _groupStart[g];
            }

            sumX = CompensatedSum.Sum(frequency);
        }

        _groupWeight = new double[_groupX.Length];
        _groupD = new double[_groupX.Length];
        _groupBx1 = new double[_groupX.Length];
        _age = new double[n];
        _recency = new double[n];
        _weight = new double[n];
        var next = (int[])_groupStart.Clone();
        for (int i = 0; i < n; i++)
        {
            int g = groupOf[i];
            int j = next[g]++;
            _age[j] = age[i];
            _recency[j] = recency[i];
            _weight[j] = weights.IsEmpty ? 1 : weights[i];
            _groupWeight[g] += _weight[j];
        }

        int chunks = ((n - 1) / ChunkLength) + 1;
        _chunkFirstGroup = new int[chunks];
        _chunkSums = new double[chunks * ChunkValues];
        for (int c = 0, g = 0; c < chunks; c++)
        {
            while (_groupStart[g + 1] <= c * ChunkLength)
            {
                g++;
            }

            _chunkFirstGroup[c] = g;
        }

        TotalWeight = totalWeight;
        MeanFrequency = sumX / n; // whole numbers: the sum is exact below 2⁵³
        MeanAge = CompensatedSum.Sum(_age) / n;
    }

    /// <summary>Customers (rows) in the data.</summary>
    public int Customers => _age.Length;

    /// <summary>
    /// Every <paramref name="stride"/>-th customer of the regrouped order (sorted by x, so the sample is stratified by
    /// frequency) with the same weights, penalty, path and threading, built on first use and kept (about 28 bytes per
    /// sampled customer); null when the sample has no repeat purchase or no weight, so it cannot be fitted.
    /// </summary>
    public BgNbdLikelihood? Subsample(int stride)
    {
        if (_subsampleStride == stride)
        {
            return _subsample;
        }

        int count = ((Customers - 1) / stride) + 1;
        var x = new double[count];
        var tx = new double[count];
        var t = new double[count];
        var w = new double[count];
        for (int k = 0, g = 0; k < count; k++)
        {
            int i = k * stride;
            while (_groupStart[g + 1] <= i)
            {
                g++;
            }

            (x[k], tx[k], t[k], w[k]) = (_groupX[g], _recency[i], _age[i], _weight[i]);
        }

        BgNbdLikelihood? sample = null;
        try
        {
            sample = new BgNbdLikelihood(x, tx, t, w) { Penalty = Penalty, Path = Path, Sequential = Sequential };
        }
        catch (ModelFitException)
        {
            // No repeat purchase in the sample.
        }
        catch (ArgumentException)
        {
            // The sample's weights sum to 0.
        }

        (_subsample, _subsampleStride) = (sample, stride);
        return sample;
    }

    private BgNbdLikelihood? _subsample;
    private int _subsampleStride;

    /// <summary>Σ weights: the number of customers the fit represents.</summary>
    public double TotalWeight { get; }

    public double MeanFrequency { get; }

    public double MeanAge { get; }

    /// <summary>L2 penalty coefficient λ on the log parameters (shrinks each parameter towards 1).</summary>
    public double Penalty { get; init; }

    public VectorPath Path { get; init; }

    /// <summary>Evaluate chunks one after another on the calling thread (the result is the same either way).</summary>
    public bool Sequential { get; init; }

    /// <summary>
    /// The total weighted log-likelihood at (r, α, a, b) = exp(<paramref name="logParameters"/>); writes its gradient
    /// with respect to the log parameters into <paramref name="gradient"/>. Terms of one x are computed once per group;
    /// the per-customer sums run over fixed chunks of <see cref="ChunkLength"/> customers in parallel, and the chunks'
    /// partial sums are added in chunk order, so the result does not depend on the number of cores or the scheduling.
    /// Not safe for concurrent calls on one instance (the chunk sums and group terms are scratch of the instance).
    /// </summary>
    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]);
        double a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
        double lnAlpha = logParameters[1];
        double lnGammaR = SpecialFunctions.GammaLn(r), psiR = SpecialFunctions.DiGamma(r);
        double lnGammaB = SpecialFunctions.GammaLn(b), psiB = SpecialFunctions.DiGamma(b);
        double lnGammaAB = SpecialFunctions.GammaLn(a + b), psiAB = SpecialFunctions.DiGamma(a + b);
        double lnA = Math.Log(a);
        double total = 0, dr = 0, dAlpha = 0, da = 0, db = 0;

        // Terms of each x times the group's weight; the chunks need d and b + x − 1 of each group.
        for (int g = 0; g < _groupX.Length; g++)
        {
            double x = _groupX[g];
            double w = _groupWeight[g];
            if (x == 0)
            {
                total += w * r * lnAlpha;
                dr += w * lnAlpha;
                dAlpha += w * r / alpha;
                continue;
            }

            double rx = r + x;
            double bx1 = b + (x - 1); // x − 1 first: b below 1e-16 must not vanish in (b + x) − 1.
            double lnBetaRatio = SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(a + b + x) - lnGammaB + lnGammaAB;
            double c0 = SpecialFunctions.GammaLn(rx) - lnGammaR + (r * lnAlpha) + lnBetaRatio;
            _groupD[g] = lnA - Math.Log(bx1);
            _groupBx1[g] = bx1;
            double psiABX = SpecialFunctions.DiGamma(a + b + x);
            total += w * c0;
            dr += w * (SpecialFunctions.DiGamma(rx) - psiR + lnAlpha);
            dAlpha += w * r / alpha;
            da += w * (psiAB - psiABX);
            db += w * (SpecialFunctions.DiGamma(b + x) - psiABX - psiB + psiAB);
        }

        int chunks = _chunkFirstGroup.Length;
        RunChunks(r, alpha, a, chunks == 1 || Sequential ? 0 : ForkJoin.MaxDepth);

        for (int c = 0; c < chunks; c++)
        {
            ReadOnlySpan<double> sums = _chunkSums.AsSpan(c * ChunkValues, ChunkValues);
            total += sums[0];
            dr += sums[1];
            dAlpha += sums[2];
            da += sums[3];
            db += sums[4];
        }

        gradient[0] = dr * r;
        gradient[1] = dAlpha * alpha;
        gradient[2] = da * a;
        gradient[3] = db * b;
        return total;
    }

    /// <summary>
    /// Runs every chunk into its slot of the chunk sums: the chunk range is halved <paramref name="forkDepth"/> levels
    /// deep through <see cref="ForkJoin"/> (allocation-free; pinned arrays cross threads as pointers). Each chunk's sums
    /// depend only on the chunk, and the caller adds the slots in chunk order, so the split changes no bit.
    /// </summary>
    private unsafe void RunChunks(double r, double alpha, double a, int forkDepth)
    {
        fixed (double* age = _age, recency = _recency, weight = _weight, groupX = _groupX, groupD = _groupD, groupBx1 = _groupBx1, chunkSums = _chunkSums)
        fixed (int* groupStart = _groupStart, chunkFirstGroup = _chunkFirstGroup)
        {
            var shared = new ChunkData
            {
                Age = age,
                Recency = recency,
                Weight = weight,
                GroupX = groupX,
                GroupD = groupD,
                GroupBx1 = groupBx1,
                ChunkSums = chunkSums,
                GroupStart = groupStart,
                ChunkFirstGroup = chunkFirstGroup,
                Customers = _age.Length,
                Groups = _groupX.Length,
                R = r,
                Alpha = alpha,
                A = a,
                Path = Path,
            };
            var root = new ChunkRange { Data = &shared, From = 0, To = _chunkFirstGroup.Length, ForkDepth = forkDepth };
            Chunks(&root);
        }
    }

    /// <summary>The pinned arrays and parameters of one evaluation, shared by the chunk ranges.</summary>
    private unsafe struct ChunkData
    {
        public double* Age, Recency, Weight, GroupX, GroupD, GroupBx1, ChunkSums;
        public int* GroupStart, ChunkFirstGroup;
        public int Customers, Groups;
        public double R, Alpha, A;
        public VectorPath Path;
    }

    /// <summary>Chunks [<see cref="From"/>, <see cref="To"/>) of one evaluation.</summary>
    private unsafe struct ChunkRange
    {
        public ChunkData* Data;
        public int From, To, ForkDepth;
    }

    private static unsafe void Chunks(void* state)
    {
        var range = (ChunkRange*)state;
        if (range->ForkDepth > 0 && range->To - range->From >= 2)
        {
            int middle = range->From + ((range->To - range->From) / 2);
            var left = new ChunkRange { Data = range->Data, From = range->From, To = middle, ForkDepth = range->ForkDepth - 1 };
            var right = new ChunkRange { Data = range->Data, From = middle, To = range->To, ForkDepth = range->ForkDepth - 1 };
            ForkJoin.Invoke(&Chunks, &left, &right);
            return;
        }

        for (int c = range->From; c < range->To; c++)
        {
            Chunk(range->Data, c);
        }
    }

    /// <summary>The per-customer sums of chunk <paramref name="chunk"/>, group by group, into its slot of the chunk sums.</summary>
    private static unsafe void Chunk(ChunkData* data, int chunk)
    {
        double r = data->R, alpha = data->Alpha, a = data->A;
        int from = chunk * ChunkLength, to = Math.Min(data->Customers, from + ChunkLength);
        double total = 0, dr = 0, dAlpha = 0, da = 0, db = 0;
        for (int g = data->ChunkFirstGroup[chunk]; g < data->Groups && data->GroupStart[g] < to; g++)
        {
            int start = Math.Max(from, data->GroupStart[g]);
            int length = Math.Min(to, data->GroupStart[g + 1]) - start;
            double x = data->GroupX[g];
            var ages = new ReadOnlySpan<double>(data->Age + start, length);
            var weights = new ReadOnlySpan<double>(data->Weight + start, length);
            var sums = default(BgNbdLikelihoodSums);
            if (x == 0)
            {
                BgNbdKernel.NoRepeat(ages, weights, alpha, data->Path, ref sums);
                total -= r * sums.WeightedLogAge;
                dr -= sums.WeightedLogAge;
                dAlpha -= r * sums.AliveWeightedInverseAge;
                continue;
            }

            double rx = r + x;
            BgNbdKernel.Repeat(ages, new ReadOnlySpan<double>(data->Recency + start, length), weights, alpha, rx, data->GroupD[g], data->Path, ref sums);
            total += sums.LogLikelihood;
            dr += sums.DroppedWeightedLogRatio - sums.WeightedLogAge;
            dAlpha -= rx * (sums.AliveWeightedInverseAge + sums.DroppedWeightedInverseRecency);
            da += sums.DroppedWeight / a;
            db -= sums.DroppedWeight / data->GroupBx1[g];
        }

        double* slot = data->ChunkSums + (chunk * ChunkValues);
        slot[0] = total;
        slot[1] = dr;
        slot[2] = dAlpha;
        slot[3] = da;
        slot[4] = db;
    }

    /// <summary>The minimised objective: −LL/Σw + λ Σ (ln θ)², with its gradient in log parameters.</summary>
    public double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double ll = LogLikelihood(logParameters, gradient);
        double value = -ll / TotalWeight;
        for (int i = 0; i < 4; i++)
        {
            double log = logParameters[i];
            value += Penalty * log * log;
            gradient[i] = (-gradient[i] / TotalWeight) + (2 * Penalty * log);
        }

        if (value < _bestValue)
        {
            (_bestValue, _bestLogLikelihood) = (value, ll);
            logParameters.CopyTo(_bestPoint);
        }

        return value;
    }

    private readonly double[] _bestPoint = new double[4];
    private double _bestValue = double.PositiveInfinity, _bestLogLikelihood;

    /// <summary>
    /// The log-likelihood at <paramref name="logParameters"/>: reused when it is the point of the lowest objective evaluated
    /// so far (a fit's solution; the evaluation is deterministic, so this equals a fresh one bit for bit), else evaluated.
    /// </summary>
    public double LogLikelihoodAt(ReadOnlySpan<double> logParameters) =>
        logParameters.SequenceEqual(_bestPoint) && double.IsFinite(_bestValue) ? _bestLogLikelihood : LogLikelihood(logParameters, stackalloc double[4]);

    /// <summary>The total negative log-likelihood (no penalty), for the Hessian.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double ll = LogLikelihood(logParameters, gradient);
        for (int i = 0; i < 4; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -ll;
    }

    internal static void ValidateRow(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, int i) =>
        ValidateRow(frequency[i], recency[i], age[i], i);

    /// <summary>Checks one row (x, tₓ, T); <paramref name="i"/> is the row's index in the caller's input, for the message.</summary>
    internal static void ValidateRow(double x, double tx, double t, int i)
    {
        if (!(x >= 0) || x != Math.Floor(x) || double.IsPositiveInfinity(x))
        {
            ThrowHelper.ValueOutOfRange("frequency", i, x, "whole numbers ≥ 0 (repeat purchases)");
        }

        if (!(t >= 0) || double.IsPositiveInfinity(t))
        {
            ThrowHelper.ValueOutOfRange("age", i, t, "finite numbers ≥ 0 (time since the first purchase, T)");
        }

        if (t == 0 && x > 0)
        {
            ThrowHelper.ValueOutOfRange("frequency", i, x, "0 for a customer of age T = 0 (first purchase at the end of observation)");
        }

        if (!(tx >= 0) || tx > t)
        {
            ThrowHelper.ValueOutOfRange("recency", i, tx, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"numbers from 0 to the customer's age T = {t:R} (time of the last purchase)"));
        }
    }
}
