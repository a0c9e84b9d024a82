using System.Collections;
using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// RFM quintile scores per customer (parallel to the <see cref="RfmSummary"/> they came from) with segment counts.
/// Built by <see cref="Rfm.Score(RfmSummary)"/>.
/// </summary>
/// <remarks>
/// <para>A class: it owns one array per column. Immutable; thread-safe to read.</para>
/// <para>
/// Display: the scores object enumerates its rows as <see cref="RfmScoreRow"/> records (an <see cref="IReadOnlyList{T}"/>), so a .NET Interactive
/// (Jupyter or Polyglot) notebook lists it row by row, each row a record you can expand (<c>rows.ToTabularDataResource()</c>, from the
/// kernel's formatting library, shows a column table). The notebook formatter writes out only the first
/// <c>Formatter.ListExpansionLimit</c> items of a sequence (20 by default), so a large result shows its first rows; use LINQ (<c>.Skip(n).Take(k)</c>, <c>.OrderBy(...)</c>)
/// to look further. Enumerating allocates one enumerator and copies one row at a time; the columns stay the fast path.
/// <see cref="ToString"/> stays a one-line summary.
/// </para>
/// </remarks>
public sealed class RfmScores : IReadOnlyList<RfmScoreRow>
{
    private readonly int[] _ids;
    private readonly byte[] _r;
    private readonly byte[] _f;
    private readonly byte[] _m;
    private readonly int[] _segmentCounts;

    internal RfmScores(int[] ids, byte[] r, byte[] f, byte[] m)
    {
        _ids = ids;
        _r = r;
        _f = f;
        _m = m;
        _segmentCounts = new int[Enum.GetValues<RfmSegment>().Length];
        for (int i = 0; i < ids.Length; i++)
        {
            _segmentCounts[(int)Rfm.Segment(r[i], f[i], m[i])]++;
        }
    }

    /// <summary>The number of customers.</summary>
    public int Count => _ids.Length;

    /// <summary>Customer ids, in the summary's (ascending) order.</summary>
    public ReadOnlySpan<int> CustomerIds => _ids;

    /// <summary>Recency scores 1–5 (5 = most recent).</summary>
    public ReadOnlySpan<byte> Recency => _r;

    /// <summary>Frequency scores 1–5 (5 = most repeat purchases).</summary>
    public ReadOnlySpan<byte> Frequency => _f;

    /// <summary>Monetary scores 1–5 (5 = highest total spend).</summary>
    public ReadOnlySpan<byte> Monetary => _m;

    /// <summary>The scores of the customer at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public RfmScore this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_ids.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"0 to {Count - 1}"));
            }

            return new RfmScore(_r[index], _f[index], _m[index]);
        }
    }

    /// <summary>The number of customers in <paramref name="segment"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segment"/> is not a defined segment.</exception>
    public int CountOf(RfmSegment segment)
    {
        if ((uint)segment >= (uint)_segmentCounts.Length)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(segment), (long)segment, "defined RfmSegment values");
        }

        return _segmentCounts[(int)segment];
    }

    /// <summary>The row at <paramref name="index"/> with its customer id and segment (the public indexer returns the bare
    /// <see cref="RfmScore"/>).</summary>
    /// <param name="index">Row index, 0 to <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the rows.</exception>
    RfmScoreRow IReadOnlyList<RfmScoreRow>.this[int index] => RowAt(index);

    /// <summary>Enumerates the rows in the order of <see cref="CustomerIds"/>, each with its customer id and segment.</summary>
    /// <returns>An enumerator over <see cref="Count"/> rows; none for empty scores.</returns>
    public IEnumerator<RfmScoreRow> GetEnumerator()
    {
        for (int i = 0; i < _ids.Length; i++)
        {
            yield return RowAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private RfmScoreRow RowAt(int index)
    {
        RfmScore score = this[index];
        return new RfmScoreRow(_ids[index], score.Recency, score.Frequency, score.Monetary);
    }

    /// <summary>"RfmScores: 2357 customers; Champions 300, …" listing the non-empty segments.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (RfmSegment segment in Enum.GetValues<RfmSegment>())
        {
            if (_segmentCounts[(int)segment] > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{segment} {_segmentCounts[(int)segment]}"));
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"RfmScores: {Count} customers; {string.Join(", ", parts)}");
    }
}
