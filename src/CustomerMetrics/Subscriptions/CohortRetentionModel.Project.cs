using System.Globalization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Subscriptions;

public static partial class CohortRetentionModel
{
    /// <summary>
    /// Projects every cohort of <paramref name="table"/> to ages 0 … <paramref name="horizon"/> − 1 with the pooled sBG model,
    /// and gives each acquisition cohort's lifetime value over that horizon, with delta-method intervals.
    /// </summary>
    /// <param name="table">A cohort table with at least one cohort observed past its first period.</param>
    /// <param name="horizon">Ages per cohort lifetime, in the table's period unit (36 for three years of months): 1 to <see cref="MaxHorizon"/>. Observed ages at or beyond it are left out of the lifetime value.</param>
    /// <param name="discountRate">Discount rate per period, a fraction ≥ 0 (0.01 per month); revenue at age a is divided by (1 + d)^a, so values are as of each cohort's first period.</param>
    /// <param name="confidenceLevel">Nominal coverage of the intervals, in (0, 1); 0.95 by default.</param>
    /// <returns>The curves, the all-cohort curve and the lifetime values; the fits are in <see cref="CohortProjection.Fit"/>.</returns>
    /// <remarks>
    /// <para><b>Survival.</b> Given sₘ survivors at a cohort's last observed age m, the expected active customers at age k &gt; m
    /// are sₘ · S(k)/S(m) with the pooled model's S: the survivors' churn probabilities follow Beta(α, β + m), which is the
    /// exact conditional expectation under the sBG (Fader &amp; Hardie 2007, eq. 4). Each cohort is projected from its own
    /// survivors with the pooled parameters (a young cohort cannot identify its own; the per-cohort fits are in
    /// <see cref="CohortProjection.Fit"/> for comparison).</para>
    /// <para><b>Revenue.</b> Assumption: the revenue per active customer of a cohort stays at its last observed value,
    /// revenue(c, m) ÷ active(c, m) (constant ARPA of survivors; no further expansion or contraction). Expected revenue at age
    /// k is that times the expected actives; revenue retention divides it by the cohort's first-period revenue (NaN when that
    /// is 0). The all-cohort revenue retention uses the cohorts with positive first-period revenue, as
    /// <see cref="CohortTable.AverageRevenueRetentionCurve"/> does.</para>
    /// <para><b>Lifetime value.</b> Observed revenue at ages 0 … min(m, horizon − 1) plus the expected revenue at ages
    /// m + 1 … horizon − 1, each discounted by (1 + d)^age: the value of a cohort as of its first period, comparable across
    /// cohorts because every cohort gets the same lifetime horizon.</para>
    /// <para><b>Intervals.</b> The delta method on the covariance of (ln α, ln β) (the inverse observed information of the
    /// pooled likelihood), with analytic gradients of ln S(t); symmetric on the logit scale for survival fractions and on
    /// the log scale for revenue and revenue retention, so bounds stay in range. They describe the uncertainty of the
    /// expected values from the model's parameters, not the spread of the counts a cohort will realise, and treat the
    /// revenue per survivor as known. Observed values have zero-width bounds. Coverage measured by seeded simulation is in
    /// the test suite and the README.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The table is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The horizon is outside 1 … <see cref="MaxHorizon"/>, the rate is negative, NaN or ∞, or the level is not in (0, 1).</exception>
    /// <exception cref="ModelFitException">The pooled fit did not converge (the message gives its reason): no projection is made from a ridge or a start point.</exception>
    public static CohortProjection Project(CohortTable table, int horizon, double discountRate = 0, double confidenceLevel = 0.95)
    {
        Guard.InRange(horizon, 1, MaxHorizon);
        Guard.NonNegativeFinite(discountRate);
        Guard.ConfidenceLevel(confidenceLevel);
        if (table.IsEmpty)
        {
            ThrowHelper.Argument(nameof(table), "The cohort table is empty: there is nothing to project.");
        }

        CohortRetentionFit fit = Fit(table);
        ShiftedBetaGeometricModel pooled = fit.Pooled;
        if (!pooled.FitInfo.Converged)
        {
            ModelFitException.Throw(string.Create(CultureInfo.InvariantCulture,
                $"The pooled sBG fit of the cohort table did not converge, so nothing is projected: {pooled.FitInfo.Reason}"));
        }

        int n = table.CohortCount;
        var curve = new SurvivalCurve(pooled.Alpha, pooled.Beta, Math.Max(horizon, n));
        Matrix<double>? covariance = Covariance(table, pooled);
        double z = Normal.InvCDF(0, 1, 0.5 + (confidenceLevel / 2));
        var bracket = new Bracketing(covariance, z);

        var points = new CohortProjectionPoint[n * horizon];
        var values = new CohortValue[n];
        var discount = new double[horizon];
        for (int age = 0; age < horizon; age++)
        {
            discount[age] = Math.Pow(1 + discountRate, -age);
        }

        // All-cohort sums per age: actives, revenue, revenue of cohorts with positive first revenue, and their gradients.
        var active = new Accumulator[horizon];
        var revenue = new Accumulator[horizon];
        var retained = new Accumulator[horizon];
        double allCustomers = 0, firstRevenue = 0;
        var total = new Accumulator();
        double totalObserved = 0;

        for (int row = 0; row < n; row++)
        {
            int cohort = table.FirstCohort + row;
            long[] survivors = Survivors(table, row, out _);
            int last = survivors.Length - 1;
            double size = survivors[0], alive = survivors[last];
            double activeLast = table.ActiveCustomers[(row * n) + last];
            double perSurvivor = activeLast > 0 ? table.Revenue[(row * n) + last] / activeLast : 0;
            double first = table.Revenue[row * n];
            allCustomers += size;
            firstRevenue += first;
            var value = new Accumulator();
            var observed = new NeumaierSum();
            for (int age = 0; age < horizon; age++)
            {
                CohortProjectionPoint point;
                if (age <= last)
                {
                    long activeNow = table.ActiveCustomers[(row * n) + age];
                    double revenueNow = table.Revenue[(row * n) + age];
                    double survival = size == 0 ? double.NaN : activeNow / size;
                    double retention = first == 0 ? double.NaN : revenueNow / first;
                    point = new CohortProjectionPoint(cohort, age, true, survival, survival, survival, revenueNow, revenueNow, revenueNow, retention, retention, retention);
                    observed.Add(revenueNow * discount[age]);
                    active[age].Add(activeNow, 0, 0);
                    revenue[age].Add(revenueNow, 0, 0);
                    if (first > 0)
                    {
                        retained[age].Add(revenueNow, 0, 0);
                    }
                }
                else
                {
                    // E[active(k)] = s_m S(k)/S(m); its gradient in (ln α, ln β) is E · (∇ln S(k) − ∇ln S(m)).
                    double expected = alive * Math.Exp(curve.LogSurvival[age] - curve.LogSurvival[last]);
                    double gA = expected * (curve.GradientAlpha[age] - curve.GradientAlpha[last]);
                    double gB = expected * (curve.GradientBeta[age] - curve.GradientBeta[last]);
                    double money = perSurvivor * expected;
                    (double sLow, double sHigh) = size == 0 ? (double.NaN, double.NaN) : bracket.Logit(expected / size, gA / size, gB / size);
                    double survival = size == 0 ? double.NaN : expected / size;
                    (double rLow, double rHigh) = bracket.Log(money, perSurvivor * gA, perSurvivor * gB);
                    double retention = first == 0 ? double.NaN : money / first;
                    point = new CohortProjectionPoint(cohort, age, false, survival, sLow, sHigh, money, rLow, rHigh,
                        retention, first == 0 ? double.NaN : rLow / first, first == 0 ? double.NaN : rHigh / first);
                    value.Add(money * discount[age], perSurvivor * gA * discount[age], perSurvivor * gB * discount[age]);
                    active[age].Add(expected, gA, gB);
                    revenue[age].Add(money, perSurvivor * gA, perSurvivor * gB);
                    if (first > 0)
                    {
                        retained[age].Add(money, perSurvivor * gA, perSurvivor * gB);
                    }
                }

                points[(row * horizon) + age] = point;
            }

            (double low, double high) = bracket.Log(value.Value, value.GradientAlpha, value.GradientBeta);
            values[row] = new CohortValue(cohort, survivors[0], observed.Value, value.Value, low, high);
            total.Add(value.Value, value.GradientAlpha, value.GradientBeta);
            totalObserved += observed.Value;
        }

        var average = new CohortProjectionPoint[horizon];
        for (int age = 0; age < horizon; age++)
        {
            Accumulator a = active[age], r = revenue[age], k = retained[age];
            double survival = allCustomers == 0 ? double.NaN : Math.Min(a.Value / allCustomers, 1);
            (double sLow, double sHigh) = allCustomers == 0 ? (double.NaN, double.NaN)
                : bracket.Logit(survival, a.GradientAlpha / allCustomers, a.GradientBeta / allCustomers);
            (double rLow, double rHigh) = bracket.Log(r.Value, r.GradientAlpha, r.GradientBeta);
            double retention = firstRevenue == 0 ? double.NaN : k.Value / firstRevenue;
            (double kLow, double kHigh) = firstRevenue == 0 ? (double.NaN, double.NaN) : bracket.Log(retention, k.GradientAlpha / firstRevenue, k.GradientBeta / firstRevenue);
            average[age] = new CohortProjectionPoint(null, age, age == 0, survival, sLow, sHigh, r.Value, rLow, rHigh, retention, kLow, kHigh);
        }

        (double totalLow, double totalHigh) = bracket.Log(total.Value, total.GradientAlpha, total.GradientBeta);
        var totalValue = new CohortValue(null, (long)allCustomers, totalObserved, total.Value, totalLow, totalHigh);
        return new CohortProjection(fit, horizon, discountRate, confidenceLevel, points, average, values, totalValue);
    }

