using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// Calibration versus holdout purchases by calibration frequency (plot-ready; Fader, Hardie &amp; Lee 2005, fig. 4): for
/// each bin of calibration frequency x = 0, 1, …, the last bin holding every x ≥ its value, the customers, their mean
/// actual holdout purchases and the model's mean E[Y(t) | x, tₓ, T].
/// </summary>
/// <remarks>Built by <see cref="PurchaseDiagnostics"/>; every way to make one (constructor, JSON) is validated. The arrays belong to the result: read them, do not write them.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record HoldoutByFrequency
{
    /// <summary>Creates the result after checking it: no array null, all of one length, every value in range.</summary>
    /// <param name="frequency">Lower edge of each bin (the last bin is "x ≥ Frequency[^1]"), ≥ 0.</param>
    /// <param name="customers">Customers in each bin, ≥ 0.</param>
    /// <param name="actualMean">Mean holdout purchases of the bin's customers, ≥ 0; NaN for an empty bin.</param>
    /// <param name="expectedMean">Mean model expectation over the bin's customers, ≥ 0; NaN for an empty bin.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length, or a value is out of range (names the array, index and value).</exception>
    [JsonConstructor]
    public HoldoutByFrequency(double[] frequency, double[] customers, double[] actualMean, double[] expectedMean)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(actualMean);
        ArgumentNullException.ThrowIfNull(expectedMean);
        Guard.SameLength(customers.Length, frequency.Length);
        Guard.SameLength(actualMean.Length, frequency.Length);
        Guard.SameLength(expectedMean.Length, frequency.Length);
        Guard.AllNonNegativeFinite(frequency);
        Guard.AllNonNegativeFinite(customers);
        Guard.AllNonNegativeFinite(actualMean, allowNaN: true);
        Guard.AllNonNegativeFinite(expectedMean, allowNaN: true);

        Frequency = frequency;
        Customers = customers;
        ActualMean = actualMean;
        ExpectedMean = expectedMean;
    }

    /// <summary>Lower edge of each bin (the last bin is "x ≥ Frequency[^1]"), ≥ 0.</summary>
    public double[] Frequency { get; }

    /// <summary>Customers in each bin, ≥ 0.</summary>
    public double[] Customers { get; }

    /// <summary>Mean holdout purchases of the bin's customers, ≥ 0; NaN for an empty bin.</summary>
    public double[] ActualMean { get; }

    /// <summary>Mean model expectation over the bin's customers, ≥ 0; NaN for an empty bin.</summary>
    public double[] ExpectedMean { get; }
}
