using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// An <see cref="RfmSummary"/> over customer keys of any type: the summary's <see cref="RfmSummary.CustomerIds"/> are
/// dense indexes into <see cref="Keys"/>, and each row reads its key back. Returned by
/// <see cref="Rfm.Summarize{TKey}(ReadOnlySpan{TKey}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions, CustomerKeys{TKey})"/>.
/// </summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <remarks>Pass <see cref="Summary"/> to the model fits (<c>BgNbd.Fit</c>, <c>GammaGamma.Fit</c>). Immutable; thread-safe to read.</remarks>
public sealed class KeyedRfmSummary<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    internal KeyedRfmSummary(CustomerKeys<TKey> keys, RfmSummary summary)
    {
        Keys = keys;
        Summary = summary;
    }

    /// <summary>The key map; <see cref="RfmSummary.CustomerIds"/> index into it.</summary>
    public CustomerKeys<TKey> Keys { get; }

    /// <summary>The summary over dense indexes (the models' input).</summary>
    public RfmSummary Summary { get; }

    /// <summary>The number of rows (customers with a transaction on or before the observation end).</summary>
    public int Count => Summary.Count;

    /// <summary>The key of row <paramref name="row"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public TKey KeyAt(int row)
    {
        CheckRow(row);
        return Keys.KeyAt(Summary.CustomerIds[row]);
    }

    /// <summary>Row <paramref name="row"/>: its customer key and its RFM record (whose <see cref="RfmRecord.CustomerId"/> is the dense index).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public KeyValuePair<TKey, RfmRecord> this[int row]
    {
        get
        {
            CheckRow(row);
            return new(Keys.KeyAt(Summary.CustomerIds[row]), Summary[row]);
        }
    }

    /// <summary>The row of <paramref name="key"/>, or −1 when the customer has no row (unknown key, or only transactions after the end).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public int IndexOf(TKey key)
    {
        int index = Keys.IndexOf(key);
        return index < 0 ? -1 : Summary.IndexOf(index);
    }

    /// <summary>"KeyedRfmSummary&lt;String&gt;: 3 customers, unit day, …" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"KeyedRfmSummary<{typeof(TKey).Name}>: {Summary}");

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Summary.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(row), row, string.Create(CultureInfo.InvariantCulture, $"0 to {Summary.Count - 1}"));
        }
    }
}
