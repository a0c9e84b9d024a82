using CustomerMetrics.Value;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

/// <summary>Keyed and timestamped RFM overloads against the dense int path with a mapping made here, independently.</summary>
public class RfmKeysTests
{
    private static readonly DateOnly End = new(2020, 1, 31);

    [Property(MaxTest = 80)]
    public void Keyed_rows_equal_the_int_path_on_a_hand_made_mapping(int[] draws, bool weeks)
    {
        // Keys from a small alphabet so customers repeat; dates spread over two months so some fall after the end.
        string[] keys = draws.Select(d => "cust-" + Math.Abs(d % 13)).ToArray();
        DateOnly[] dates = draws.Select((d, i) => End.AddDays(-40 + Math.Abs((d * 7 + i) % 60))).ToArray();
        double[] amounts = draws.Select((d, i) => (double)(Math.Abs(d) % 100) + i * 0.25).ToArray();
        RfmOptions options = weeks ? RfmOptions.Weeks : RfmOptions.Days;
        var ids = new Dictionary<string, int>();
        int[] dense = keys.Select(k => ids.TryGetValue(k, out int id) ? id : ids[k] = 1000 + ids.Count * 3).ToArray();

        RfmSummary expected = Rfm.Summarize(dense, dates, amounts, End, options);
        KeyedRfmSummary<string> keyed = Rfm.Summarize<string>(keys, dates, amounts, End, options, null);

        Assert.Equal(expected.Count, keyed.Count);
        Assert.Equal(expected.ExcludedAfterEnd, keyed.Summary.ExcludedAfterEnd);
        for (int row = 0; row < keyed.Count; row++)
        {
            (string key, RfmRecord record) = keyed[row];
            RfmRecord want = expected[expected.IndexOf(ids[key])];
            Assert.Equal((want.Frequency, want.Recency, want.Age, want.MeanSpend, want.TotalSpend), (record.Frequency, record.Recency, record.Age, record.MeanSpend, record.TotalSpend));
            Assert.Equal(row, keyed.IndexOf(key));
            Assert.Equal(key, keyed.KeyAt(row));
        }
    }

    [Fact]
    public void DateTime_rows_count_on_the_date_they_show_and_instants_in_the_named_zone()
    {
        string[] customers = ["b", "a", "b", "a"];
        double[] amounts = [10, 20, 30, 40];
        DateOnly[] days = [new(2020, 1, 1), new(2020, 1, 5), new(2020, 1, 10), new(2020, 1, 31)];
        DateTime[] local = days.Select(d => d.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Unspecified)).ToArray();
        KeyedRfmSummary<string> byDay = Rfm.Summarize<string>(customers, days, amounts, End, RfmOptions.Days, null);
        KeyedRfmSummary<string> byDateTime = Rfm.Summarize<string>(customers, local, amounts, End, RfmOptions.Days, null);
        Assert.Equal(byDay[0], byDateTime[0]);
        Assert.Equal(byDay[1], byDateTime[1]);

        // 23:30 UTC on 31 January is 1 February in UTC+1: that row falls after the end there, not in UTC.
        var plusOne = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");
        DateTimeOffset[] instants = days.Select(d => new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 30)), TimeSpan.Zero)).ToArray();
        var utc = Rfm.Summarize<string>(customers, instants, TimeZoneInfo.Utc, amounts, End, RfmOptions.Days, null);
        var shifted = Rfm.Summarize<string>(customers, instants, plusOne, amounts, End, RfmOptions.Days, null);
        Assert.Equal(0, utc.Summary.ExcludedAfterEnd);
        Assert.Equal(1, shifted.Summary.ExcludedAfterEnd);
        Assert.Equal(60, utc[utc.IndexOf("a")].Value.TotalSpend);
        Assert.Equal(20, shifted[shifted.IndexOf("a")].Value.TotalSpend);

        int[] ids = [2, 1, 2, 1];
        RfmRecord plain = Rfm.Summarize(ids, days, amounts, End)[0], keyed = Rfm.Summarize<int>(ids, local, amounts, End, RfmOptions.Days, null)[1].Value;
        Assert.Equal((plain.Frequency, plain.Recency, plain.Age, plain.TotalSpend), (keyed.Frequency, keyed.Recency, keyed.Age, keyed.TotalSpend));
        Assert.Equal(1, Rfm.Summarize<int>(ids, instants, plusOne, amounts, End, RfmOptions.Days, null).Summary.ExcludedAfterEnd);
    }

    [Fact]
    public void A_reused_key_map_keeps_its_indexes_and_rejects_unknown_keys()
    {
        var map = CustomerKeys.Create<long>([900_000_000_001, 900_000_000_002, 900_000_000_003]);
        long[] customers = [900_000_000_003, 900_000_000_001];
        DateOnly[] dates = [new(2020, 1, 2), new(2020, 1, 3)];
        var keyed = Rfm.Summarize<long>(customers, dates, [5.0, 6.0], End, RfmOptions.Days, map);
        Assert.Same(map, keyed.Keys);
        Assert.Equal([0, 2], keyed.Summary.CustomerIds.ToArray());
        Assert.Equal(900_000_000_001, keyed.KeyAt(0));
        Assert.Equal(-1, keyed.IndexOf(900_000_000_002)); // in the map, no transaction
        var error = Assert.Throws<ArgumentException>(() => Rfm.Summarize<long>([7L], [End], [1.0], End, RfmOptions.Days, map));
        Assert.Contains("keys[0] is '7'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => keyed.KeyAt(2));
    }

    [Fact]
    public void Bad_rows_are_named_by_their_position_in_the_callers_order()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Rfm.Summarize<string>(["a", "b"], [End, End], [1.0, double.NaN], End, RfmOptions.Days, null));
        Assert.Contains("amounts[1]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Rfm.Summarize<string>(["a"], [End, End], [1.0], End, RfmOptions.Days, null));
        Assert.Throws<ArgumentNullException>(() => Rfm.Summarize<string>(["a"], [DateTimeOffset.UnixEpoch], null!, [1.0], End, RfmOptions.Days, null));
    }

    [Fact]
    public void Keyed_historical_clv_equals_the_int_path_per_key()
    {
        string[] customers = ["x", "y", "x", "z", "y", "x"];
        decimal[] amounts = [10m, 5m, 2.5m, 7m, -1m, 0.5m];
        var clv = Clv.Historical<string>(customers, amounts, 0.4m, null);
        Assert.Equal(3, clv.Count);
        Assert.Equal(new KeyValuePair<string, HistoricalClv<decimal>>("x", new HistoricalClv<decimal>(3, 13m, 5.2m)), clv[0]);
        Assert.Equal(new KeyValuePair<string, HistoricalClv<decimal>>("y", new HistoricalClv<decimal>(2, 4m, 1.6m)), clv[1]);
        Assert.Equal("z", clv.KeyAt(2));
        Assert.Equal(new HistoricalClv<decimal>(6, 24m, 9.6m), clv.Total);
        Assert.Equal(Clv.Historical([0, 1, 0, 2, 1, 0], amounts, 0.4m).Total, clv.Total);
        Assert.Throws<ArgumentException>(() => Clv.Historical<string>(["x"], [], 0.4m, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => clv.KeyAt(3));
    }
}
