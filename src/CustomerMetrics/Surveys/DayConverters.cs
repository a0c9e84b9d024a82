namespace CustomerMetrics.Surveys;

/// <summary>Turns timestamps into day numbers (<see cref="DateOnly.DayNumber"/>) a chunk at a time.</summary>
/// <typeparam name="TTime">The timestamp type.</typeparam>
internal interface IDayConverter<TTime>
{
    /// <summary>Writes the day number of each timestamp into <paramref name="days"/> (at least as long).</summary>
    void Convert(ReadOnlySpan<TTime> timestamps, Span<int> days);
}

/// <summary>A <see cref="DateTime"/>'s own calendar date, whatever its <see cref="DateTime.Kind"/> (ticks ÷ ticks per day).</summary>
internal readonly struct DateTimeDays : IDayConverter<DateTime>
{
    public void Convert(ReadOnlySpan<DateTime> timestamps, Span<int> days)
    {
        for (int i = 0; i < timestamps.Length; i++)
        {
            days[i] = (int)((ulong)timestamps[i].Ticks / (ulong)TimeSpan.TicksPerDay);
        }
    }
}

/// <summary>A <see cref="DateTimeOffset"/>'s calendar date in an explicit time zone.</summary>
internal readonly struct ZoneDays(TimeZoneInfo timeZone) : IDayConverter<DateTimeOffset>
{
    public void Convert(ReadOnlySpan<DateTimeOffset> timestamps, Span<int> days)
    {
        for (int i = 0; i < timestamps.Length; i++)
        {
            days[i] = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timestamps[i], timeZone).DateTime).DayNumber;
        }
    }
}

/// <summary>A <see cref="DateOnly"/>'s own day number (the day-table kernel reads <see cref="DateOnly"/> spans directly).</summary>
internal readonly struct DateOnlyDays : IDayConverter<DateOnly>
{
    public void Convert(ReadOnlySpan<DateOnly> timestamps, Span<int> days)
    {
        for (int i = 0; i < timestamps.Length; i++)
        {
            days[i] = timestamps[i].DayNumber;
        }
    }
}
