using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CustomerMetrics.Internal;

/// <summary>
/// Throw helpers kept out of the hot paths (<see cref="StackTraceHiddenAttribute"/>, never inlined): every message
/// names the argument, the index where there is one, the offending value and the valid range.
/// </summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ValueOutOfRange(string paramName, long index, long value, long min, long max) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
            $"{paramName}[{index}] is {value}; valid values are {min} to {max} inclusive."));

    [DoesNotReturn]
    public static void ValueOutOfRange(string paramName, long index, double value, string validRange) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
            $"{paramName}[{index}] is {value:R}; valid values are {validRange}."));

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, double value, string validRange) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
            $"{paramName} is {value:R}; valid values are {validRange}."));

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, long value, string validRange) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
            $"{paramName} is {value}; valid values are {validRange}."));

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, decimal value, string validRange) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
            $"{paramName} is {value}; valid values are {validRange}."));

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, string value, string validRange) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} is {value}; valid values are {validRange}.");

    [DoesNotReturn]
    public static void DateOutOfRange(string paramName, long index, DateOnly value, string validRange) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
            $"{paramName}[{index}] is {value:yyyy-MM-dd}; valid dates are {validRange}."));

    [DoesNotReturn]
    public static void DateOutOfRange(string paramName, long index, DateOnly value, DateOnly first, DateOnly last) =>
        DateOutOfRange(paramName, index, value, string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd} inclusive"));

    [DoesNotReturn]
    public static void Overflow(string message) => throw new OverflowException(message);

    [DoesNotReturn]
    public static void LengthMismatch(string paramName, int length, string otherName, int otherLength) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{paramName} has {length} elements but {otherName} has {otherLength}; they must have the same length."),
            paramName);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);

    /// <summary>Throws <see cref="ArgumentNullException"/> for a null element (index in the message).</summary>
    [DoesNotReturn]
    [StackTraceHidden]
    public static void ArgumentNull(string paramName, string message) => throw new ArgumentNullException(paramName, message);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
