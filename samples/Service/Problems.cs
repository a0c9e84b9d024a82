using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerMetrics.Service;

/// <summary>
/// Turns bad input into RFC 7807 problem documents (<c>application/problem+json</c>). The library's
/// <see cref="ArgumentException"/>s already name the argument, index and value ("scores[2] is 11; valid values are 0 to 10
/// inclusive."); the problem carries that sentence as <c>detail</c> and its parts as <c>field</c>, <c>index</c> and
/// <c>value</c>, with the library's argument name mapped to the request's field name.
/// </summary>
internal static partial class Problems
{
    /// <summary>Runs <paramref name="compute"/>: 200 with its value, or 400 naming the field for an <see cref="ArgumentException"/>.</summary>
    public static IResult Compute<T>(Func<T> compute, Func<string, int?, string>? fieldOf = null)
    {
        try
        {
            return TypedResults.Ok(compute());
        }
        catch (ArgumentException error)
        {
            return BadInput(error, fieldOf ?? ((name, index) => index is { } i ? $"{name}[{i}]" : name));
        }
    }

    /// <summary>400 for a library argument error.</summary>
    public static ProblemHttpResult BadInput(ArgumentException error, Func<string, int?, string> fieldOf)
    {
        string message = error.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        string detail = cut >= 0 ? message[..cut] : message;
        Match match = IndexedValue().Match(detail);
        string name = match.Success ? match.Groups["name"].Value : error.ParamName ?? "body";
        int? index = match.Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : null;
        var extensions = new Dictionary<string, object?> { ["field"] = fieldOf(name, index) };
        if (match.Success)
        {
            extensions["index"] = index;
            extensions["value"] = match.Groups["value"].Value;
        }

        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid input", extensions: extensions);
    }

    /// <summary>
    /// Ratings as bytes for the library's kernels. A value outside 0–255 cannot be on any scale: it throws the library's
    /// kind of <see cref="ArgumentOutOfRangeException"/> naming the index and value, so it is answered like any other.
    /// </summary>
    public static byte[] Bytes(int[] ratings)
    {
        var bytes = new byte[ratings.Length];
        for (int i = 0; i < ratings.Length; i++)
        {
            if ((uint)ratings[i] > byte.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), ratings[i], string.Create(CultureInfo.InvariantCulture,
                    $"ratings[{i}] is {ratings[i]}; valid values are the points of the scale."));
            }

            bytes[i] = (byte)ratings[i];
        }

        return bytes;
    }

    /// <summary>400 for a missing or malformed field found by the service itself.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid input",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>413 for an array over <see cref="ServiceLimits.MaxArrayLength"/>, or null when it is within the limit.</summary>
    public static ProblemHttpResult? TooLong(string field, int length) => length <= ServiceLimits.MaxArrayLength ? null :
        TypedResults.Problem(
            string.Create(CultureInfo.InvariantCulture, $"{field} has {length} elements; at most {ServiceLimits.MaxArrayLength} are accepted per request."),
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["limit"] = ServiceLimits.MaxArrayLength });

    [GeneratedRegex(@"^(?<name>\w+)\[(?<index>\d+)\] is (?<value>.+?)[;,]", RegexOptions.CultureInvariant)]
    private static partial Regex IndexedValue();
}
