using System.Collections.ObjectModel;
using CustomerMetrics.Surveys;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>The sequence overloads give what the span path gives, for every way a caller may hold the scores.</summary>
public class SurveyInputOverloadTests
{
    private static IEnumerable<IEnumerable<byte>> Holders(byte[] values)
    {
        yield return values;                                    // array: viewed in place
        yield return new List<byte>(values);                    // List<T>: CollectionsMarshal.AsSpan
        yield return new Collection<byte>([.. values]);         // ICollection<T>: pooled copy
        yield return values.Select(v => v);                     // lazy sequence: pooled, grown buffer
        yield return values.Where(_ => true);                   // count unknown up front
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 60)]
    public void Every_holder_gives_the_span_result(Entries entries)
    {
        byte[] v = entries.Values;
        NpsResult nps = Nps.CalculateLenient(v.AsSpan());
        CsatResult csat = Csat.CalculateLenient(v.AsSpan(), 5);
        CesResult ces = Ces.CalculateLenient(v.AsSpan(), CesScale.SevenPointAgreement);
        foreach (IEnumerable<byte> holder in Holders(v))
        {
            Assert.Equal(nps, Nps.CalculateLenient(holder));
            Assert.Equal(csat, Csat.CalculateLenient(holder));
            Assert.Equal(csat, Csat.CalculateLenient(holder, 5));
            Assert.Equal(ces, Ces.CalculateLenient(holder, CesScale.SevenPointAgreement));
            Assert.Equal(Nps.CalculateLenient(v.Select(x => (int)x).ToArray().AsSpan()), Nps.CalculateLenient(holder.Select(x => (int)x)));
        }
    }

    [Fact]
    public void A_list_of_scores_compiles_and_counts()
    {
        List<byte> scores = [10, 9, 8, 7, 3];
        List<int> ints = [10, 9, 8, 7, 3];
        Assert.Equal(20, Nps.Calculate(scores).Score, 12);  // 2 promoters, 1 detractor of 5
        Assert.Equal(20, Nps.Calculate(ints).Score, 12);
        Assert.Equal(0.5, Csat.Calculate(new List<byte> { 5, 4, 3, 1 }).SatisfiedShare, 12);
        Assert.Equal(1, Csat.Calculate(new List<byte> { 3 }, 3).Satisfied);
        Assert.Equal(4, Ces.Calculate(new List<byte> { 3, 5 }, CesScale.SevenPointAgreement).Mean, 12);
    }

    [Fact]
    public void Strict_overloads_name_the_position_of_a_bad_score_and_reject_null()
    {
        var list = new List<byte> { 10, 9, 11 };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(list));
        Assert.Contains("[2] is 11", error.Message, StringComparison.Ordinal);
        var lazy = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(list.Select(x => (int)x)));
        Assert.Contains("[2] is 11", lazy.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Csat.Calculate(new List<byte> { 6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ces.Calculate(new List<byte> { 0 }, CesScale.FivePointEffort));
        Assert.Throws<ArgumentNullException>(() => Nps.Calculate((List<byte>)null!));
        Assert.Throws<ArgumentNullException>(() => Csat.CalculateLenient((IEnumerable<byte>)null!));
    }

    [Fact]
    public void Empty_sequences_give_the_empty_result()
    {
        Assert.True(double.IsNaN(Nps.Calculate(new List<byte>()).Score));
        Assert.True(double.IsNaN(Nps.Calculate(Enumerable.Empty<int>()).Score));
    }

    [Fact]
    public void Lists_and_arrays_are_read_in_place_without_allocating()
    {
        var list = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 11)).ToList();
        IEnumerable<byte> asSequence = list;
        _ = Nps.Calculate(list);
        _ = Nps.Calculate(asSequence.Where(_ => true)); // warm the pool
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = Nps.Calculate(list);
        _ = Csat.CalculateLenient(asSequence, 10);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }
}
