namespace CustomerMetrics.Tests;

public class CalendarDaysTests
{
    private static readonly TimeZoneInfo PlusOne = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");
    private static readonly TimeZoneInfo MinusFive = TimeZoneInfo.CreateCustomTimeZone("Test-05", TimeSpan.FromHours(-5), "Test-05", "Test-05");

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void A_DateTime_counts_on_the_date_it_shows_whatever_its_kind(DateTimeKind kind)
    {
        var late = new DateTime(2024, 1, 31, 23, 59, 59, kind);
        Assert.Equal(new DateOnly(2024, 1, 31), CalendarDays.Of(late));
    }

    [Fact]
    public void An_instant_counts_on_its_date_in_the_named_zone()
    {
        var instant = new DateTimeOffset(2024, 1, 31, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2024, 1, 31), CalendarDays.Of(instant, TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2024, 2, 1), CalendarDays.Of(instant, PlusOne));
        Assert.Equal(new DateOnly(2024, 1, 31), CalendarDays.Of(instant, MinusFive));
        var early = new DateTimeOffset(2024, 2, 1, 3, 0, 0, TimeSpan.FromHours(2)); // 01:00 UTC
        Assert.Equal(new DateOnly(2024, 1, 31), CalendarDays.Of(early, MinusFive));  // 20:00 the day before
        Assert.Throws<ArgumentNullException>(() => CalendarDays.Of(instant, null!));
    }

    [Fact]
    public void Span_forms_convert_every_element_and_check_the_destination()
    {
        DateTimeOffset[] instants = [new(2024, 3, 1, 23, 0, 0, TimeSpan.Zero), new(2024, 3, 2, 0, 30, 0, TimeSpan.Zero)];
        var days = new DateOnly[2];
        CalendarDays.Of(instants, PlusOne, days);
        Assert.Equal([new DateOnly(2024, 3, 2), new DateOnly(2024, 3, 2)], days);
        CalendarDays.Of([new DateTime(2024, 5, 6, 1, 0, 0, DateTimeKind.Utc)], days);
        Assert.Equal(new DateOnly(2024, 5, 6), days[0]);
        Assert.Throws<ArgumentException>(() => CalendarDays.Of(instants, PlusOne, new DateOnly[1]));
    }
}
