using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A model fit could not produce finite parameters (the likelihood is flat or unbounded for the data, e.g. no
/// customer made a repeat purchase, or every optimiser failed). The message says which model and why.
/// </summary>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ModelFitException()
        : base("The model could not be fitted.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed and why.</param>
    public ModelFitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the optimiser failure that caused it.</summary>
    /// <param name="message">What failed and why.</param>
    /// <param name="innerException">The optimiser's exception.</param>
    public ModelFitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The one failure of every model when no customer made a repeat purchase (the same type and wording in each).</summary>
    [DoesNotReturn]
    [StackTraceHidden]
    internal static void ThrowNoRepeatPurchase(string model, string consequence) =>
        throw new ModelFitException($"{model}: no customer made a repeat purchase (every frequency x is 0), so {consequence}.");

    /// <summary>Throws a fit failure with <paramref name="message"/>.</summary>
    [DoesNotReturn]
    [StackTraceHidden]
    internal static void Throw(string message) => throw new ModelFitException(message);
}
