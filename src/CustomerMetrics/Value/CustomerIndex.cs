using System.Buffers;

namespace CustomerMetrics.Value;

/// <summary>
/// Maps customer ids to dense indices 0..Count−1 in ascending id order. Ids spanning a range no wider than the
/// number of rows plus 65,536 use a direct table (one <see cref="int"/> per id in the range, pooled); wider ranges
/// use a dictionary built from the sorted distinct ids. Dispose to return the pooled table.
/// </summary>
internal sealed class CustomerIndex : IDisposable
{
    private const int DirectSlack = 1 << 16;
    private readonly int _min;
    private int[]? _table;
    private readonly Dictionary<int, int>? _map;

    private CustomerIndex(int[] ids, int min, int[]? table, Dictionary<int, int>? map)
    {
        Ids = ids;
        _min = min;
        _table = table;
        _map = map;
    }

    /// <summary>The distinct ids, ascending.</summary>
    public int[] Ids { get; }

    /// <summary>The number of distinct ids.</summary>
    public int Count => Ids.Length;

    /// <summary>The dense index of an id that was present when the index was built.</summary>
    public int IndexOf(int id) => _table is { } table ? table[id - _min] : _map![id];

    /// <summary>
    /// Builds the index over the ids of the rows whose day number is ≤ <paramref name="lastDayNumber"/>
    /// (all rows when <paramref name="dates"/> is empty).
    /// </summary>
    public static CustomerIndex Build(ReadOnlySpan<int> ids, ReadOnlySpan<DateOnly> dates, int lastDayNumber)
    {
        bool filter = !dates.IsEmpty;
        int min = int.MaxValue, max = int.MinValue, included = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            if (filter && dates[i].DayNumber > lastDayNumber)
            {
                continue;
            }

            int id = ids[i];
            min = Math.Min(min, id);
            max = Math.Max(max, id);
            included++;
        }

        if (included == 0)
        {
            return new CustomerIndex([], 0, null, null);
        }

        long range = (long)max - min + 1;
        if (range <= (long)included + DirectSlack)
        {
            int length = (int)range;
            int[] table = ArrayPool<int>.Shared.Rent(length);
            Span<int> marks = table.AsSpan(0, length);
            marks.Clear();
            for (int i = 0; i < ids.Length; i++)
            {
                if (!filter || dates[i].DayNumber <= lastDayNumber)
                {
                    marks[ids[i] - min] = 1;
                }
            }

            int count = 0;
            foreach (int mark in marks)
            {
                count += mark;
            }

            int[] distinct = new int[count];
            int k = 0;
            for (int j = 0; j < marks.Length; j++)
            {
                if (marks[j] != 0)
                {
                    distinct[k] = min + j;
                    marks[j] = k++;
                }
                else
                {
                    marks[j] = -1;
                }
            }

            return new CustomerIndex(distinct, min, table, null);
        }

        int[] buffer = ArrayPool<int>.Shared.Rent(included);
        try
        {
            int n = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                if (!filter || dates[i].DayNumber <= lastDayNumber)
                {
                    buffer[n++] = ids[i];
                }
            }

            Span<int> all = buffer.AsSpan(0, n);
            all.Sort();
            int unique = 0;
            for (int i = 0; i < all.Length; i++)
            {
                if (i == 0 || all[i] != all[unique - 1])
                {
                    all[unique++] = all[i];
                }
            }

            int[] distinct = all[..unique].ToArray();
            var map = new Dictionary<int, int>(unique);
            for (int j = 0; j < distinct.Length; j++)
            {
                map.Add(distinct[j], j);
            }

            return new CustomerIndex(distinct, 0, null, map);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the pooled table.</summary>
    public void Dispose()
    {
        if (_table is { } table)
        {
            _table = null;
            ArrayPool<int>.Shared.Return(table);
        }
    }
}
