using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// A lenient reader of survey exports: turns text answers ("10 - Extremely likely", " 9 ", "9/10") into scores and
/// counts, by reason, what it rejects ("N/A", "", "Don't know", "7.5", "11"). String work only, culture-invariant,
/// no I/O; the span overloads allocate nothing.
/// </summary>
/// <remarks>
/// <para>An answer is read as: optional whitespace; an optional sign; ASCII digits; optionally "/" and the scale's
/// maximum ("9/10"); then either the end, or whitespace or one of <c>- – — : ) . ,</c> followed by any label
/// ("0 – Not at all likely", "10: Extremely likely", "7 (neutral)"); then optional whitespace. A decimal ("7.5",
/// "7,5") is <see cref="ScoreRejection.NotAnInteger"/>, never rounded; a number run into letters ("9abc") is
/// <see cref="ScoreRejection.Malformed"/>; text with no leading number is <see cref="ScoreRejection.NoNumber"/>.</para>
/// <threadsafety>All members are pure and thread-safe.</threadsafety>
/// </remarks>
public static class ScoreText
{
    /// <summary>The byte the bulk parser writes for a rejected answer: 255, off every scale, so the lenient calculators skip and count it.</summary>
    public const byte RejectedMarker = byte.MaxValue;

    /// <summary>Reads one answer as a score on <paramref name="minimum"/>..<paramref name="maximum"/>.</summary>
    /// <param name="text">The answer as exported.</param>
    /// <param name="minimum">Lowest valid score, ≥ 0.</param>
    /// <param name="maximum">Highest valid score, above <paramref name="minimum"/> and ≤ 254.</param>
    /// <param name="score">The score when the answer is read; otherwise 0.</param>
    /// <param name="rejection">Why the answer was rejected; <see cref="ScoreRejection.None"/> when it was read.</param>
    /// <returns><see langword="true"/> when the answer is a score on the scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The scale bounds are out of range.</exception>
    public static bool TryParse(ReadOnlySpan<char> text, int minimum, int maximum, out int score, out ScoreRejection rejection)
    {
        CheckScale(minimum, maximum);
        rejection = Read(text, minimum, maximum, out score);
        return rejection == ScoreRejection.None;
    }

    /// <summary>
    /// Reads a column of answers into a caller's span of byte scores, one per answer, writing
    /// <see cref="RejectedMarker"/> for a rejected answer so rows stay aligned with other columns.
    /// </summary>
    /// <param name="answers">The answers; null entries count as blank.</param>
    /// <param name="destination">Receives one byte per answer; at least as long as <paramref name="answers"/>.</param>
    /// <param name="minimum">Lowest valid score, ≥ 0.</param>
    /// <param name="maximum">Highest valid score, above <paramref name="minimum"/> and ≤ 254.</param>
    /// <returns>The number parsed and the number rejected for each reason.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="answers"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale bounds are out of range.</exception>
    public static ScoreParseResult Parse(ReadOnlySpan<string?> answers, Span<byte> destination, int minimum, int maximum)
    {
        CheckScale(minimum, maximum);
        Guard.DestinationLength(destination.Length, answers.Length);
        Span<long> tally = stackalloc long[6];
        tally.Clear();
        for (int i = 0; i < answers.Length; i++)
        {
            ScoreRejection rejection = Read(answers[i].AsSpan(), minimum, maximum, out int score);
            tally[(int)rejection]++;
            destination[i] = rejection == ScoreRejection.None ? (byte)score : RejectedMarker;
        }

        return ScoreParseResult.FromTally(tally);
    }

    /// <summary>Reads a column of NPS answers on <paramref name="scale"/> (0–10 for <c>default</c>); see <see cref="Parse(ReadOnlySpan{string}, Span{byte}, int, int)"/>.</summary>
    /// <param name="answers">The answers; null entries count as blank.</param>
    /// <param name="destination">Receives one byte per answer; at least as long as <paramref name="answers"/>.</param>
    /// <param name="scale">The NPS answer scale.</param>
    /// <returns>The number parsed and the number rejected for each reason.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="answers"/>.</exception>
    public static ScoreParseResult Parse(ReadOnlySpan<string?> answers, Span<byte> destination, NpsScale scale) =>
        Parse(answers, destination, scale.Minimum, scale.Maximum);

    private static void CheckScale(int minimum, int maximum)
    {
        Guard.InRange(minimum, 0, 253);
        Guard.InRange(maximum, minimum + 1, 254);
    }

    private static ScoreRejection Read(ReadOnlySpan<char> text, int minimum, int maximum, out int score)
    {
        score = 0;
        ReadOnlySpan<char> s = text.Trim();
        if (s.IsEmpty)
        {
            return ScoreRejection.Blank;
        }

        int i = 0;
        bool negative = false;
        if (s[0] is '+' or '-' or '\u2212' && s.Length > 1 && char.IsAsciiDigit(s[1]))
        {
            negative = s[0] != '+';
            i = 1;
        }

        if (!char.IsAsciiDigit(s[i]))
        {
            return ScoreRejection.NoNumber;
        }

        int value = ReadDigits(s, ref i);
        if (i < s.Length && s[i] is '.' or ',' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            return ScoreRejection.NotAnInteger;
        }

        bool otherScale = false;
        if (i < s.Length && s[i] == '/')
        {
            i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return ScoreRejection.Malformed;
            }

            otherScale = ReadDigits(s, ref i) != maximum;
        }

        if (i < s.Length && !(char.IsWhiteSpace(s[i]) || s[i] is '-' or '\u2013' or '\u2014' or ':' or ')' or '.' or ','))
        {
            return ScoreRejection.Malformed;
        }

        if (otherScale || (negative && value != 0) || value < minimum || value > maximum)
        {
            return ScoreRejection.OutOfScale;
        }

        score = value;
        return ScoreRejection.None;
    }

    /// <summary>Reads ASCII digits, saturating at 1,000,000 (far off any scale) so long runs cannot overflow.</summary>
    private static int ReadDigits(ReadOnlySpan<char> s, ref int i)
    {
        int value = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            value = Math.Min(1_000_000, (value * 10) + (s[i] - '0'));
        }

        return value;
    }
}