    /// <summary>Covariance of (ln α, ln β) from the pooled likelihood's observed information; null when not positive definite.</summary>
    private static Matrix<double>? Covariance(CohortTable table, ShiftedBetaGeometricModel pooled)
    {
        int n = table.CohortCount;
        var lost = new double[n];
        var censored = new double[n];
        for (int row = 0; row < n; row++)
        {
            long[] survivors = Survivors(table, row, out _);
            int last = survivors.Length - 1;
            for (int t = 1; t <= last; t++)
            {
                lost[t] += survivors[t - 1] - survivors[t];
            }

            censored[last] += survivors[last];
        }

        var data = new ShiftedBetaGeometricCensoredData(lost, censored);
        return PredictionDelta.LogCovariance(data.NegativeLogLikelihood, [Math.Log(pooled.Alpha), Math.Log(pooled.Beta)]);
    }

    /// <summary>ln S(t) for t = 0 … length − 1 and its derivatives in ln α and ln β, by the recursion S(t) = S(t − 1)(β + t − 1)/(α + β + t − 1).</summary>
    private sealed class SurvivalCurve
    {
        public SurvivalCurve(double alpha, double beta, int length)
        {
            LogSurvival = new double[length];
            GradientAlpha = new double[length];
            GradientBeta = new double[length];
            double lnS = 0, dA = 0, dB = 0;
            for (int t = 1; t < length; t++)
            {
                double ab = alpha + beta + (t - 1);
                lnS += Math.Log(beta + (t - 1)) - Math.Log(ab);
                dA -= 1 / ab;
                dB += (1 / (beta + (t - 1))) - (1 / ab);
                LogSurvival[t] = lnS;
                GradientAlpha[t] = dA * alpha;
                GradientBeta[t] = dB * beta;
            }
        }

