using CustomerMetrics.Internal;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// Return on marketing investment in its standard form, ROI = (return − cost) ÷ cost, and, under a different name
/// because it is a different quantity, the revenue-to-cost ratio (ROAS-like) that some sources call "ROI".
/// </summary>
/// <remarks>
/// <para>A ROI of 0 is break-even; a revenue-to-cost ratio of 1 is "revenue covers spend" and says nothing about
/// profit. With return = gross profit, ROI = (gross profit − cost) ÷ cost; with return = revenue it overstates profit.</para>
/// <para>LTV:CAC (<see cref="Acquisition.UnitEconomics.LtvToCac"/>) is the per-customer cousin of
/// <see cref="ClvCampaignRoi"/>: LTV:CAC = 3 corresponds to a CLV-based ROI of 2 (200 %).</para>
/// <threadsafety>All members are pure and thread-safe.</threadsafety>
/// </remarks>
public static class MarketingRoi
{
    /// <summary>ROI = (return − cost) ÷ cost, a fraction (0.25 = 25 %).</summary>
    /// <param name="returnAmount">What the investment returned (gross profit, preferably), currency units, finite.</param>
    /// <param name="cost">The investment, currency units, finite and &gt; 0.</param>
    /// <returns>The ROI as a fraction.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cost"/> is not &gt; 0, or an input is not finite.</exception>
    public static double Roi(double returnAmount, double cost)
    {
        Guard.Finite(returnAmount);
        PositiveCost(cost);
        return (returnAmount - cost) / cost;
    }

    /// <summary>
    /// The revenue-to-cost ratio revenue ÷ cost (return on ad spend, ROAS; some sources call it ROI). Not a ROI:
    /// 1 means revenue equals spend, not break-even on profit.
    /// </summary>
    /// <param name="revenue">Revenue attributed to the spend, currency units, finite and ≥ 0.</param>
    /// <param name="cost">The spend, currency units, finite and &gt; 0.</param>
    /// <returns>The ratio (dimensionless; 4 means "4 : 1").</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cost"/> is not &gt; 0, or <paramref name="revenue"/> is negative or not finite.</exception>
    public static double RevenueToCostRatio(double revenue, double cost)
    {
        Guard.NonNegativeFinite(revenue);
        PositiveCost(cost);
        return revenue / cost;
    }

    /// <summary>CLV-based campaign ROI = (customers acquired × CLV − campaign cost) ÷ campaign cost, a fraction.</summary>
    /// <param name="customersAcquired">Customers the campaign acquired, ≥ 0.</param>
    /// <param name="clv">Customer lifetime value per acquired customer (margin-based, discounted), currency units, finite.</param>
    /// <param name="cost">Campaign cost, currency units, finite and &gt; 0.</param>
    /// <returns>The ROI as a fraction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range or not finite.</exception>
    public static double ClvCampaignRoi(long customersAcquired, double clv, double cost)
    {
        Guard.NonNegative(customersAcquired);
        Guard.Finite(clv);
        return Roi(customersAcquired * clv, cost);
    }

    private static void PositiveCost(double cost)
    {
        if (!(cost > 0) || double.IsPositiveInfinity(cost))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(cost), cost, "finite costs > 0 (ROI divides by the cost)");
        }
    }
}
