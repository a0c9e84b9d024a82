namespace CustomerMetrics.Surveys;

/// <summary>
/// How an NPS confidence interval is computed (Rocks 2016, <i>Interval Estimation for the Net Promoter Score</i>,
/// The American Statistician 70(4)). Every method's bounds are clamped to [−100, 100] points.
/// </summary>
public enum NpsIntervalMethod
{
    /// <summary>
    /// Adjusted Wald: add 0.75 detractor, 1.5 passive and 0.75 promoter pseudo-responses (n′ = n + 3) and apply the
    /// Wald formula. With the score method the best performer in Rocks 2016; the default. The interval is centred on
    /// the adjusted estimate, so for very small samples with an extreme score (n &lt; 10 or so, e.g. one promoter)
    /// it can exclude the raw score; prefer <see cref="Score"/> there.
    /// </summary>
    AdjustedWald = 0,

    /// <summary>
    /// Wald: score ± z·√(V/n) with V = (p + d) − (p − d)². Simple, but too narrow for small samples and extreme
    /// scores; it can leave [−100, 100], where it is clamped.
    /// </summary>
    Wald = 1,

    /// <summary>
    /// Iterative score interval (Tango type): every NPS value Δ₀ whose score statistic
    /// |(N̂ − Δ₀)/√(Ṽ(Δ₀)/n)| ≤ z, where Ṽ is the variance at the maximum-likelihood shares constrained to
    /// p − d = Δ₀; the bounds are found by bisection. Always contains the point estimate.
    /// </summary>
    Score = 2,
}
