using System.Numerics;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Net revenue retention and the quick ratio of <see cref="MrrMovements{T}"/> with an explicit choice of whether
/// reactivation counts. <see cref="MrrMovements{T}.NetRevenueRetention"/> and <see cref="MrrMovements{T}.QuickRatio"/>
/// leave it out; some vendors add it (ChartMogul's quick ratio lists reactivation among the gains).
/// </summary>
public static class MrrMovementsReactivation
{
    /// <summary>NRR = (start + expansion − contraction − churned [+ reactivation]) ÷ start, a fraction; NaN when starting MRR is 0.</summary>
    /// <typeparam name="T">The money type.</typeparam>
    /// <param name="movements">The movements.</param>
    /// <param name="countReactivation">Whether reactivation MRR counts as retained.</param>
    /// <returns>The fraction (1.1 = 110 %).</returns>
    public static double NetRevenueRetention<T>(this MrrMovements<T> movements, bool countReactivation)
        where T : struct, INumber<T> =>
        Ratio(movements.StartingMrr + movements.ExpansionMrr - movements.ContractionMrr - movements.ChurnedMrr
            + (countReactivation ? movements.ReactivationMrr : T.Zero), movements.StartingMrr);

    /// <summary>Quick ratio = (new + expansion [+ reactivation]) ÷ (churned + contraction); NaN when nothing was lost.</summary>
    /// <typeparam name="T">The money type.</typeparam>
    /// <param name="movements">The movements.</param>
    /// <param name="countReactivation">Whether reactivation MRR counts among the gains.</param>
    /// <returns>The ratio, dimensionless.</returns>
    public static double QuickRatio<T>(this MrrMovements<T> movements, bool countReactivation)
        where T : struct, INumber<T> =>
        Ratio(movements.NewMrr + movements.ExpansionMrr + (countReactivation ? movements.ReactivationMrr : T.Zero),
            movements.ChurnedMrr + movements.ContractionMrr);

    private static double Ratio<T>(T numerator, T denominator)
        where T : struct, INumber<T> =>
        denominator == T.Zero ? double.NaN : double.CreateChecked(numerator) / double.CreateChecked(denominator);
}
