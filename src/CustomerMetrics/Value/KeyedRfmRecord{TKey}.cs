using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// One row of a <see cref="KeyedRfmSummary{TKey}"/> for display and LINQ: the customer's key, its dense id and its
/// <see cref="RfmRecord"/> columns flattened. A notebook lists a sequence of these row by row (<c>ToTabularDataResource()</c> makes a column table).
/// </summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <remarks>Made only by <see cref="KeyedRfmSummary{TKey}"/>; the values are those of its summary (units of
/// <see cref="RfmSummary.Unit"/>, spend in the input's money).</remarks>
public readonly record struct KeyedRfmRecord<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    internal KeyedRfmRecord(TKey key, RfmRecord record)
    {
        Key = key;
        CustomerId = record.CustomerId;
        Frequency = record.Frequency;
        Recency = record.Recency;
        Age = record.Age;
        MeanSpend = record.MeanSpend;
        TotalSpend = record.TotalSpend;
    }

    /// <summary>The customer's key (<c>null</c> only in a <c>default</c> row).</summary>
    public TKey Key { get; }

    /// <summary>The customer's dense index into <see cref="KeyedRfmSummary{TKey}.Keys"/>.</summary>
    public int CustomerId { get; }

    /// <inheritdoc cref="RfmRecord.Frequency"/>
    public double Frequency { get; }

    /// <inheritdoc cref="RfmRecord.Recency"/>
    public double Recency { get; }

    /// <inheritdoc cref="RfmRecord.Age"/>
    public double Age { get; }

    /// <inheritdoc cref="RfmRecord.MeanSpend"/>
    public double MeanSpend { get; }

    /// <inheritdoc cref="RfmRecord.TotalSpend"/>
    public double TotalSpend { get; }

    /// <summary>One line, culture-invariant, e.g. <c>alice: x=2 t_x=30.43 T=38.86 m=22.35 total=74.02</c>.</summary>
    /// <returns>The row as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Key}: x={Frequency:0.##} t_x={Recency:0.##} T={Age:0.##} m={MeanSpend:0.##} total={TotalSpend:0.##}");
}
