namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// What the calibration/holdout diagnostics need from a fitted non-contractual purchase model (BG/NBD, Pareto/NBD,
/// MBG/NBD): its log-likelihood and the four standard predictions, all in the time unit of the data it was fitted on.
/// </summary>
public interface IPurchaseModel
{
    /// <summary>Total log-likelihood at the fitted parameters (natural log); NaN for a model not produced by a fit.</summary>
    double LogLikelihood { get; }

    /// <summary>Customers the fit used (Σ weights); 0 for a model not produced by a fit.</summary>
    double Customers { get; }

    /// <summary>E[X(t)]: expected purchases of a new customer in a period of length t.</summary>
    /// <param name="t">Length of the period, ≥ 0.</param>
    /// <returns>Expected purchases.</returns>
    double ExpectedPurchases(double t);

    /// <summary>E[Y(t) | x, tₓ, T]: expected purchases in the next t of a customer with the given history.</summary>
    /// <param name="t">Length of the future period, ≥ 0.</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ, time of the last purchase since the first.</param>
    /// <param name="age">T, time since the first purchase.</param>
    /// <returns>Expected purchases.</returns>
    double ConditionalExpectedPurchases(double t, double frequency, double recency, double age);

    /// <summary>P(alive | x, tₓ, T).</summary>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>A probability.</returns>
    double ProbabilityAlive(double frequency, double recency, double age);

    /// <summary>P(X(t) = n): probability that a new customer makes exactly n purchases in a period of length t.</summary>
    /// <param name="t">Length of the period, finite and ≥ 0 (the horizon comes first, as in every prediction).</param>
    /// <param name="n">Number of purchases, ≥ 0.</param>
    /// <returns>A probability.</returns>
    double ProbabilityOfPurchases(double t, int n);
}
