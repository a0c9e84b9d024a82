using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// The time unit of an RFM summary: <see cref="Day"/>, <see cref="Week"/>, <see cref="Month"/> or a custom length
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
        if (!Enum.IsDefined(kind))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(kind), (long)kind, "Day, Week, Month or CustomDays");
        }

        if (kind == PeriodKind.CustomDays ? customLengthInDays < 1 : customLengthInDays != 0)
        {
            ThrowHelper.Argument(nameof(customLengthInDays), string.Create(CultureInfo.InvariantCulture,
                $"customLengthInDays is {customLengthInDays} for a {kind} unit; use PeriodUnit.Day, Week, Month or Days(n) with n ≥ 1."));
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

    /// <summary>One day.</summary>
    public static PeriodUnit Day => new(PeriodKind.Day, 0);

    /// <summary>One week of seven days.</summary>
    public static PeriodUnit Week => new(PeriodKind.Week, 0);

    /// <summary>One month (30.4375 days when fractional, a calendar month when whole).</summary>
    public static PeriodUnit Month => new(PeriodKind.Month, 0);

    /// <summary>The length of the unit in days: 1, 7, 30.4375 or the custom length.</summary>
    public double LengthInDays => Kind switch
    {
        PeriodKind.Day => 1,
        PeriodKind.Week => 7,
        PeriodKind.Month => DaysPerMonth,
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
            PeriodKind.Day or PeriodKind.Week or PeriodKind.Month => CustomLengthInDays == 0,
            PeriodKind.CustomDays => CustomLengthInDays >= 1,
            _ => false,
        };
        if (!ok)
        {
            ThrowHelper.Argument(paramName, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} is {this}; use PeriodUnit.Day, Week, Month or Days(n) with n ≥ 1."));
        }
    }

    /// <summary>The whole-period index of a day number (<see cref="DateOnly.DayNumber"/>; day 0, 0001-01-01, is a Monday).</summary>
    internal int WholePeriodIndex(int dayNumber)
    {
        switch (Kind)
        {
            case PeriodKind.Day:
                return dayNumber;
            case PeriodKind.Week:
                return dayNumber / 7;
            case PeriodKind.Month:
                var date = DateOnly.FromDayNumber(dayNumber);
                return (date.Year * 12) + date.Month - 1;
            default:
                return dayNumber / CustomLengthInDays;
        }
    }

    /// <summary>"day", "week", "month" or "n days".</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Day => "day",
        PeriodKind.Week => "week",
        PeriodKind.Month => "month",
        PeriodKind.CustomDays => string.Create(CultureInfo.InvariantCulture, $"{CustomLengthInDays} days"),
        _ => string.Create(CultureInfo.InvariantCulture, $"invalid ({(int)Kind}, {CustomLengthInDays})"),
    };
}
