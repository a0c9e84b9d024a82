using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Maps a day to its period index counted from the period that holds an origin day, in a <see cref="PeriodUnit"/>'s
/// whole periods (<see cref="PeriodUnit.WholePeriodIndex"/>), remembering the day range of the last period found so
/// that time-ordered data (the usual export) costs one range check per response.
/// </summary>
internal struct PeriodIndexer
{
    private readonly PeriodUnit _unit;
    private readonly int _originIndex;
    private int _from;
    private int _to;
    private int _cached;

    public PeriodIndexer(PeriodUnit unit, DateOnly origin)
    {
        _unit = unit;
        _originIndex = unit.WholePeriodIndex(origin.DayNumber);
        _from = 0;
        _to = 0;
        _cached = 0;
    }

    public int Index(int dayNumber)
    {
        if ((uint)(dayNumber - _from) < (uint)(_to - _from))
        {
            return _cached;
        }

        int whole = _unit.WholePeriodIndex(dayNumber);
        _from = FirstDay(whole);
        _to = FirstDay(whole + 1);
        _cached = whole - _originIndex;
        return _cached;
    }

    /// <summary>The first day of period <paramref name="index"/> counted from the origin's period.</summary>
    public readonly DateOnly Start(int index) => DateOnly.FromDayNumber(FirstDay(_originIndex + index));

    private readonly int FirstDay(int whole) => _unit.FirstDayOfWholePeriod(whole);
}
