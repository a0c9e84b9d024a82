using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Raking (iterative proportional fitting; Deming &amp; Stephan 1940, <i>On a least squares adjustment of a sampled
/// frequency table when the expected marginal totals are known</i>, Ann. Math. Stat. 11(4)): weights per response that
/// reproduce known population margins on one or more categorical variables at once.
/// </summary>
/// <remarks>
/// <para>Each sweep post-stratifies on every variable in turn (every weight in category k of the variable is
/// multiplied by target_k ÷ weighted count_k), then trims if asked; raking stops when every weighted category share is
/// within <see cref="RakingOptions.Tolerance"/> of its target share, or after <see cref="RakingOptions.MaxIterations"/>
/// sweeps with <see cref="RakingResult.Converged"/> false and the reason. Its fixed point is the multiplicative
/// (raking-ratio) calibration of Deville &amp; Särndal 1992 (<i>Calibration estimators in survey sampling</i>, JASA
/// 87(418)): the weights closest to the base weights in that distance that meet the margins. It converges whenever a
/// weighting with the margins and the sample's pattern of empty cells exists (the condition R's <c>survey::rake</c>
/// documents); with trimming it may not.</para>
/// <para>As R: <c>survey::rake</c> post-stratifies repeatedly to population totals (stopping when no table entry moves
/// by more than <c>epsilon</c>, 10 sweeps by default); <c>anesrake</c> (DeBell &amp; Krosnick 2009) rakes to shares,
/// keeps the mean weight 1 and caps weights at 5 × the mean after each variable (<c>cap = 5</c>), stopping when the
/// weights change by less than <c>convcrit</c>. Here the targets are shares (weights then sum to n: mean 1, as anesrake)
/// or totals (weights sum to the population, as survey::rake); the stop is on the margins themselves; trimming is by
/// multiples of the mean weight after each sweep, as anesrake's cap, and the trimmed weights are re-raked in the next
/// sweep.</para>
/// <para>Sums are compensated (Neumaier). Allocates O(total categories) working space; the weights go to the caller's span.</para>
/// <threadsafety>Pure and thread-safe.</threadsafety>
/// </remarks>
public static class Raking
{
    /// <summary>Rakes weights starting from equal base weights (every response 1).</summary>
    /// <param name="margins">The raking variables, each with one code per response (<paramref name="weights"/>.Length codes).</param>
    /// <param name="weights">Receives one weight per response.</param>
    /// <param name="options">Tolerance, sweeps and trimming; <see cref="RakingOptions.Default"/> when null.</param>
    /// <returns>Convergence, sweeps, the largest margin error, trimming and the design effect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="margins"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">
    /// No margin; a margin with another number of codes; margins with totals that sum to different populations; a
    /// category with a target above 0 and no response (raking cannot reach it). Messages name the margin and category.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside 0..K−1; the message names the margin, index and value.</exception>
    public static RakingResult Rake(IReadOnlyList<RakingMargin> margins, Span<double> weights, RakingOptions? options) =>
        Rake(margins, default, weights, options, hasBase: false);

    /// <summary>Rakes weights starting from equal base weights, with <see cref="RakingOptions.Default"/>.</summary>
    /// <param name="margins">The raking variables, each with one code per response (<paramref name="weights"/>.Length codes).</param>
    /// <param name="weights">Receives one weight per response.</param>
    /// <returns>Convergence, sweeps, the largest margin error, trimming and the design effect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="margins"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Rake(IReadOnlyList{RakingMargin}, Span{double}, RakingOptions?)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside 0..K−1; the message names the margin, index and value.</exception>
    public static RakingResult Rake(IReadOnlyList<RakingMargin> margins, Span<double> weights) =>
        Rake(margins, default, weights, null, hasBase: false);

    /// <summary>Rakes weights starting from base (design) weights.</summary>
    /// <param name="margins">The raking variables, each with one code per response.</param>
    /// <param name="baseWeights">The starting weight of each response: finite, ≥ 0, not all 0 (0 keeps a response at 0).</param>
    /// <param name="weights">Receives one weight per response; may be the same memory as <paramref name="baseWeights"/>.</param>
    /// <param name="options">Tolerance, sweeps and trimming; <see cref="RakingOptions.Default"/> when null.</param>
    /// <returns>Convergence, sweeps, the largest margin error, trimming and the design effect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="margins"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">
    /// As <see cref="Rake(IReadOnlyList{RakingMargin}, Span{double}, RakingOptions?)"/>, and base weights of another
    /// length or all 0; a category with a target above 0 has no response with a base weight above 0.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside 0..K−1, or a base weight is negative, NaN or infinite; the message names the index and value.</exception>
    public static RakingResult Rake(IReadOnlyList<RakingMargin> margins, ReadOnlySpan<double> baseWeights, Span<double> weights, RakingOptions? options) =>
        Rake(margins, baseWeights, weights, options, hasBase: true);

    private static RakingResult Rake(IReadOnlyList<RakingMargin> margins, ReadOnlySpan<double> baseWeights, Span<double> weights, RakingOptions? options, bool hasBase)
    {
        ArgumentNullException.ThrowIfNull(margins);
        options ??= RakingOptions.Default;
        int n = weights.Length;
        if (margins.Count == 0)
        {
            ThrowHelper.Argument(nameof(margins), "margins is empty; raking needs at least one variable.");
        }

        if (hasBase)
        {
            Guard.SameLength(baseWeights.Length, weights.Length);
            Guard.AllNonNegativeFinite(baseWeights);
            baseWeights.CopyTo(weights);
        }
        else
        {
            weights.Fill(1);
        }

        // Offsets of each margin's categories in the shared working arrays; codes checked once.
        var offsets = new int[margins.Count + 1];
        double? population = null;
        for (int v = 0; v < margins.Count; v++)
        {
            RakingMargin margin = margins[v];
            if (margin is null)
            {
                ThrowHelper.ArgumentNull(nameof(margins), string.Create(CultureInfo.InvariantCulture, $"margins[{v}] is null."));
            }

            if (margin.Count != n)
            {
                ThrowHelper.Argument(nameof(margins), string.Create(CultureInfo.InvariantCulture,
                    $"margins[{v}] ('{margin.Name}') has {margin.Count} codes but there are {n} weights; every margin needs one code per response."));
            }

            CheckCodes(margin, v);
            offsets[v + 1] = offsets[v] + margin.Categories;
            if (margin.TargetsAreTotals)
            {
                if (population is double p && Math.Abs(margin.TargetSum - p) > RakingMargin.ShareSumTolerance * p)
                {
                    ThrowHelper.Argument(nameof(margins), string.Create(CultureInfo.InvariantCulture,
                        $"margins[{v}] ('{margin.Name}') totals sum to {margin.TargetSum:R} but an earlier margin's sum to {p:R}; every margin must describe the same population."));
                }

                population ??= margin.TargetSum;
            }
        }

        double total = population ?? n;
        var targets = new double[offsets[^1]];
        var sums = new double[offsets[^1]];
        var factors = new double[offsets[^1]];
        for (int v = 0; v < margins.Count; v++)
        {
            RakingMargin margin = margins[v];
            ReadOnlySpan<double> t = margin.TargetSpan;
            for (int k = 0; k < t.Length; k++)
            {
                targets[offsets[v] + k] = t[k] / margin.TargetSum * total;
            }
        }

        // Reachability: every category with a target needs weight to scale.
        Span<double> all = sums;
        for (int v = 0; v < margins.Count; v++)
        {
            Span<double> s = all[offsets[v]..offsets[v + 1]];
            CategorySums(margins[v], weights, s);
            for (int k = 0; k < s.Length; k++)
            {
                if (targets[offsets[v] + k] > 0 && !(s[k] > 0))
                {
                    ThrowHelper.Argument(nameof(margins), string.Create(CultureInfo.InvariantCulture,
                        $"margins[{v}] ('{margins[v].Name}') category {k} has target {margins[v].TargetSpan[k]:R} but no response with weight above 0; raking cannot reach it."));
                }
            }
        }

        int iterations = 0;
        long trimmed = 0;
        double error = double.PositiveInfinity;
        bool trimming = options.LowerTrim is not null || options.UpperTrim is not null;
        bool[] wasTrimmed = trimming ? new bool[n] : [];
        while (iterations < options.MaxIterations)
        {
            iterations++;
            for (int v = 0; v < margins.Count; v++)
            {
                Span<double> s = all[offsets[v]..offsets[v + 1]];
                Span<double> f = factors.AsSpan(offsets[v], s.Length);
                CategorySums(margins[v], weights, s);
                for (int k = 0; k < s.Length; k++)
                {
                    f[k] = s[k] > 0 ? targets[offsets[v] + k] / s[k] : 0;
                }

                Scale(margins[v], weights, f);
            }

            if (trimming)
            {
                trimmed += Trim(weights, options.LowerTrim, options.UpperTrim, wasTrimmed);
            }

            error = MaxError(margins, weights, offsets, targets, all, total);
            if (error <= options.Tolerance)
            {
                break;
            }
        }

        NeumaierSum sum = default, squares = default;
        foreach (double w in weights)
        {
            sum.Add(w);
            squares.Add(w * w);
        }

        bool converged = error <= options.Tolerance; // false for NaN
        string hint = trimming
            ? "the trimming bounds may leave the margins out of reach (widen them, or allow more sweeps)"
            : "allow more sweeps, or check that the margins are compatible with the sample's empty cells";
        string? reason = converged ? null : string.Create(CultureInfo.InvariantCulture,
            $"after {iterations} sweeps the largest margin error is {error:G3}, above the tolerance {options.Tolerance:G3}; {hint}");
        return new RakingResult(converged, reason, iterations, double.IsFinite(error) ? error : double.NaN, n, sum.Value, squares.Value, trimmed);
    }

    private static void CheckCodes(RakingMargin margin, int v)
    {
        int k = margin.Categories;
        if (margin.IsByteCoded)
        {
            ReadOnlySpan<byte> codes = margin.ByteCodes;
            int bad = k > byte.MaxValue ? -1 : codes.IndexOfAnyInRange((byte)k, byte.MaxValue);
            if (bad >= 0)
            {
                ThrowHelper.ValueOutOfRange($"margins[{v}].Codes", bad, codes[bad], 0, k - 1);
            }
        }
        else
        {
            ReadOnlySpan<int> codes = margin.IntCodes;
            int bad = codes.IndexOfAnyExceptInRange(0, k - 1);
            if (bad >= 0)
            {
                ThrowHelper.ValueOutOfRange($"margins[{v}].Codes", bad, codes[bad], 0, k - 1);
            }
        }
    }

    /// <summary>Compensated weighted count of each category of one margin.</summary>
    private static void CategorySums(RakingMargin margin, ReadOnlySpan<double> weights, Span<double> sums)
    {
        int k = sums.Length;
        Span<double> compensation = k <= 256 ? stackalloc double[k] : new double[k];
        compensation.Clear();
        sums.Clear();
        if (margin.IsByteCoded)
        {
            ReadOnlySpan<byte> codes = margin.ByteCodes;
            for (int i = 0; i < weights.Length; i++)
            {
                CompensatedSum.Add(ref sums[codes[i]], ref compensation[codes[i]], weights[i]);
            }
        }
        else
        {
            ReadOnlySpan<int> codes = margin.IntCodes;
            for (int i = 0; i < weights.Length; i++)
            {
                CompensatedSum.Add(ref sums[codes[i]], ref compensation[codes[i]], weights[i]);
            }
        }

        for (int c = 0; c < k; c++)
        {
            sums[c] += compensation[c];
        }
    }

    private static void Scale(RakingMargin margin, Span<double> weights, ReadOnlySpan<double> factors)
    {
        if (margin.IsByteCoded)
        {
            ReadOnlySpan<byte> codes = margin.ByteCodes;
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] *= factors[codes[i]];
            }
        }
        else
        {
            ReadOnlySpan<int> codes = margin.IntCodes;
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] *= factors[codes[i]];
            }
        }
    }

    /// <summary>Clips the weights to [lower × mean, upper × mean]; returns how many it moved for the first time.</summary>
    private static long Trim(Span<double> weights, double? lowerTrim, double? upperTrim, bool[] wasTrimmed)
    {
        double mean = CompensatedSum.Sum(weights) / weights.Length;
        double lower = lowerTrim is double l ? l * mean : 0;
        double upper = upperTrim is double u ? u * mean : double.PositiveInfinity;
        long moved = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (w > upper || w < lower)
            {
                weights[i] = w > upper ? upper : lower;
                moved += wasTrimmed[i] ? 0 : 1;
                wasTrimmed[i] = true;
            }
        }

        return moved;
    }

    private static double MaxError(IReadOnlyList<RakingMargin> margins, ReadOnlySpan<double> weights, int[] offsets, double[] targets, Span<double> sums, double total)
    {
        double error = 0;
        for (int v = 0; v < margins.Count; v++)
        {
            Span<double> s = sums[offsets[v]..offsets[v + 1]];
            CategorySums(margins[v], weights, s);
            for (int k = 0; k < s.Length; k++)
            {
                // In units of the total, so a margin of totals is also checked for its sum (trimming moves it).
                double difference = Math.Abs(s[k] - targets[offsets[v] + k]) / total;
                error = double.IsNaN(difference) || difference > error ? difference : error;
            }
        }

        return error;
    }
}