        public double[] LogSurvival { get; }

        public double[] GradientAlpha { get; }

        public double[] GradientBeta { get; }
    }

    /// <summary>A sum of expected values with its gradient in (ln α, ln β), compensated.</summary>
    private struct Accumulator
    {
        private NeumaierSum _value;
        private NeumaierSum _alpha;
        private NeumaierSum _beta;

        public readonly double Value => _value.Value;

        public readonly double GradientAlpha => _alpha.Value;

        public readonly double GradientBeta => _beta.Value;

        public void Add(double value, double gradientAlpha, double gradientBeta)
        {
            _value.Add(value);
            _alpha.Add(gradientAlpha);
            _beta.Add(gradientBeta);
        }
    }

    /// <summary>Delta-method bounds from a value and its gradient in (ln α, ln β).</summary>
    private readonly struct Bracketing(Matrix<double>? covariance, double z)
    {
        /// <summary>Bounds symmetric on the log scale (positive quantities); zero width at 0 or with a zero gradient.</summary>
        public (double Lower, double Upper) Log(double value, double gradientAlpha, double gradientBeta)
        {
            if (!(value > 0) || (gradientAlpha == 0 && gradientBeta == 0))
            {
                return (value, value);
            }

            double se = StandardError(gradientAlpha, gradientBeta) / value;
            if (double.IsNaN(se))
            {
                return (double.NaN, double.NaN);
            }

            return (Math.Min(value, value * Math.Exp(-z * se)), Math.Max(value, value * Math.Exp(z * se)));
        }

        /// <summary>Bounds symmetric on the logit scale (fractions); zero width at 0, 1 or with a zero gradient.</summary>
        public (double Lower, double Upper) Logit(double value, double gradientAlpha, double gradientBeta)
        {
            if (!(value > 0 && value < 1) || (gradientAlpha == 0 && gradientBeta == 0))
            {
                return (value, value);
            }

            double se = StandardError(gradientAlpha, gradientBeta) / (value * (1 - value));
            if (double.IsNaN(se))
            {
                return (double.NaN, double.NaN);
            }

            double logit = Math.Log(value / (1 - value));
            double lower = 1 / (1 + Math.Exp(-(logit - (z * se)))), upper = 1 / (1 + Math.Exp(-(logit + (z * se))));
            return (Math.Min(value, lower), Math.Max(value, upper));
        }

        private double StandardError(double gradientAlpha, double gradientBeta)
        {
            if (covariance is null)
            {
                return double.NaN;
            }

            double variance = (gradientAlpha * gradientAlpha * covariance[0, 0]) + (2 * gradientAlpha * gradientBeta * covariance[0, 1])
                + (gradientBeta * gradientBeta * covariance[1, 1]);
            return Math.Sqrt(Math.Max(variance, 0));
        }
    }
}
