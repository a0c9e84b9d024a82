using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Validated Pareto/NBD input compressed to distinct (x, T, tₓ) rows with summed weights, ordered by x then T then tₓ:
/// terms that depend only on x (log-gammas, digammas) are computed once per distinct x per evaluation, the factor G(T)
/// once per distinct (x, T), and the per-row part (G(tₓ)) is summed over blocks of rows on every core, the partial sums
/// merging by addition.
/// </summary>
internal sealed class ParetoNbdData
{
    /// <summary>Rows per block of the parallel sum (fixed: the blocks, hence the result, do not depend on the cores).</summary>
    internal const int BlockRows = 256;

    /// <summary>
    /// The most series terms tabulated per distinct x (z ≤ about 0.96); beyond, the per-row series. 1,024 covers the
    /// optimiser's ridge probes (one parameter moved by e^±2 from a CDNOW-like optimum gives z ≈ 0.87, ~300 terms), which
    /// with the former 256 fell back to the per-row series at several times an evaluation's cost.
    /// </summary>
    internal const int MaxTableTerms = 1_024;

    private readonly double[] _groupX;     // distinct x
    private readonly double[] _pairAge;    // distinct (x, T): T
    private readonly int[] _pairGroup;     // distinct (x, T): index into _groupX
    private readonly double[] _groupMinRecency; // distinct x: the smallest tₓ (where the series argument z is largest)
    private readonly double[] _rowRecency; // distinct (x, T, tₓ): tₓ
    private readonly double[] _rowWeight;  // distinct (x, T, tₓ): Σ weights
    private readonly int[] _rowPair;       // distinct (x, T, tₓ): index into _pairAge

