namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// A <see cref="BgNbdModel"/> seen as an <see cref="IPurchaseModel"/> for the diagnostics (an adapter that forwards every
/// member; BG/NBD predictions are unchanged).
/// </summary>
/// <param name="Model">The BG/NBD model.</param>
public readonly record struct BgNbdPurchaseModel(BgNbdModel Model) : IPurchaseModel
{
    /// <inheritdoc/>
    public double LogLikelihood => Model.LogLikelihood;

    /// <inheritdoc/>
    public double Customers => Model.Customers;

    /// <inheritdoc/>
    public double ExpectedPurchases(double t) => Model.ExpectedPurchases(t);

    /// <inheritdoc/>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age) =>
        Model.ConditionalExpectedPurchases(t, frequency, recency, age);

    /// <inheritdoc/>
    public double ProbabilityAlive(double frequency, double recency, double age) => Model.ProbabilityAlive(frequency, recency, age);

    /// <inheritdoc/>
    public double ProbabilityOfPurchases(double t, int n) => Model.ProbabilityOfPurchases(n: n, t: t); // Named: the argument order is changing.
}
