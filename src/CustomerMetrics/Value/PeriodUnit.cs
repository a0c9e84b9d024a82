using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// A time unit (RFM summaries, survey periods, ledgers): <see cref="Day"/>, <see cref="Week"/>, <see cref="Month"/>,
/// <see cref="Quarter"/> or a custom length
/// (<see cref="Days(int)"/>). <c>default</c> is one day. Every way to make one (constructor, JSON) is validated.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct PeriodUnit
{
    /// <summary>Creates a unit after checking it.</summary>
    /// <param name="kind">The kind of unit (a defined <see cref="PeriodKind"/>).</param>
    /// <param name="customLengthInDays">For <see cref="PeriodKind.CustomDays"/>, the length in days (≥ 1); 0 otherwise.</param>
    /// <exception cref="ArgumentException">The kind is undefined, or the length does not fit the kind (names the member and value).</exception>
    [JsonConstructor]
    public PeriodUnit(PeriodKind kind, int customLengthInDays)
    {
        // Not Enum.IsDefined: it reads the runtime's per-type reflection cache, which a full GC drops, so the first
        // PeriodUnit made after a full GC (PeriodUnit.Month makes one on each use) allocated 256 B. The kinds are 0 to 4.
        if ((uint)kind > (uint)PeriodKind.Quarter)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(kind), (long)kind, "Day, Week, Month, CustomDays or Quarter");
        }

        if (kind == PeriodKind.CustomDays ? customLengthInDays < 1 : customLengthInDays != 0)
        {
            ThrowHelper.Argument(nameof(customLengthInDays), string.Create(CultureInfo.InvariantCulture,
                $"customLengthInDays is {customLengthInDays} for a {kind} unit; use PeriodUnit.Day, Week, Month, Quarter or Days(n) with n ≥ 1."));
        }

        Kind = kind;
        CustomLengthInDays = customLengthInDays;
    }

    /// <summary>The kind of unit.</summary>
    public PeriodKind Kind { get; }

    /// <summary>For <see cref="PeriodKind.CustomDays"/>, the length in days (≥ 1); 0 otherwise.</summary>
    public int CustomLengthInDays { get; }

    /// <summary>Mean length of a month in days, 365.25 / 12, used when months are measured in fractional days.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>Mean length of a quarter in days, 365.25 / 4, used when quarters are measured in fractional days.</summary>
    public const double DaysPerQuarter = 365.25 / 4;

    /// <summary>One day.</summary>
    public static PeriodUnit Day => new(PeriodKind.Day, 0);

    /// <summary>One week of seven days.</summary>
    public static PeriodUnit Week => new(PeriodKind.Week, 0);

    /// <summary>One month (30.4375 days when fractional, a calendar month when whole).</summary>
    public static PeriodUnit Month => new(PeriodKind.Month, 0);

    /// <summary>One quarter (91.3125 days when fractional, a calendar quarter, January–March and so on, when whole).</summary>
    public static PeriodUnit Quarter => new(PeriodKind.Quarter, 0);

    /// <summary>The length of the unit in days: 1, 7, 30.4375, 91.3125 or the custom length.</summary>
    public double LengthInDays => Kind switch
    {
        PeriodKind.Day => 1,
        PeriodKind.Week => 7,
        PeriodKind.Month => DaysPerMonth,
        PeriodKind.Quarter => DaysPerQuarter,
        _ => CustomLengthInDays,
    };

    /// <summary>A unit of <paramref name="days"/> days.</summary>
    /// <param name="days">The length in days, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is below 1.</exception>
    public static PeriodUnit Days(int days)
    {
        if (days < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(days), days, "lengths of at least 1 day");
        }

        return new PeriodUnit(PeriodKind.CustomDays, days);
    }

    /// <summary>Throws unless the unit is well formed (a custom unit of at least one day, or a named unit).</summary>
    internal void Validate(string paramName)
    {
        bool ok = Kind switch
        {
            PeriodKind.Day or PeriodKind.Week or PeriodKind.Month or PeriodKind.Quarter => CustomLengthInDays == 0,
            PeriodKind.CustomDays => CustomLengthInDays >= 1,
            _ => false,
        };
        if (!ok)
        {
            ThrowHelper.Argument(paramName, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} is {this}; use PeriodUnit.Day, Week, Month, Quarter or Days(n) with n ≥ 1."));
        }
    }

    /// <summary>
    /// The whole-period index of a day number (<see cref="DateOnly.DayNumber"/>; day 0, 0001-01-01, is a Monday):
    /// the day itself, day ÷ 7 (Monday-to-Sunday weeks), year × 12 + month − 1, year × 4 + quarter − 1, or day ÷ n.
    /// </summary>
    internal int WholePeriodIndex(int dayNumber) => Kind switch
    {
        PeriodKind.Day => dayNumber,
        PeriodKind.Week => dayNumber / 7,
        PeriodKind.Month => CalendarMonthIndex(dayNumber),
        PeriodKind.Quarter => CalendarMonthIndex(dayNumber) / 3,
        _ => dayNumber / CustomLengthInDays,
    };

    /// <summary>The day number of the first day of whole period <paramref name="index"/> (the inverse of <see cref="WholePeriodIndex"/> on period starts).</summary>
    internal int FirstDayOfWholePeriod(int index) => Kind switch
    {
        PeriodKind.Day => index,
        PeriodKind.Week => index * 7,
        PeriodKind.Month => new DateOnly(index / 12, (index % 12) + 1, 1).DayNumber,
        PeriodKind.Quarter => new DateOnly(index / 4, ((index % 4) * 3) + 1, 1).DayNumber,
        _ => index * CustomLengthInDays,
    };

    /// <summary>
    /// year × 12 + month − 1 of a day number (0001-01-01 is day 0), by integer arithmetic on the 400-year Gregorian cycle
    /// (H. Hinnant, <i>chrono-compatible low-level date algorithms</i>, <c>civil_from_days</c>, with years starting in
    /// March so that the leap day ends a year), without building a <see cref="DateOnly"/>.
    /// </summary>
    internal static int CalendarMonthIndex(int dayNumber)
    {
        // Day 0 is 0001-01-01; shift to days since 0000-03-01 (306 days before 0001-01-01), which is never negative here.
        uint z = (uint)dayNumber + 306;
        uint era = z / 146097;
        uint doe = z - (era * 146097);                                          // [0, 146096]
        uint yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365; // [0, 399]
        uint doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));               // [0, 365], from March 1
        uint mp = ((5 * doy) + 2) / 153;                                        // [0, 11], March = 0
        uint year = yoe + (era * 400) + (mp >= 10 ? 1u : 0u);
        uint month = mp < 10 ? mp + 2 : mp - 10;                                // 0-based calendar month
        return (int)((year * 12) + month);
    }

    /// <summary>"day", "week", "month", "quarter" or "n days".</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Day => "day",
        PeriodKind.Week => "week",
        PeriodKind.Month => "month",
        PeriodKind.Quarter => "quarter",
        PeriodKind.CustomDays => string.Create(CultureInfo.InvariantCulture, $"{CustomLengthInDays} days"),
        _ => string.Create(CultureInfo.InvariantCulture, $"invalid ({(int)Kind}, {CustomLengthInDays})"),
    };
}
