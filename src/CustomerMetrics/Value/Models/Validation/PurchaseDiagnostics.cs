using CustomerMetrics.Internal;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// Model diagnostics as plot-ready data for any <see cref="IPurchaseModel"/> (BG/NBD, Pareto/NBD, MBG/NBD): calibration
/// versus holdout by frequency, the tracking series, the repeat-purchase histogram, frequency–recency matrices, a model
/// comparison table and the likelihood-ratio test (Fader, Hardie &amp; Lee 2005, <i>"Counting Your Customers" the Easy Way</i>, §4).
/// </summary>
/// <threadsafety>Static and pure; safe from any thread (the models are immutable).</threadsafety>
public static class PurchaseDiagnostics
{
    /// <summary>Mean actual holdout purchases against the model's mean E[Y(t) | x, tₓ, T] per calibration frequency (t = the holdout length).</summary>
    /// <param name="split">The calibration/holdout split.</param>
    /// <param name="model">A model fitted on <c>split.Calibration</c> (same time unit).</param>
    /// <param name="maxFrequency">The last bin holds every x ≥ this, ≥ 0 (7 in Fader, Hardie &amp; Lee 2005).</param>
    /// <returns>One bin per frequency 0 … maxFrequency; empty bins hold NaN means.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="split"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrequency"/> is negative.</exception>
    public static HoldoutByFrequency CalibrationVersusHoldout(CalibrationHoldoutSplit split, IPurchaseModel model, int maxFrequency = 7)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(model);
        Guard.NonNegative(maxFrequency);
        int bins = maxFrequency + 1;
        var customers = new double[bins];
        var actual = new NeumaierSum[bins];
        var expected = new NeumaierSum[bins];
        RfmSummary c = split.Calibration;
        for (int i = 0; i < c.Count; i++)
        {
            int bin = (int)Math.Min(c.Frequency[i], maxFrequency);
            customers[bin]++;
            actual[bin].Add(split.HoldoutPurchases[i]);
            expected[bin].Add(model.ConditionalExpectedPurchases(split.HoldoutLength, c.Frequency[i], c.Recency[i], c.Age[i]));
        }

