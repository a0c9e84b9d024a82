using CustomerMetrics.Internal;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Internal;

public class EnumMembersTests
{
    [Fact]
    public void Answers_as_Enum_IsDefined_for_every_value_near_the_members()
    {
        for (int v = -3; v <= 40; v++)
        {
            Assert.Equal(Enum.IsDefined((ModelFitMethod)v), EnumMembers<ModelFitMethod>.IsDefined((ModelFitMethod)v));
            Assert.Equal(Enum.IsDefined((JoinAndChurn)v), EnumMembers<JoinAndChurn>.IsDefined((JoinAndChurn)v));
            Assert.Equal(Enum.IsDefined((ChurnDenominator)v), EnumMembers<ChurnDenominator>.IsDefined((ChurnDenominator)v));
            Assert.Equal(Enum.IsDefined((BillingInterval)v), EnumMembers<BillingInterval>.IsDefined((BillingInterval)v));
            Assert.Equal(Enum.IsDefined((DiscountKind)v), EnumMembers<DiscountKind>.IsDefined((DiscountKind)v));
        }
    }

    [Fact]
    public void Guard_Defined_names_the_argument_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Defined((ChurnDenominator)17, "denominator"));
        Assert.Equal("denominator", e.ParamName);
        Assert.Contains("17", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_after_a_full_GC_allocates_nothing()
    {
        Guard.Defined(ChurnDenominator.StartOfPeriod);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Guard.Defined(ChurnDenominator.StartOfPeriod);
        bool named = EnumMembers<BillingInterval>.IsDefined(BillingInterval.Month);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(named);
        Assert.Equal(0, after - before);
    }
}
