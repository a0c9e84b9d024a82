using System.Globalization;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Right-censored survival data for the shifted-beta-geometric model, pooled over cohorts observed for different numbers
/// of periods: lost[t] customers churned in period t (t = 1 … M) and censored[t] customers were still active at age t when
/// observation ended. The multi-cohort log-likelihood is Σₜ lost[t] ln P(T = t) + Σₜ censored[t] ln S(t) (Fader &amp;
/// Hardie 2007, eq. 6, summed over cohorts as in Fader &amp; Hardie 2017, <i>Fitting the sBG Model to Multi-Cohort Data</i>);
/// a single cohort is the special case with one censored age.
/// </summary>
internal sealed class ShiftedBetaGeometricCensoredData
{
    private readonly double[] _lost;
    private readonly double[] _censored;

    /// <param name="lost">lost[t], t = 0 … M (lost[0] must be 0).</param>
    /// <param name="censored">censored[t], t = 0 … M (censored[0]: customers observed at age 0 only, which carry no information).</param>
    public ShiftedBetaGeometricCensoredData(double[] lost, double[] censored)
    {
        _lost = lost;
        _censored = censored;
        for (int t = 1; t < lost.Length; t++)
        {
            Lost += lost[t];
            if (t >= 2)
            {
                ObservedPastFirstPeriod += lost[t] + censored[t];
            }

            AtRisk += lost[t] + censored[t];
        }
    }

    /// <summary>Customers who churned in some observed period.</summary>
    public double Lost { get; }

    /// <summary>Customers observed for at least one period (at risk of churning in period 1).</summary>
    public double AtRisk { get; }

    /// <summary>Customers observed at age 2 or later (the only ones that separate α from β).</summary>
    public double ObservedPastFirstPeriod { get; }

    /// <summary>The oldest age observed.</summary>
    public int Periods => _lost.Length - 1;

    /// <summary>Why the data cannot identify α and β (null when they can): no fit is attempted then.</summary>
    public string? NotIdentified =>
        AtRisk == 0 ? "no customer has been observed for a full period yet: nothing to fit"
        : Lost == 0 ? "nobody churned in the observed periods, so the churn distribution is not identified (θ → 0)"
        : _lost[1] == AtRisk ? "everybody churned in the first period, so the churn distribution is not identified (θ → 1)"
        : ObservedPastFirstPeriod == 0 ? "only the first period's churn share α/(α + β) is observed (no customer is observed past age 1), which cannot separate α and β: at least two periods are needed"
        : null;

    /// <summary>Fits α, β (BFGS on ln α, ln β with the analytic gradient); <see cref="NotIdentified"/> or an optimiser failure gives an unfitted model whose fit information says why.</summary>
    public ShiftedBetaGeometricModel Fit(double cohortSize)
    {
        string? why = NotIdentified;
        if (why is not null)
        {
            return Unfitted(why, cohortSize);
        }

        double scale = AtRisk;
        double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            double value = -LogLikelihood(logParameters, gradient) / scale;
            gradient[0] /= -scale;
            gradient[1] /= -scale;
            return value;
        }

        ModelOptimizer.Result result;
        try
        {
            result = ModelOptimizer.Minimize(Objective, [0, 0], "sBG");
        }
        catch (ModelFitException e)
        {
            return Unfitted(e.Message, cohortSize);
        }

        double[] p = result.LogParameters;
        double[] errors = ModelOptimizer.StandardErrors(NegativeLogLikelihood, p);
        return new ShiftedBetaGeometricModel(Math.Exp(p[0]), Math.Exp(p[1]))
        {
            LogLikelihood = LogLikelihood(p, new double[2]),
            Periods = Periods,
            CohortSize = cohortSize,
            FitInfo = result.Info,
            AlphaStandardError = errors[0],
            BetaStandardError = errors[1],
        };
    }

    /// <summary>The total negative log-likelihood and its gradient in (ln α, ln β).</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double value = -LogLikelihood(logParameters, gradient);
        gradient[0] = -gradient[0];
        gradient[1] = -gradient[1];
        return value;
    }

    /// <summary>The log-likelihood and its gradient in (ln α, ln β), by the recursions of ln P(T = t) and ln S(t) in t.</summary>
    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double alpha = Math.Exp(logParameters[0]), beta = Math.Exp(logParameters[1]);
        double lnP = 0, pA = 0, pB = 0; // ln P(T = t) and its derivatives in α, β.
        double lnS = 0, sA = 0, sB = 0; // ln S(t) and its derivatives.
        double ll = 0, gA = 0, gB = 0;
        for (int t = 1; t < _lost.Length; t++)
        {
            double ab = alpha + beta + (t - 1);
            if (t == 1)
            {
                lnP = Math.Log(alpha) - Math.Log(alpha + beta);
                pA = (1 / alpha) - (1 / (alpha + beta));
                pB = -1 / (alpha + beta);
            }
            else
            {
                // P(t) = P(t − 1)(β + t − 2)/(α + β + t − 1).
                lnP += Math.Log(beta + (t - 2)) - Math.Log(ab);
                pA -= 1 / ab;
                pB += (1 / (beta + (t - 2))) - (1 / ab);
            }

            // S(t) = S(t − 1)(β + t − 1)/(α + β + t − 1).
            lnS += Math.Log(beta + (t - 1)) - Math.Log(ab);
            sA -= 1 / ab;
            sB += (1 / (beta + (t - 1))) - (1 / ab);

            double lost = _lost[t], alive = _censored[t];
            if (lost > 0)
            {
                ll += lost * lnP;
                gA += lost * pA;
                gB += lost * pB;
            }

            if (alive > 0)
            {
                ll += alive * lnS;
                gA += alive * sA;
                gB += alive * sB;
            }
        }

        gradient[0] = gA * alpha;
        gradient[1] = gB * beta;
        return ll;
    }

    /// <summary>A model with no parameters whose fit information says why it was not fitted.</summary>
    public static ShiftedBetaGeometricModel Unfitted(string reason, double cohortSize) =>
        new ShiftedBetaGeometricModel(0, 0)
        {
            CohortSize = cohortSize,
            FitInfo = new ModelFitInfo(ModelFitMethod.None, 0, 0, converged: false, 0, string.Create(CultureInfo.InvariantCulture, $"sBG not fitted: {reason}")),
        };
}
