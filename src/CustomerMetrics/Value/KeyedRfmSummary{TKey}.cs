using System.Collections;
using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// An <see cref="RfmSummary"/> over customer keys of any type: the summary's <see cref="RfmSummary.CustomerIds"/> are
/// dense indexes into <see cref="Keys"/>, and each row reads its key back. Returned by
/// <see cref="Rfm.Summarize{TKey}(ReadOnlySpan{TKey}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions, CustomerKeys{TKey})"/>.
/// </summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <remarks>
/// <para>Pass <see cref="Summary"/> to the model fits (<c>BgNbd.Fit</c>, <c>GammaGamma.Fit</c>). Immutable; thread-safe to read.</para>
/// <para>
/// Display: the keyed summary enumerates its rows as <see cref="KeyedRfmRecord{TKey}"/> records (an <see cref="IReadOnlyList{T}"/>), so a .NET Interactive
/// (Jupyter or Polyglot) notebook lists it row by row, each row a record you can expand (<c>rows.ToTabularDataResource()</c>, from the
/// kernel's formatting library, shows a column table). The notebook formatter writes out only the first
/// <c>Formatter.ListExpansionLimit</c> items of a sequence (20 by default), so a large result shows its first rows; use LINQ (<c>.Skip(n).Take(k)</c>, <c>.OrderBy(...)</c>)
/// to look further. Enumerating allocates one enumerator and copies one row at a time; the columns stay the fast path.
/// <see cref="ToString"/> stays a one-line summary.
/// </para>
/// </remarks>
public sealed class KeyedRfmSummary<TKey> : IReadOnlyList<KeyedRfmRecord<TKey>>
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

    /// <summary>The row at <paramref name="row"/> flattened with its key (the public indexer returns a key–record pair).</summary>
    /// <param name="row">Row index, 0 to <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the rows.</exception>
    KeyedRfmRecord<TKey> IReadOnlyList<KeyedRfmRecord<TKey>>.this[int row]
    {
        get
        {
            KeyValuePair<TKey, RfmRecord> pair = this[row];
            return new KeyedRfmRecord<TKey>(pair.Key, pair.Value);
        }
    }

    /// <summary>Enumerates the rows in the summary's order, each flattened with its key.</summary>
    /// <returns>An enumerator over <see cref="Count"/> rows; none for an empty summary.</returns>
    public IEnumerator<KeyedRfmRecord<TKey>> GetEnumerator()
    {
        for (int i = 0; i < Summary.Count; i++)
        {
            KeyValuePair<TKey, RfmRecord> pair = this[i];
            yield return new KeyedRfmRecord<TKey>(pair.Key, pair.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

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