    public ParetoNbdData(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights, string model, bool allowNoRepeat = false)
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
            ThrowHelper.Argument(nameof(frequency), $"The {model} model cannot be fitted to no customers.");
        }

        var keys = new (double X, double T, double Tx, double W)[n];
        double totalWeight = 0, repeatWeight = 0, sumX = 0, sumT = 0;
        for (int i = 0; i < n; i++)
        {
            ValidateRow(frequency, recency, age, i);
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                ThrowHelper.ValueOutOfRange(nameof(weights), i, w, "finite numbers ≥ 0");
            }

            keys[i] = (frequency[i], age[i], recency[i], w);
            totalWeight += w;
            sumX += w * frequency[i];
            sumT += w * age[i];
            if (frequency[i] > 0)
            {
                repeatWeight += w;
            }
        }

        if (!(totalWeight > 0))
        {
            ThrowHelper.Argument(nameof(weights), "The weights sum to 0: there is no customer to fit.");
        }

        if (!(repeatWeight > 0) && !allowNoRepeat)
        {
            ModelFitException.ThrowNoRepeatPurchase(model, "the purchase rate and dropout are not identified");
        }

        Array.Sort(keys, static (p, q) => p.X != q.X ? p.X.CompareTo(q.X) : p.T != q.T ? p.T.CompareTo(q.T) : p.Tx.CompareTo(q.Tx));
        var groupX = new List<double>();
        var pairAge = new List<double>();
        var pairGroup = new List<int>();
        var rowRecency = new List<double>();
        var rowWeight = new List<double>();
        var rowPair = new List<int>();
        for (int i = 0; i < n; i++)
        {
            var k = keys[i];
            bool newGroup = i == 0 || k.X != keys[i - 1].X;
            bool newPair = newGroup || k.T != keys[i - 1].T;
            if (newGroup)
            {
                groupX.Add(k.X);
            }

            if (newPair)
            {
                pairAge.Add(k.T);
                pairGroup.Add(groupX.Count - 1);
            }

            if (newPair || k.Tx != keys[i - 1].Tx)
            {
                rowRecency.Add(k.Tx);
                rowWeight.Add(k.W);
                rowPair.Add(pairAge.Count - 1);
            }
            else
            {
                rowWeight[^1] += k.W;
            }
        }

        var groupMinRecency = new double[groupX.Count];
        groupMinRecency.AsSpan().Fill(double.PositiveInfinity);
        for (int i = 0; i < rowRecency.Count; i++)
        {
            int g = pairGroup[rowPair[i]];
            groupMinRecency[g] = Math.Min(groupMinRecency[g], rowRecency[i]);
        }

        _groupMinRecency = groupMinRecency;
        _groupX = [.. groupX];
        _pairAge = [.. pairAge];
        _pairGroup = [.. pairGroup];
        _rowRecency = [.. rowRecency];
        _rowWeight = [.. rowWeight];
        _rowPair = [.. rowPair];
        TotalWeight = totalWeight;
        MeanFrequency = sumX / totalWeight;
        MeanAge = sumT / totalWeight;
    }

    /// <summary>Σ weights: the customers the fit represents.</summary>
    public double TotalWeight { get; }

    public double MeanFrequency { get; }

    public double MeanAge { get; }

    /// <summary>Distinct (x, T, tₓ) rows after compression.</summary>
    public int DistinctRows => _rowRecency.Length;

    /// <summary>The compressed rows (x, tₓ, T, Σ weights), ordered by x, T, tₓ.</summary>
    public (double[] X, double[] Tx, double[] T, double[] Weight) Rows()
    {
        int n = _rowRecency.Length;
        var x = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = _groupX[_pairGroup[_rowPair[i]]];
            t[i] = _pairAge[_rowPair[i]];
        }

        return (x, (double[])_rowRecency.Clone(), t, (double[])_rowWeight.Clone());
    }

    /// <summary>
    /// Every <paramref name="stride"/>-th distinct row (the first of each run of <paramref name="stride"/>) with its weight:
    /// a systematic sample stratified by x, T and tₓ, for a start point. Null when no sampled row has a repeat purchase.
    /// </summary>
    public ParetoNbdData? Subsample(int stride)
    {
        int n = (_rowRecency.Length + stride - 1) / stride;
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        var w = new double[n];
        bool repeat = false;
        for (int k = 0; k < n; k++)
        {
            int i = k * stride;
            int pair = _rowPair[i];
            x[k] = _groupX[_pairGroup[pair]];
            t[k] = _pairAge[pair];
            tx[k] = _rowRecency[i];
            w[k] = _rowWeight[i];
            repeat |= x[k] > 0 && w[k] > 0;
        }

        return repeat ? new ParetoNbdData(x, tx, t, w, "Pareto/NBD") { Parallel = Parallel, InterleavedHorner = InterleavedHorner } : null;
    }

    /// <summary>When false, one thread sums every row (the reference for tests and benchmarks).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>
    /// When true (the default), a block first evaluates the Horner chains of every tabulated G(tₓ) and G(T) it needs, four
    /// arguments of one x at a time (independent chains that overlap in the core instead of waiting on each other's
    /// latency), then the rows; when false, one chain per row as it comes (the previous path, kept as the reference for
    /// tests and benchmarks). Each chain performs the same operations in the same order either way, so the value and
    /// gradient are bit-identical.
    /// </summary>
    public bool InterleavedHorner { get; init; } = true;

    /// <summary>
    /// The fewest blocks of <see cref="BlockRows"/> rows a node of the block tree must hold to run its two halves on two
    /// cores (through <see cref="ForkJoin"/>): 2, so CDNOW's 1,016 distinct rows already split. Tests set 1 or more to force
    /// or forbid forks; the blocks, hence the result, are the same either way.
    /// </summary>
    public int ForkBlocks { get; init; } = 2;

    // Per-evaluation scratch reused across evaluations (a fit evaluates one data set from one thread at a time); a call
    // that finds it in use (concurrent callers) allocates its own.
    private Scratch? _scratch;

    private sealed class Scratch(int groups, int blocks)
    {
        public readonly double[] GroupConstant = new double[groups];
        public readonly double[] GroupDr = new double[groups];
        public readonly int[] TableStart = new int[groups];
        public readonly int[] TableTerms = new int[groups];
        public readonly double[] Partial = new double[blocks * 5];
        public readonly double[] Coefficients = new double[4 * MaxTableTerms];
        public double[] Table = new double[Math.Min(groups, 64) * 4 * 32];
    }

    /// <summary>
    /// The total weighted log-likelihood at (r, α, s, β) = exp(log parameters); writes d/d(log θ). Per distinct x, the
    /// coefficients of the series in G (and of its derivatives) are tabulated once (<see cref="ParetoNbdLikelihood.Coefficients"/>),
    /// so G(tₓ) and G(T) of each row cost one Horner chain of four-wide vectors; an x whose series needs more than
    /// <see cref="MaxTableTerms"/> terms (α and β far apart with small times) uses the per-row series. Rows are summed in
    /// fixed blocks of <see cref="BlockRows"/>; the blocks are split in halves down a tree whose halves run on two cores
    /// (<see cref="ForkJoin"/>, allocation-free) when <see cref="Parallel"/>, and the block sums are added in block order,
    /// so the result does not depend on the number of cores or the scheduling. Not for concurrent calls on one instance
    /// from several threads without cost: a concurrent call allocates its own scratch.
    /// </summary>
    public unsafe double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]);
        double s = Math.Exp(logParameters[2]), beta = Math.Exp(logParameters[3]);
        double lnAlpha = logParameters[1], lnBeta = logParameters[3];
        double lnGammaR = SpecialFunctions.GammaLn(r), psiR = SpecialFunctions.DiGamma(r);
        int groups = _groupX.Length;
        int blocks = (_rowRecency.Length + BlockRows - 1) / BlockRows;
        Scratch scratchSet = Interlocked.Exchange(ref _scratch, null) ?? new Scratch(groups, blocks);

        // x-only constants, and the series coefficients per distinct x.
        double[] table = scratchSet.Table;
        Span<double> scratch = scratchSet.Coefficients;
        int used = 0;
        for (int g = 0; g < groups; g++)
        {
            double x = _groupX[g];
            double rx = r + x;
            scratchSet.GroupConstant[g] = SpecialFunctions.GammaLn(rx) - lnGammaR + (r * lnAlpha) + (s * lnBeta);
            scratchSet.GroupDr[g] = SpecialFunctions.DiGamma(rx) - psiR + lnAlpha;
            ParetoNbdLikelihood.SeriesArguments(r, alpha, s, beta, x, out double b, out double c);
            double zMax = ParetoNbdLikelihood.SeriesArgument(alpha, beta, _groupMinRecency[g]);
            int terms = zMax <= ParetoNbdLikelihood.SeriesLimit ? ParetoNbdLikelihood.Coefficients(b, c, zMax, scratch) : 0;
            if (used + (4 * terms) > table.Length)
            {
                Array.Resize(ref table, Math.Max(2 * table.Length, used + (4 * terms)));
                scratchSet.Table = table;
            }

            scratch[..(4 * terms)].CopyTo(table.AsSpan(used));
            scratchSet.TableStart[g] = used;
            scratchSet.TableTerms[g] = terms;
            used += 4 * terms;
        }

        double[] partial = scratchSet.Partial;
        fixed (double* groupX = _groupX, pairAge = _pairAge, rowRecency = _rowRecency, rowWeight = _rowWeight)
        fixed (int* pairGroup = _pairGroup, rowPair = _rowPair, tableStart = scratchSet.TableStart, tableTerms = scratchSet.TableTerms)
        fixed (double* groupConstant = scratchSet.GroupConstant, groupDr = scratchSet.GroupDr, tablePointer = table, partialPointer = partial)
        {
            var context = new Context
            {
                R = r,
                Alpha = alpha,
                S = s,
                Beta = beta,
                LnBeta = lnBeta,
                GroupX = groupX,
                PairAge = pairAge,
                PairGroup = pairGroup,
                RowRecency = rowRecency,
                RowWeight = rowWeight,
                RowPair = rowPair,
                GroupConstant = groupConstant,
                GroupDr = groupDr,
                TableStart = tableStart,
                TableTerms = tableTerms,
                Table = tablePointer,
                TableLength = table.Length,
                Partial = partialPointer,
                Rows = _rowRecency.Length,
                ForkBlocks = Math.Max(1, ForkBlocks),
                Interleaved = InterleavedHorner && Vector256.IsHardwareAccelerated,
            };
            var root = new Node { Context = &context, First = 0, Count = blocks, Depth = Parallel ? ForkJoin.MaxDepth : 0 };
            Run(&root);
        }

        var total = default(NeumaierSum);
        Span<double> sums = stackalloc double[4];
        sums.Clear();
        for (int block = 0; block < blocks; block++)
        {
            total.Add(partial[block * 5]);
            for (int j = 0; j < 4; j++)
            {
                sums[j] += partial[(block * 5) + 1 + j];
            }
        }

        _scratch = scratchSet;
        gradient[0] = sums[0] * r;
        gradient[1] = sums[1] * alpha;
        gradient[2] = sums[2] * s;
        gradient[3] = sums[3] * beta;
        return total.Value;
    }

    /// <summary>One evaluation's inputs: parameters and pinned pointers to the rows and the per-x tables.</summary>
    private unsafe struct Context
    {
        public double R, Alpha, S, Beta, LnBeta;
        public double* GroupX, PairAge, RowRecency, RowWeight, GroupConstant, GroupDr, Table, Partial;
        public int* PairGroup, RowPair, TableStart, TableTerms;
        public int TableLength, Rows, ForkBlocks;
        public bool Interleaved;
    }

    /// <summary>A run of blocks [First, First + Count) of the block tree.</summary>
    private unsafe struct Node
    {
        public Context* Context;
        public int First, Count, Depth;
    }

    private static unsafe void Run(void* state)
    {
        var node = (Node*)state;
        if (node->Depth > 0 && node->Count >= 2 && node->Count >= node->Context->ForkBlocks)
        {
            int half = node->Count / 2;
            var left = new Node { Context = node->Context, First = node->First, Count = half, Depth = node->Depth - 1 };
            var right = new Node { Context = node->Context, First = node->First + half, Count = node->Count - half, Depth = node->Depth - 1 };
            ForkJoin.Invoke(&Run, &left, &right);
            return;
        }

        for (int block = node->First; block < node->First + node->Count; block++)
        {
            Block(node->Context, block);
        }
    }

    private static unsafe ParetoNbdFactor FactorAt(Context* c, int group, double t)
    {
        int terms = c->TableTerms[group];
        if (terms == 0)
        {
            return ParetoNbdLikelihood.Factor(c->R, c->Alpha, c->S, c->Beta, c->GroupX[group], t);
        }

        double z = ParetoNbdLikelihood.SeriesArgument(c->Alpha, c->Beta, t);
        ParetoNbdLikelihood.Horner(new ReadOnlySpan<double>(c->Table + c->TableStart[group], 4 * terms), terms, z,
            out double sum, out double sb, out double sc, out double sz);
        return ParetoNbdLikelihood.Map(c->Alpha, c->Beta, t, sum, sb, sc, sz);
    }

    /// <summary>
    /// The Horner sums (S, ∂S/∂b, ∂S/∂c, ∂S/∂z) of every tabulated G a block needs, into <paramref name="sums"/>: slot 2k for
    /// G(tₓ) of the block's k-th row (when tₓ ≠ T), slot 2k + 1 for G(T) at the first row of each (x, T) in the block. Runs
    /// of the same x (contiguous: rows are ordered by x) go four arguments at a time through one table.
    /// </summary>
    private static unsafe void Sums(Context* c, int first, int end, double* sums)
    {
        int capacity = 2 * BlockRows;
        double* z = stackalloc double[capacity];
        int* slot = stackalloc int[capacity];
        int* jobGroup = stackalloc int[capacity];
        int jobs = 0, lastPair = -1;
        for (int i = first; i < end; i++)
        {
            int pair = c->RowPair[i];
            int group = c->PairGroup[pair];
            if (c->TableTerms[group] == 0)
            {
                continue;
            }

            double age = c->PairAge[pair];
            if (pair != lastPair)
            {
                z[jobs] = ParetoNbdLikelihood.SeriesArgument(c->Alpha, c->Beta, age);
                slot[jobs] = (2 * (i - first)) + 1;
                jobGroup[jobs++] = group;
                lastPair = pair;
            }

            double tx = c->RowRecency[i];
            if (tx != age)
            {
                z[jobs] = ParetoNbdLikelihood.SeriesArgument(c->Alpha, c->Beta, tx);
                slot[jobs] = 2 * (i - first);
                jobGroup[jobs++] = group;
            }
        }

        double* spare = stackalloc double[4];
        for (int j = 0; j < jobs;)
        {
            int group = jobGroup[j];
            int count = 1;
            while (count < 4 && j + count < jobs && jobGroup[j + count] == group)
            {
                count++;
            }

            // Fewer than four arguments left for this x: the spare chains repeat the last one into a scratch slot.
            double* o0 = sums + (4 * slot[j]);
            double* o1 = count > 1 ? sums + (4 * slot[j + 1]) : spare;
            double* o2 = count > 2 ? sums + (4 * slot[j + 2]) : spare;
            double* o3 = count > 3 ? sums + (4 * slot[j + 3]) : spare;
            double z0 = z[j], z1 = z[count > 1 ? j + 1 : j], z2 = z[count > 2 ? j + 2 : j], z3 = z[count > 3 ? j + 3 : j];
            Horner4(c->Table + c->TableStart[group], c->TableTerms[group], z0, z1, z2, z3, o0, o1, o2, o3);
            j += count;
        }
    }

    /// <summary>
    /// Four Horner chains of <see cref="ParetoNbdLikelihood.Horner"/> through one table at four arguments: each chain performs
    /// the same products and sums in the same order as a single chain (no fusing), so each result has the same bits.
    /// </summary>
    private static unsafe void Horner4(double* table, int terms, double z0, double z1, double z2, double z3,
        double* o0, double* o1, double* o2, double* o3)
    {
        Vector256<double> v0 = Vector256<double>.Zero, v1 = v0, v2 = v0, v3 = v0;
        Vector256<double> zv0 = Vector256.Create(z0), zv1 = Vector256.Create(z1), zv2 = Vector256.Create(z2), zv3 = Vector256.Create(z3);
        for (int k = (terms - 1) * 4; k >= 0; k -= 4)
        {
            var coefficients = Vector256.Load(table + k);
            v0 = (v0 * zv0) + coefficients;
            v1 = (v1 * zv1) + coefficients;
            v2 = (v2 * zv2) + coefficients;
            v3 = (v3 * zv3) + coefficients;
        }

        v0.Store(o0);
        v1.Store(o1);
        v2.Store(o2);
        v3.Store(o3);
    }

    /// <summary>G at <paramref name="t"/> for a row of <paramref name="group"/>: from the block's precomputed sums when the
    /// x is tabulated and the block interleaves, else as <see cref="FactorAt"/>.</summary>
    private static unsafe ParetoNbdFactor FactorFrom(Context* c, int group, double t, double* sum)
    {
        if (sum is null || c->TableTerms[group] == 0)
        {
            return FactorAt(c, group, t);
        }

        return ParetoNbdLikelihood.Map(c->Alpha, c->Beta, t, sum[0], sum[1], sum[2], sum[3]);
    }

    [SkipLocalsInit]
    private static unsafe void Block(Context* c, int block)
    {
        double r = c->R, alpha = c->Alpha, s = c->S, beta = c->Beta;
        Span<double> g = stackalloc double[4];
        g.Clear();
        var value = default(NeumaierSum);
        double weights = 0;
        int first = block * BlockRows;
        int end = Math.Min(c->Rows, (block + 1) * BlockRows);
        double* sums = stackalloc double[2 * BlockRows * 4];
        if (c->Interleaved)
        {
            Sums(c, first, end, sums);
        }
        else
        {
            sums = null;
        }

        int lastPair = -1;
        ParetoNbdFactor atAge = default;
        double lnAlphaT = 0, lnBetaT = 0;
        for (int i = first; i < end; i++)
        {
            int pair = c->RowPair[i];
            int group = c->PairGroup[pair];
            double age = c->PairAge[pair];
            double* rowSums = sums is null ? null : sums + (8 * (i - first));
            if (pair != lastPair)
            {
                atAge = FactorFrom(c, group, age, rowSums is null ? null : rowSums + 4);
                lnAlphaT = Math.Log(alpha + age);
                lnBetaT = Math.Log(beta + age);
                lastPair = pair;
            }

            double w = c->RowWeight[i];
            double tx = c->RowRecency[i];
            ParetoNbdFactor atRecency = tx == age ? atAge : FactorFrom(c, group, tx, rowSums);
            value.Add((w * c->GroupConstant[group]) + ParetoNbdLikelihood.Row(r, alpha, s, beta, c->GroupX[group], tx, age, lnAlphaT, lnBetaT,
                atRecency, atAge, w, g));
            g[0] += w * c->GroupDr[group];
            weights += w;
        }

        double* partial = c->Partial + (block * 5);
        partial[0] = value.Value;
        partial[1] = g[0];
        partial[2] = g[1] + (weights * r / alpha);
        partial[3] = g[2] + (weights * c->LnBeta);
        partial[4] = g[3] + (weights * s / beta);
    }

    /// <summary>The minimised objective −LL/Σw with its gradient in log parameters.</summary>
    public double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient) =>
        ModelChecks.MeanNegative(LogLikelihood(logParameters, gradient), gradient[..4], TotalWeight);

    /// <summary>The total negative log-likelihood, for the Hessian.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient) =>
        ModelChecks.Negative(LogLikelihood(logParameters, gradient), gradient[..4]);

    internal static void ValidateRow(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, int i)
    {
        double x = frequency[i], tx = recency[i], t = age[i];
        if (!(x >= 0) || x != Math.Floor(x) || double.IsPositiveInfinity(x))
        {
            ThrowHelper.ValueOutOfRange(nameof(frequency), i, x, "whole numbers ≥ 0 (repeat purchases)");
        }

        if (!(t > 0) || double.IsPositiveInfinity(t))
        {
            ThrowHelper.ValueOutOfRange(nameof(age), i, t, "finite numbers > 0 (time since the first purchase, T)");
        }

        if (!(tx >= 0) || tx > t)
        {
            ThrowHelper.ValueOutOfRange(nameof(recency), i, tx, string.Create(CultureInfo.InvariantCulture,
                $"numbers from 0 to the customer's age T = {t:R} (time of the last purchase)"));
        }

        if (x == 0 && tx != 0)
        {
            ThrowHelper.ValueOutOfRange(nameof(recency), i, tx, "0 for a customer without repeat purchases");
        }
    }
}
