using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// One raking variable: a category code per response (0..K−1, as bytes or ints) and the population's margin over the
/// K categories, either as shares that sum to 1 or as population totals.
/// </summary>
/// <remarks>
/// The codes are held by reference (no copy); the targets are copied. Codes are checked against 0..K−1 when
/// <see cref="Raking.Rake(IReadOnlyList{RakingMargin}, Span{double}, RakingOptions?)"/> runs.
/// <threadsafety>Immutable; safe to share across threads as long as the caller does not change the codes.</threadsafety>
/// </remarks>
public sealed class RakingMargin
{
    /// <summary>How far the shares of <see cref="FromShares(string, ReadOnlyMemory{int}, ReadOnlySpan{double})"/> may sum from 1.</summary>
    public const double ShareSumTolerance = 1e-6;

    private readonly ReadOnlyMemory<byte> _byteCodes;
    private readonly ReadOnlyMemory<int> _intCodes;
    private readonly double[] _targets;

    private RakingMargin(string name, ReadOnlyMemory<byte> byteCodes, ReadOnlyMemory<int> intCodes, bool isByte, ReadOnlySpan<double> targets, bool totals)
    {
        ArgumentNullException.ThrowIfNull(name);
        string what = totals ? "totals" : "shares";
        if (targets.IsEmpty)
        {
            ThrowHelper.Argument(what, $"{what} is empty; a raking variable needs at least one category.");
        }

        NeumaierSum sum = default;
        for (int k = 0; k < targets.Length; k++)
        {
            if (!(targets[k] >= 0) || double.IsPositiveInfinity(targets[k]))
            {
                ThrowHelper.ValueOutOfRange(what, k, targets[k], "finite numbers ≥ 0");
            }

            sum.Add(targets[k]);
        }

        if (!totals && Math.Abs(sum.Value - 1) > ShareSumTolerance)
        {
            ThrowHelper.Argument(what, string.Create(CultureInfo.InvariantCulture,
                $"The shares of '{name}' sum to {sum.Value:R}; they must sum to 1 (within {ShareSumTolerance:R})."));
        }

        if (totals && !(sum.Value > 0 && double.IsFinite(sum.Value)))
        {
            ThrowHelper.Argument(what, string.Create(CultureInfo.InvariantCulture,
                $"The totals of '{name}' sum to {sum.Value:R}; they must sum to a finite number above 0."));
        }

        Name = name;
        _byteCodes = byteCodes;
        _intCodes = intCodes;
        IsByteCoded = isByte;
        _targets = targets.ToArray();
        TargetsAreTotals = totals;
        TargetSum = sum.Value;
    }

    /// <summary>The variable's name, used in messages (for example <c>"region"</c>).</summary>
    public string Name { get; }

    /// <summary>Number of categories K (codes 0..K−1).</summary>
    public int Categories => _targets.Length;

    /// <summary>Number of responses (codes).</summary>
    public int Count => IsByteCoded ? _byteCodes.Length : _intCodes.Length;

    /// <summary>Whether <see cref="Targets"/> are population totals (<see langword="true"/>) or shares summing to 1.</summary>
    public bool TargetsAreTotals { get; }

    /// <summary>A copy of the target per category: a share (fraction) or a population total.</summary>
    public IReadOnlyList<double> Targets => _targets.ToArray();

    internal bool IsByteCoded { get; }

    internal double TargetSum { get; }

    internal ReadOnlySpan<double> TargetSpan => _targets;

    internal ReadOnlySpan<byte> ByteCodes => _byteCodes.Span;

    internal ReadOnlySpan<int> IntCodes => _intCodes.Span;

    /// <summary>A variable with population shares per category.</summary>
    /// <param name="name">The variable's name, for messages.</param>
    /// <param name="codes">One category code per response, 0 to shares.Length − 1.</param>
    /// <param name="shares">The population share of each category: finite, ≥ 0, summing to 1 within <see cref="ShareSumTolerance"/>.</param>
    /// <returns>The margin.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share is negative, NaN or infinite (the message names the index).</exception>
    /// <exception cref="ArgumentException"><paramref name="shares"/> is empty or does not sum to 1.</exception>
    public static RakingMargin FromShares(string name, ReadOnlyMemory<int> codes, ReadOnlySpan<double> shares) =>
        new(name, default, codes, false, shares, totals: false);

    /// <summary>A variable with population shares per category, codes stored one per byte.</summary>
    /// <param name="name">The variable's name, for messages.</param>
    /// <param name="codes">One category code per response, 0 to shares.Length − 1.</param>
    /// <param name="shares">The population share of each category: finite, ≥ 0, summing to 1 within <see cref="ShareSumTolerance"/>.</param>
    /// <returns>The margin.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share is negative, NaN or infinite (the message names the index).</exception>
    /// <exception cref="ArgumentException"><paramref name="shares"/> is empty or does not sum to 1.</exception>
    public static RakingMargin FromShares(string name, ReadOnlyMemory<byte> codes, ReadOnlySpan<double> shares) =>
        new(name, codes, default, true, shares, totals: false);

    /// <summary>A variable with population totals per category (the raked weights then sum to the population).</summary>
    /// <param name="name">The variable's name, for messages.</param>
    /// <param name="codes">One category code per response, 0 to totals.Length − 1.</param>
    /// <param name="totals">The population count of each category: finite, ≥ 0, with a sum above 0.</param>
    /// <returns>The margin.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A total is negative, NaN or infinite (the message names the index).</exception>
    /// <exception cref="ArgumentException"><paramref name="totals"/> is empty or sums to 0.</exception>
    public static RakingMargin FromTotals(string name, ReadOnlyMemory<int> codes, ReadOnlySpan<double> totals) =>
        new(name, default, codes, false, totals, totals: true);

    /// <summary>A variable with population totals per category, codes stored one per byte.</summary>
    /// <param name="name">The variable's name, for messages.</param>
    /// <param name="codes">One category code per response, 0 to totals.Length − 1.</param>
    /// <param name="totals">The population count of each category: finite, ≥ 0, with a sum above 0.</param>
    /// <returns>The margin.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A total is negative, NaN or infinite (the message names the index).</exception>
    /// <exception cref="ArgumentException"><paramref name="totals"/> is empty or sums to 0.</exception>
    public static RakingMargin FromTotals(string name, ReadOnlyMemory<byte> codes, ReadOnlySpan<double> totals) =>
        new(name, codes, default, true, totals, totals: true);

    /// <summary>Formats as <c>region: 4 categories, shares 0.3, 0.2, 0.25, 0.25 (1,000 responses)</c>, invariant culture.</summary>
    /// <returns>The margin as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Categories} categories, {(TargetsAreTotals ? "totals" : "shares")} {string.Join(", ", _targets.Select(t => t.ToString("G6", CultureInfo.InvariantCulture)))} ({Count:N0} responses)");

    /// <summary>The code of response <paramref name="index"/>.</summary>
    internal int CodeAt(int index) => IsByteCoded ? ByteCodes[index] : IntCodes[index];
}