        var frequency = new double[bins];
        var actualMean = new double[bins];
        var expectedMean = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            frequency[b] = b;
            actualMean[b] = customers[b] > 0 ? actual[b].Value / customers[b] : double.NaN;
            expectedMean[b] = customers[b] > 0 ? expected[b].Value / customers[b] : double.NaN;
        }

        return new HoldoutByFrequency(frequency, customers, actualMean, expectedMean);
    }

    /// <summary>
    /// Expected against actual repeat transactions per period of <paramref name="unit"/> from <paramref name="start"/>, for the
    /// customers whose first purchase is on or before <paramref name="calibrationEnd"/>. Purchases on the same day merge; a
    /// customer's first purchase day is not a repeat. Period k holds days start + ⌊kL⌋ … start + ⌊(k+1)L⌋ − 1; the expectation to
    /// the end D of a period is Σ over customers first seen on day f ≤ D of E[X((D − f)/L)].
    /// </summary>
    /// <param name="model">A model fitted in <paramref name="unit"/>.</param>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="dates">Date of each transaction.</param>
    /// <param name="start">First day of period 0 (typically the first day of the log).</param>
    /// <param name="calibrationEnd">Customers first seen after this day are left out (they are not in the calibration set).</param>
    /// <param name="periods">Number of periods, ≥ 1.</param>
    /// <param name="unit">The period (and the model's time unit).</param>
    /// <returns>The series; transactions before <paramref name="start"/> or after the last period are ignored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length or the unit is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> &lt; 1.</exception>
    public static TrackingSeries Tracking(IPurchaseModel model, ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates,
        DateOnly start, DateOnly calibrationEnd, int periods, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.SameLength(customerIds.Length, dates.Length);
        unit.Validate(nameof(unit));
        if (periods < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(periods), periods, "at least 1");
        }

        double length = unit.LengthInDays;
        int startDay = start.DayNumber;
        var periodEnd = new int[periods];
        for (int k = 0; k < periods; k++)
        {
            periodEnd[k] = startDay + (int)Math.Floor((k + 1) * length) - 1;
        }

        // Distinct purchase days per customer; first day per customer.
        var days = new Dictionary<int, SortedSet<int>>();
        for (int i = 0; i < customerIds.Length; i++)
        {
            if (!days.TryGetValue(customerIds[i], out var set))
            {
                days[customerIds[i]] = set = [];
            }

            set.Add(dates[i].DayNumber);
        }

        var actual = new double[periods];
        var cohorts = new SortedDictionary<int, int>();
        foreach (var set in days.Values)
        {
            int first = set.Min;
            if (first > calibrationEnd.DayNumber)
            {
                continue;
            }

            cohorts[first] = cohorts.GetValueOrDefault(first) + 1;
            foreach (int day in set)
            {
                if (day > first && day >= startDay && day <= periodEnd[^1])
                {
                    actual[(int)Math.Floor((day - startDay + 1 - 1e-9) / length)]++;
                }
            }
        }

        var expectedCumulative = new double[periods];
        var actualCumulative = new double[periods];
        var expected = new double[periods];
        var ends = new DateOnly[periods];
        for (int k = 0; k < periods; k++)
        {
            var sum = default(NeumaierSum);
            foreach (var (first, count) in cohorts)
            {
                if (first <= periodEnd[k])
                {
                    sum.Add(count * model.ExpectedPurchases((periodEnd[k] - first) / length));
                }
            }

            expectedCumulative[k] = sum.Value;
            expected[k] = expectedCumulative[k] - (k > 0 ? expectedCumulative[k - 1] : 0);
            actualCumulative[k] = actual[k] + (k > 0 ? actualCumulative[k - 1] : 0);
            ends[k] = DateOnly.FromDayNumber(periodEnd[k]);
        }

        return new TrackingSeries(ends, actual, expected, actualCumulative, expectedCumulative);
    }

    /// <summary>Customers by repeat purchases x = 0 … max − 1 and x ≥ max, actual and expected Σᵢ P(X(Tᵢ) = n).</summary>
    /// <param name="summary">The calibration summary.</param>
    /// <param name="model">A model fitted on it.</param>
    /// <param name="maxPurchases">The last bin holds every x ≥ this, ≥ 1.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPurchases"/> &lt; 1.</exception>
    public static PurchaseHistogram RepeatPurchases(RfmSummary summary, IPurchaseModel model, int maxPurchases = 7)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(model);
        if (maxPurchases < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxPurchases), maxPurchases, "at least 1");
        }

        var actual = new double[maxPurchases + 1];
        var ages = new SortedDictionary<double, int>();
        for (int i = 0; i < summary.Count; i++)
        {
            actual[(int)Math.Min(summary.Frequency[i], maxPurchases)]++;
            double age = summary.Age[i];
            ages[age] = ages.GetValueOrDefault(age) + 1;
        }

        var expected = new NeumaierSum[maxPurchases + 1];
        foreach (var (age, count) in ages)
        {
            double rest = 1;
            for (int n = 0; n < maxPurchases; n++)
            {
                double p = model.ProbabilityOfPurchases(age, n);
                expected[n].Add(count * p);
                rest -= p;
            }

            expected[maxPurchases].Add(count * Math.Max(rest, 0));
        }

        return new PurchaseHistogram([.. Enumerable.Range(0, maxPurchases + 1)], actual, [.. expected.Select(e => e.Value)]);
    }

    /// <summary>E[Y(t) | x, tₓ, T] on the grid x = 0 … maxFrequency, tₓ = T·j/steps for j = 0 … steps.</summary>
    /// <param name="model">The model.</param>
    /// <param name="t">Future period, ≥ 0.</param>
    /// <param name="maxFrequency">Largest x, ≥ 0.</param>
    /// <param name="age">T &gt; 0.</param>
    /// <param name="recencySteps">Columns − 1, ≥ 1.</param>
    /// <returns>The matrix (NaN where x = 0 and tₓ &gt; 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or time is out of range.</exception>
    public static FrequencyRecencyMatrix ExpectedPurchasesMatrix(IPurchaseModel model, double t, int maxFrequency, double age, int recencySteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Matrix(maxFrequency, age, recencySteps, (x, tx) => model.ConditionalExpectedPurchases(t, x, tx, age));
    }

    /// <summary>P(alive | x, tₓ, T) on the grid x = 0 … maxFrequency, tₓ = T·j/steps for j = 0 … steps.</summary>
    /// <param name="model">The model.</param>
    /// <param name="maxFrequency">Largest x, ≥ 0.</param>
    /// <param name="age">T &gt; 0.</param>
    /// <param name="recencySteps">Columns − 1, ≥ 1.</param>
    /// <returns>The matrix (NaN where x = 0 and tₓ &gt; 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or time is out of range.</exception>
    public static FrequencyRecencyMatrix ProbabilityAliveMatrix(IPurchaseModel model, int maxFrequency, double age, int recencySteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Matrix(maxFrequency, age, recencySteps, (x, tx) => model.ProbabilityAlive(x, tx, age));
    }

    /// <summary>
    /// A table comparing fitted models: LL, k, AIC, BIC (n = the model's <see cref="IPurchaseModel.Customers"/>), and the error of
    /// E[Y(t) | history] against the actual holdout purchases of <paramref name="split"/> per customer.
    /// </summary>
    /// <param name="split">The calibration/holdout split the models were fitted on.</param>
    /// <param name="models">Name, model and number of parameters of each.</param>
    /// <returns>One row per model, in the given order.</returns>
    /// <exception cref="ArgumentNullException">An argument or a model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter count is below 1.</exception>
    public static ModelComparisonRow[] Compare(CalibrationHoldoutSplit split, IReadOnlyList<(string Name, IPurchaseModel Model, int Parameters)> models)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(models);
        var rows = new ModelComparisonRow[models.Count];
        RfmSummary c = split.Calibration;
        for (int m = 0; m < models.Count; m++)
        {
            var (name, model, k) = models[m];
            ArgumentNullException.ThrowIfNull(model);
            if (k < 1)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(models), k, "parameter counts ≥ 1");
            }

            NeumaierSum squares = default, absolute = default, expected = default, actual = default;
            for (int i = 0; i < c.Count; i++)
            {
                double e = model.ConditionalExpectedPurchases(split.HoldoutLength, c.Frequency[i], c.Recency[i], c.Age[i]);
                double a = split.HoldoutPurchases[i];
                squares.Add((e - a) * (e - a));
                absolute.Add(Math.Abs(e - a));
                expected.Add(e);
                actual.Add(a);
            }

            double n = Math.Max(c.Count, 1);
            rows[m] = new ModelComparisonRow(name ?? string.Empty, model.LogLikelihood, k, ModelChecks.Aic(model.LogLikelihood, k),
                ModelChecks.Bic(model.LogLikelihood, k, model.Customers), Math.Sqrt(squares.Value / n), absolute.Value / n, expected.Value, actual.Value);
        }

        return rows;
    }

    /// <summary>The likelihood-ratio test of a restricted model nested in a fuller one (both fitted on the same data).</summary>
    /// <param name="restrictedLogLikelihood">LL of the restricted model.</param>
    /// <param name="restrictedParameters">Its number of parameters.</param>
    /// <param name="fullLogLikelihood">LL of the fuller model.</param>
    /// <param name="fullParameters">Its number of parameters, &gt; the restricted one's.</param>
    /// <returns>Statistic, degrees of freedom and p-value (χ² upper tail via the regularized incomplete gamma function).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A log-likelihood is not finite, or the parameter counts do not nest.</exception>
    public static LikelihoodRatioTest LikelihoodRatio(double restrictedLogLikelihood, int restrictedParameters, double fullLogLikelihood, int fullParameters)
    {
        Guard.Finite(restrictedLogLikelihood);
        Guard.Finite(fullLogLikelihood);
        Guard.NonNegative(restrictedParameters);
        if (fullParameters <= restrictedParameters)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(fullParameters), fullParameters, "counts above the restricted model's");
        }

        int df = fullParameters - restrictedParameters;
        double statistic = 2 * (fullLogLikelihood - restrictedLogLikelihood);
        double p = statistic <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2);
        return new LikelihoodRatioTest(statistic, df, p);
    }

    private static FrequencyRecencyMatrix Matrix(int maxFrequency, double age, int recencySteps, Func<double, double, double> value)
    {
        Guard.NonNegative(maxFrequency);
        if (!(age > 0) || double.IsPositiveInfinity(age))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(age), age, "finite numbers > 0");
        }

        if (recencySteps < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(recencySteps), recencySteps, "at least 1");
        }

        var frequency = new double[maxFrequency + 1];
        var recency = new double[recencySteps + 1];
        var values = new double[maxFrequency + 1, recencySteps + 1];
        for (int j = 0; j <= recencySteps; j++)
        {
            recency[j] = j == recencySteps ? age : age * j / recencySteps;
        }

        for (int x = 0; x <= maxFrequency; x++)
        {
            frequency[x] = x;
            for (int j = 0; j <= recencySteps; j++)
            {
                values[x, j] = x == 0 && j > 0 ? double.NaN : value(x, recency[j]);
            }
        }

        return new FrequencyRecencyMatrix(frequency, recency, age, values);
    }
}
