using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical customer lifetime value: (transaction 1 + … + transaction n) × average gross margin, kept as sufficient
/// statistics (transactions, revenue, gross profit). <c>default</c> is the empty result; two results merge with
/// <c>+</c> (the gross profits add, so parts computed with different margins combine correctly).
/// </summary>
/// <typeparam name="T">
/// The money type: <see cref="decimal"/> (exact sums, from <see cref="Clv.Historical(ReadOnlySpan{decimal}, decimal)"/>) or
/// <see cref="double"/> (fast path with Neumaier-compensated sums, from <see cref="Clv.Historical(ReadOnlySpan{double}, double)"/>).
/// </typeparam>
/// <remarks>
/// Every way to make one checks it: the transaction count is ≥ 0, the amounts are finite, and with no transaction
/// revenue and gross profit are 0. A merge whose count or sum overflows throws <see cref="OverflowException"/>
/// (decimal overflow, or a double sum reaching ∞).
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct HistoricalClv<T>
    where T : struct, INumber<T>
{
    /// <summary>Creates a result from its sums; the JSON constructor.</summary>
    /// <param name="transactions">Number of transactions, ≥ 0.</param>
    /// <param name="revenue">Sum of the transaction amounts (refunds negative), finite; 0 when there is no transaction.</param>
    /// <param name="grossProfit">Revenue × average gross margin, the historical CLV, finite; 0 when there is no transaction.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="transactions"/> is negative, or an amount is NaN or infinite.</exception>
    /// <exception cref="ArgumentException">An amount is not 0 although there is no transaction.</exception>
    [JsonConstructor]
    public HistoricalClv(long transactions, T revenue, T grossProfit)
    {
        Guard.NonNegative(transactions);
        Guard.FiniteMoney(revenue);
        Guard.FiniteMoney(grossProfit);
        Guard.Consistent(transactions > 0 || revenue == T.Zero, nameof(revenue),
            string.Create(CultureInfo.InvariantCulture, $"is {revenue} but there is no transaction."));
        Guard.Consistent(transactions > 0 || grossProfit == T.Zero, nameof(grossProfit),
            string.Create(CultureInfo.InvariantCulture, $"is {grossProfit} but there is no transaction."));
        Transactions = transactions;
        Revenue = revenue;
        GrossProfit = grossProfit;
    }

    /// <summary>Number of transactions.</summary>
    public long Transactions { get; }

    /// <summary>Sum of the transaction amounts (refunds negative), in currency units.</summary>
    public T Revenue { get; }

    /// <summary>Revenue × average gross margin, in currency units: the historical CLV.</summary>
    public T GrossProfit { get; }

    /// <summary>The historical CLV, revenue × average gross margin (money), equal to <see cref="GrossProfit"/>; 0 for no transactions.</summary>
    public T Value => GrossProfit;

    /// <summary>Average order value, revenue ÷ transactions (money); <see langword="null"/> when there are no transactions.</summary>
    public T? AverageOrderValue => Transactions == 0 ? null : Revenue / T.CreateChecked(Transactions);

    /// <summary>Effective gross margin, gross profit ÷ revenue, as a fraction; <see cref="double.NaN"/> when revenue is 0.</summary>
    public double AverageGrossMargin => Revenue == T.Zero ? double.NaN : double.CreateChecked(GrossProfit / Revenue);

    /// <summary>Merges two results (associative, commutative up to double rounding; <c>default</c> is the identity).</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result of the transactions of both.</returns>
    /// <exception cref="OverflowException">The transaction count or a sum overflows.</exception>
    public static HistoricalClv<T> operator +(HistoricalClv<T> left, HistoricalClv<T> right) => new(
        checked(left.Transactions + right.Transactions),
        Guard.FiniteSum(left.Revenue + right.Revenue, nameof(Revenue)),
        Guard.FiniteSum(left.GrossProfit + right.GrossProfit, nameof(GrossProfit)));

    /// <summary>Merges two results; the named form of <c>+</c>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result of the transactions of both.</returns>
    /// <exception cref="OverflowException">The transaction count or a sum overflows.</exception>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Add is the named form of operator + that CA2225 asks for; the consistency test requires it.")]
    public static HistoricalClv<T> Add(HistoricalClv<T> left, HistoricalClv<T> right) => left + right;

    /// <summary>Formats as <c>Historical CLV 123.45 (3 transactions, revenue 411.5)</c>, invariant culture (2 decimals for double money).</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Historical CLV {Money(Value)} ({Transactions} transactions, revenue {Money(Revenue)})");

    private static string Money(T value) => typeof(T) == typeof(double)
        ? double.CreateChecked(value).ToString("0.##", CultureInfo.InvariantCulture)
        : value.ToString(null, CultureInfo.InvariantCulture);
}
