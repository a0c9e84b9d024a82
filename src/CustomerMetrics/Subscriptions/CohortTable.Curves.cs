namespace CustomerMetrics.Subscriptions;

public readonly partial record struct CohortTable
{
    /// <summary>The logo retention curve of one cohort, ages 0 to <see cref="LastObservedAge"/> (a new array).</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <returns>Fractions by age; all NaN for an empty cohort.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window.</exception>
    public double[] LogoRetentionCurve(int cohort)
    {
        var curve = new double[LastObservedAge(cohort) + 1];
        for (int age = 0; age < curve.Length; age++)
        {
            curve[age] = LogoRetention(cohort, age);
        }

        return curve;
    }

    /// <summary>The revenue retention curve of one cohort, ages 0 to <see cref="LastObservedAge"/> (a new array).</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <returns>Fractions by age; all NaN when the cohort's first-period revenue is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window.</exception>
    public double[] RevenueRetentionCurve(int cohort)
    {
        var curve = new double[LastObservedAge(cohort) + 1];
        for (int age = 0; age < curve.Length; age++)
        {
            curve[age] = RevenueRetention(cohort, age);
        }

        return curve;
    }

    /// <summary>
    /// The size-weighted average logo retention curve: at age k, Σ active(c, k) ÷ Σ customers(c) over the cohorts whose
    /// age k is observed. Ages 0 to <see cref="CohortCount"/> − 1 (a new array; empty for an empty table); NaN at an age
    /// where those cohorts have no customers.
    /// </summary>
    /// <returns>Fractions by age.</returns>
    public double[] AverageLogoRetentionCurve()
    {
        int n = CohortCount;
        var curve = new double[n];
        for (int age = 0; age < n; age++)
        {
            long active = 0, size = 0;
            for (int row = 0; row < n - age; row++)
            {
                active += ActiveCustomers[(row * n) + age];
                size += CohortSizes[row];
            }

            curve[age] = size == 0 ? double.NaN : (double)active / size;
        }

        return curve;
    }

    /// <summary>
    /// The average revenue retention curve, weighted by first-period revenue: at age k, Σ revenue(c, k) ÷ Σ revenue(c, 0)
    /// over the cohorts whose age k is observed <b>and whose first-period revenue is positive</b>. Ages 0 to
    /// <see cref="CohortCount"/> − 1 (a new array); NaN where no such cohort exists.
    /// </summary>
    /// <remarks>
    /// Why this weighting: it is the pooled dollar retention (every starting currency unit counts once, so a large
    /// cohort weighs as much as its revenue), the same quantity as a cohort NRR curve. A cohort with no first-period
    /// revenue (a free first month) has no defined revenue retention, so it is left out of numerator and denominator
    /// alike; counting its later revenue in the numerator only would lift the curve by revenue that had no base.
    /// The logo curve (<see cref="AverageLogoRetentionCurve"/>) is weighted by cohort size instead.
    /// </remarks>
    /// <returns>Fractions by age.</returns>
    public double[] AverageRevenueRetentionCurve()
    {
        int n = CohortCount;
        var curve = new double[n];
        for (int age = 0; age < n; age++)
        {
            double revenue = 0, first = 0;
            for (int row = 0; row < n - age; row++)
            {
                double start = Revenue[row * n];
                if (start > 0)
                {
                    revenue += Revenue[(row * n) + age];
                    first += start;
                }
            }

            curve[age] = first == 0 ? double.NaN : revenue / first;
        }

        return curve;
    }

    /// <summary>
    /// Cumulative revenue per customer of a cohort through an age (the cohort's realised LTV): Σ revenue(c, 0..k) ÷
    /// customers(c), currency units per customer.
    /// </summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <param name="age">Periods since the cohort period, 0 to <see cref="LastObservedAge"/>.</param>
    /// <returns>The revenue per customer; NaN for an empty cohort.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window or the age is not observed.</exception>
    public double CumulativeRevenuePerCustomer(int cohort, int age)
    {
        int cell = Cell(cohort, age);
        int rowStart = (cohort - FirstCohort) * CohortCount;
        long size = CohortSizes[cohort - FirstCohort];
        double sum = 0;
        for (int i = rowStart; i <= cell; i++)
        {
            sum += Revenue[i];
        }

        return size == 0 ? double.NaN : sum / size;
    }

    /// <summary>
    /// The size-weighted average cumulative revenue per customer: at age k, Σ over cohorts observed at k of
    /// Σ revenue(c, 0..k) ÷ Σ customers(c). Ages 0 to <see cref="CohortCount"/> − 1 (a new array); NaN where those cohorts have no customers.
    /// </summary>
    /// <returns>Currency units per customer by age.</returns>
    public double[] AverageCumulativeRevenuePerCustomer()
    {
        int n = CohortCount;
        var curve = new double[n];
        var running = new double[n];
        for (int age = 0; age < n; age++)
        {
            double revenue = 0;
            long size = 0;
            for (int row = 0; row < n - age; row++)
            {
                running[row] += Revenue[(row * n) + age];
                revenue += running[row];
                size += CohortSizes[row];
            }

            curve[age] = size == 0 ? double.NaN : revenue / size;
        }

        return curve;
    }
}
