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
}
