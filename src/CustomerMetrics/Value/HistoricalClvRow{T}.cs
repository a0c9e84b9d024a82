using System.Globalization;
using System.Numerics;

namespace CustomerMetrics.Value;

/// <summary>
/// One row of <see cref="HistoricalClvByCustomer{T}"/> for display and LINQ: the customer id, its transaction count,
/// revenue and historical value. A notebook lists a sequence of these row by row (<c>ToTabularDataResource()</c> makes a column table).
/// </summary>
/// <typeparam name="T">The money type: <see cref="decimal"/> or <see cref="double"/>.</typeparam>
/// <remarks>Made only by <see cref="HistoricalClvByCustomer{T}"/>; the values are its columns at one index.</remarks>
public readonly record struct HistoricalClvRow<T>
    where T : struct, INumber<T>
{
    internal HistoricalClvRow(int customerId, int transactions, T revenue, T value)
    {
        CustomerId = customerId;
        Transactions = transactions;
        Revenue = revenue;
        Value = value;
    }

    /// <summary>The customer id.</summary>
    public int CustomerId { get; }

    /// <summary>The customer's transactions in the log.</summary>
    public int Transactions { get; }

    /// <summary>The customer's revenue, in the input's money.</summary>
    public T Revenue { get; }

    /// <summary>The customer's historical value (revenue × margin), in the input's money.</summary>
    public T Value { get; }

    /// <summary>One line, culture-invariant, e.g. <c>id 7: 3 transactions, revenue 123.45, value 37.04</c>.</summary>
    /// <returns>The row as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"id {CustomerId}: {Transactions} transactions, revenue {Revenue:0.##}, value {Value:0.##}");
}
