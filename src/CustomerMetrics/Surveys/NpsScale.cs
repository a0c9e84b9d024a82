using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The answer scale of an NPS question and how it splits into detractors, passives and promoters: scores
/// <see cref="Minimum"/>..<see cref="DetractorMaximum"/> are detractors, <see cref="PromoterMinimum"/>..<see cref="Maximum"/>
/// promoters, and the scores between passives.
/// </summary>
/// <remarks>
/// <para>The default, <see cref="ZeroToTen"/> (equal to <c>default</c>), is Reichheld's: "How likely is it that you would
/// recommend [company] to a friend or colleague?" on 0–10, promoters 9–10, passives 7–8, detractors 0–6 (Reichheld 2003,
/// <i>The One Number You Need to Grow</i>, HBR; Bain &amp; Company's Net Promoter System). Some secondary sources write
/// detractors as "below 6", which leaves a 6 in no group; the library follows Bain's 0–6, so every answer on the scale
/// counts.</para>
/// <para>Some survey tools ask on 1–10 (<see cref="OneToTen"/>: detractors 1–6, passives 7–8, promoters 9–10). Other
/// splits can be built with the constructor; say which you use when you report the score, since NPS values from
/// different splits do not compare.</para>
/// <para>Scales with the default thresholds (detractors up to 6, promoters 9–10) run on the vectorised NPS kernel;
/// other splits use a scalar loop.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
public readonly record struct NpsScale
{
    // Stored as offsets from 0–10 / 0–6 / 9–10 so that default(NpsScale) is the 0–10 scale, never an invalid one.
    private readonly int _minimum;
    private readonly int _maximumOffset;
    private readonly int _detractorOffset;
    private readonly int _promoterOffset;

    /// <summary>Creates a scale.</summary>
    /// <param name="minimum">Lowest answer, ≥ 0.</param>
    /// <param name="maximum">Highest answer, ≤ 254 (byte 255 is the parser's rejected-row marker).</param>
    /// <param name="detractorMaximum">Highest detractor answer, from <paramref name="minimum"/> to <paramref name="promoterMinimum"/> − 1.</param>
    /// <param name="promoterMinimum">Lowest promoter answer, above <paramref name="detractorMaximum"/> and at most <paramref name="maximum"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are inconsistent; the message names the bound, its value and the valid range.</exception>
    public NpsScale(int minimum, int maximum, int detractorMaximum, int promoterMinimum)
    {
        Guard.InRange(minimum, 0, 253);
        Guard.InRange(maximum, minimum + 1, 254);
        Guard.InRange(detractorMaximum, minimum, maximum - 1);
        Guard.InRange(promoterMinimum, detractorMaximum + 1, maximum);
        _minimum = minimum;
        _maximumOffset = maximum - 10;
        _detractorOffset = detractorMaximum - 6;
        _promoterOffset = promoterMinimum - 9;
    }

    /// <summary>0–10 with detractors 0–6, passives 7–8, promoters 9–10 (Reichheld 2003; Bain). Equal to <c>default</c>.</summary>
    public static NpsScale ZeroToTen => default;

    /// <summary>1–10 with detractors 1–6, passives 7–8, promoters 9–10 (for tools that ask on 1–10; 0 is off this scale).</summary>
    public static NpsScale OneToTen => new(1, 10, 6, 9);

    /// <summary>Lowest answer on the scale.</summary>
    public int Minimum => _minimum;

    /// <summary>Highest answer on the scale.</summary>
    public int Maximum => _maximumOffset + 10;

    /// <summary>Highest detractor answer (6 on the default scale).</summary>
    public int DetractorMaximum => _detractorOffset + 6;

    /// <summary>Lowest promoter answer (9 on the default scale).</summary>
    public int PromoterMinimum => _promoterOffset + 9;

    /// <summary>Whether the scale splits at the default thresholds (detractors to 6, promoters 9–10), so the vectorised kernel counts it.</summary>
    internal bool HasDefaultThresholds => _maximumOffset == 0 && _detractorOffset == 0 && _promoterOffset == 0;

    /// <summary>Whether <paramref name="score"/> is an answer on this scale.</summary>
    /// <param name="score">An answer.</param>
    /// <returns><see langword="true"/> when <see cref="Minimum"/> ≤ score ≤ <see cref="Maximum"/>.</returns>
    public bool Contains(int score) => score >= Minimum && score <= Maximum;

    /// <summary>Formats as <c>0–10 (detractors 0–6, passives 7–8, promoters 9–10)</c>, invariant culture.</summary>
    /// <returns>The scale as text.</returns>
    public override string ToString()
    {
        string passives = PromoterMinimum - DetractorMaximum == 1
            ? "no passives"
            : string.Create(CultureInfo.InvariantCulture, $"passives {DetractorMaximum + 1}–{PromoterMinimum - 1}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Minimum}–{Maximum} (detractors {Minimum}–{DetractorMaximum}, {passives}, promoters {PromoterMinimum}–{Maximum})");
    }
}
