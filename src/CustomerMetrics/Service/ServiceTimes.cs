using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>
/// Ticket timestamps to first-response and resolution time distributions (median, p90, p95, mean through a
/// <see cref="QuantileSketch"/>).
/// </summary>
/// <remarks>
/// <para><b>Timestamps.</b> One <see cref="long"/> per ticket in any single clock unit the caller chooses
/// (<see cref="DateTime.Ticks"/>, Unix seconds or milliseconds); <see cref="Missing"/> (<see cref="long.MinValue"/>)
/// marks a time that has not happened yet: no first response, not resolved (tickets still open). A nullable
/// per-ticket type would make the spans twice as wide and unvectorisable, so the sentinel is the representation.</para>
/// <para><b>Durations are wall-clock:</b> end − start in the timestamps' unit, nights and weekends included. Business
/// hours are the caller's choice: map each timestamp to business-time first (for example seconds of open hours since
/// an epoch) and pass those.</para>
/// <threadsafety>All members are pure and thread-safe (a sketch passed in is mutated).</threadsafety>
/// </remarks>
public static class ServiceTimes
{
    /// <summary>The sentinel for a time that has not happened (no response yet, still open): <see cref="long.MinValue"/>.</summary>
    public const long Missing = long.MinValue;

    /// <summary>
    /// A sketch of the durations end − start of every ticket that has an end (first response or resolution), scaled to
    /// the output unit; tickets without an end are skipped.
    /// </summary>
    /// <param name="created">Creation timestamps, one per ticket, never <see cref="Missing"/>.</param>
    /// <param name="ended">First-response or resolution timestamps, same length; <see cref="Missing"/> for open tickets.</param>
    /// <param name="scale">Output units per timestamp unit, finite and &gt; 0 (1 keeps the unit; 1.0 / <see cref="TimeSpan.TicksPerMinute"/> turns ticks into minutes).</param>
    /// <param name="relativeAccuracy">α of the sketch (0.01 by default).</param>
    /// <returns>The duration sketch (median, p90, p95, mean); empty when no ticket has ended.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, a creation time is missing, an end precedes its creation, or <paramref name="scale"/> is out of range.</exception>
    public static QuantileSketch Durations(ReadOnlySpan<long> created, ReadOnlySpan<long> ended, double scale = 1,
        double relativeAccuracy = QuantileSketch.DefaultRelativeAccuracy)
    {
        var sketch = new QuantileSketch(relativeAccuracy);
        AddDurations(created, ended, sketch, scale);
        return sketch;
    }

    /// <summary>Adds the durations of the ended tickets to <paramref name="sketch"/> (allocation-free once the sketch's range covers them).</summary>
    /// <param name="created">Creation timestamps, never <see cref="Missing"/>.</param>
    /// <param name="ended">End timestamps, same length; <see cref="Missing"/> for open tickets.</param>
    /// <param name="sketch">The sketch to add to.</param>
    /// <param name="scale">Output units per timestamp unit, finite and &gt; 0.</param>
    /// <returns>The number of open tickets skipped.</returns>
    /// <exception cref="ArgumentException">As <see cref="Durations"/>; the sketch may then hold the durations of the rows before the bad one.</exception>
    public static long AddDurations(ReadOnlySpan<long> created, ReadOnlySpan<long> ended, QuantileSketch sketch, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        Guard.SameLength(created.Length, ended.Length);
        if (!(scale > 0) || double.IsPositiveInfinity(scale))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scale), scale, "finite numbers > 0");
        }

        Span<double> buffer = stackalloc double[256];
        int filled = 0;
        long open = 0;
        for (int i = 0; i < created.Length; i++)
        {
            if (ended[i] == Missing)
            {
                CheckCreated(created, i);
                open++;
                continue;
            }

            buffer[filled++] = Duration(created, ended, i, nameof(ended)) * scale;
            if (filled == buffer.Length)
            {
                sketch.Add(buffer);
                filled = 0;
            }
        }

        sketch.Add(buffer[..filled]);
        return open;
    }

    /// <summary>The duration of row <paramref name="i"/>, or a throw naming the row.</summary>
    internal static long Duration(ReadOnlySpan<long> created, ReadOnlySpan<long> ended, int i, string endName)
    {
        CheckCreated(created, i);
        long duration = unchecked(ended[i] - created[i]);
        if (duration < 0)
        {
            ThrowHelper.Argument(endName, string.Create(CultureInfo.InvariantCulture,
                $"{endName}[{i}] is {ended[i]}, before created[{i}] = {created[i]}; an end cannot precede the creation (use ServiceTimes.Missing for a time that has not happened)."));
        }

        return duration;
    }

    internal static void CheckCreated(ReadOnlySpan<long> created, int i)
    {
        if (created[i] == Missing)
        {
            ThrowHelper.Argument(nameof(created), string.Create(CultureInfo.InvariantCulture,
                $"created[{i}] is ServiceTimes.Missing; every ticket needs a creation time."));
        }
    }
}
