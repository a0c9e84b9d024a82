using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// One row of a <see cref="KeyedHistoricalClv{TKey}"/> for display and LINQ: the customer's key, its dense id, its
/// transaction count, revenue and historical value. A notebook lists a sequence of these row by row (<c>ToTabularDataResource()</c> makes a column table).
/// </summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <remarks>Made only by <see cref="KeyedHistoricalClv{TKey}"/>; the values are its columns at one row.</remarks>
public readonly record struct KeyedHistoricalClvRow<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    internal KeyedHistoricalClvRow(TKey key, int customerId, int transactions, decimal revenue, decimal value)
    {
        Key = key;
        CustomerId = customerId;
        Transactions = transactions;
        Revenue = revenue;
        Value = value;
    }

    /// <summary>The customer's key (<c>null</c> only in a <c>default</c> row).</summary>
    public TKey Key { get; }

    /// <summary>The customer's dense index into <see cref="KeyedHistoricalClv{TKey}.Keys"/>.</summary>
    public int CustomerId { get; }

    /// <summary>The customer's transactions in the log.</summary>
    public int Transactions { get; }

    /// <summary>The customer's revenue, in the input's money.</summary>
    public decimal Revenue { get; }

    /// <summary>The customer's historical value (revenue × margin), in the input's money.</summary>
    public decimal Value { get; }

    /// <summary>One line, culture-invariant, e.g. <c>alice: 3 transactions, revenue 123.45, value 37.04</c>.</summary>
    /// <returns>The row as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Key}: {Transactions} transactions, revenue {Revenue:0.##}, value {Value:0.##}");
}
