using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// What <see cref="ScoreText.Parse(ReadOnlySpan{string}, Span{byte}, int, int)"/> read from a column of exported
/// answers: the number of scores parsed and the number rejected for each <see cref="ScoreRejection"/>.
/// </summary>
/// <remarks>
/// Counts merge exactly with <c>+</c> (columns parsed in chunks add up); <c>default</c> is the empty identity.
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
public readonly record struct ScoreParseResult
{
    /// <summary>Creates a result from counts; the JSON constructor.</summary>
    /// <param name="parsed">Answers read as scores, ≥ 0.</param>
    /// <param name="blank">Empty answers, ≥ 0.</param>
    /// <param name="noNumber">Answers with no leading number ("N/A", "Don't know"), ≥ 0.</param>
    /// <param name="notAnInteger">Decimal answers, ≥ 0.</param>
    /// <param name="outOfScale">Whole numbers off the scale, ≥ 0.</param>
    /// <param name="malformed">Numbers run into other text, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The total exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public ScoreParseResult(long parsed, long blank, long noNumber, long notAnInteger, long outOfScale, long malformed)
    {
        Guard.NonNegative(parsed);
        Guard.NonNegative(blank);
        Guard.NonNegative(noNumber);
        Guard.NonNegative(notAnInteger);
        Guard.NonNegative(outOfScale);
        Guard.NonNegative(malformed);
        _ = Guard.Total("parsed + blank + noNumber + notAnInteger + outOfScale + malformed", parsed, blank, noNumber, notAnInteger, outOfScale, malformed);
        Parsed = parsed;
        Blank = blank;
        NoNumber = noNumber;
        NotAnInteger = notAnInteger;
        OutOfScale = outOfScale;
        Malformed = malformed;
    }

    /// <summary>Answers read as scores.</summary>
    public long Parsed { get; }

    /// <summary>Answers rejected as <see cref="ScoreRejection.Blank"/>.</summary>
    public long Blank { get; }

    /// <summary>Answers rejected as <see cref="ScoreRejection.NoNumber"/>.</summary>
    public long NoNumber { get; }

    /// <summary>Answers rejected as <see cref="ScoreRejection.NotAnInteger"/>.</summary>
    public long NotAnInteger { get; }

    /// <summary>Answers rejected as <see cref="ScoreRejection.OutOfScale"/>.</summary>
    public long OutOfScale { get; }

    /// <summary>Answers rejected as <see cref="ScoreRejection.Malformed"/>.</summary>
    public long Malformed { get; }

    /// <summary>Answers rejected for any reason.</summary>
    public long Rejected => Blank + NoNumber + NotAnInteger + OutOfScale + Malformed;

    /// <summary>All answers read: <see cref="Parsed"/> + <see cref="Rejected"/>.</summary>
    public long Total => Parsed + Rejected;

    /// <summary>The count for one reason; <see cref="ScoreRejection.None"/> gives <see cref="Parsed"/>.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a defined value.</exception>
    public long CountOf(ScoreRejection reason)
    {
        Guard.Defined(reason);
        return reason switch
        {
            ScoreRejection.None => Parsed,
            ScoreRejection.Blank => Blank,
            ScoreRejection.NoNumber => NoNumber,
            ScoreRejection.NotAnInteger => NotAnInteger,
            ScoreRejection.OutOfScale => OutOfScale,
            _ => Malformed,
        };
    }

    /// <summary>Merges the counts of two disjoint sets of answers.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The counts of both.</returns>
    /// <exception cref="OverflowException">A merged count exceeds <see cref="long.MaxValue"/>.</exception>
    public static ScoreParseResult operator +(ScoreParseResult left, ScoreParseResult right) => checked(new(
        left.Parsed + right.Parsed, left.Blank + right.Blank, left.NoNumber + right.NoNumber,
        left.NotAnInteger + right.NotAnInteger, left.OutOfScale + right.OutOfScale, left.Malformed + right.Malformed));

    /// <summary>Merges two results (the named form of <c>+</c>).</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The counts of both.</returns>
    public static ScoreParseResult Add(ScoreParseResult left, ScoreParseResult right) => left + right;

    /// <summary>Formats as <c>parsed 9,812 of 10,000; rejected 188 (blank 120, no number 50, decimal 8, out of scale 10, malformed 0)</c>.</summary>
    /// <returns>The counts as text, invariant culture.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"parsed {Parsed:N0} of {Total:N0}; rejected {Rejected:N0} (blank {Blank:N0}, no number {NoNumber:N0}, decimal {NotAnInteger:N0}, out of scale {OutOfScale:N0}, malformed {Malformed:N0})");

    internal static ScoreParseResult FromTally(ReadOnlySpan<long> tally) => new(tally[0], tally[1], tally[2], tally[3], tally[4], tally[5]);
}
