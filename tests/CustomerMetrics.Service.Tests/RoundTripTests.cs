using System.Net;
using System.Text.Json;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerMetrics.Service.Tests;

/// <summary>
/// Every result type the service returns, read back from the HTTP body with the service's own options: the value equals
/// the library's result on the same data, and writing it again gives the same JSON (NaN included).
/// </summary>
public sealed class RoundTripTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<T> RoundTrip<T>(string path, string request, T expected)
    {
        var answer = await ServiceTests.Post(_client, path, request);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        T value = JsonSerializer.Deserialize<T>(answer.Body, ServiceTests.Json)!;
        Assert.Equal(answer.Body, JsonSerializer.Serialize(value, ServiceTests.Json));
        Assert.Equal(JsonSerializer.Serialize(expected, ServiceTests.Json), answer.Body);
        return value;
    }

    [Fact]
    public async Task Survey_results_round_trip_including_the_empty_NaN_ones()
    {
        Assert.Equal(Nps.Calculate([10, 9, 8, 0]), await RoundTrip("/surveys/nps", """{"scores":[10,9,8,0]}""", Nps.Calculate([10, 9, 8, 0])));
        Assert.Equal(NpsResult.Empty, await RoundTrip("/surveys/nps", """{"scores":[]}""", NpsResult.Empty));
        byte[] ratings = [1, 2, 3, 4, 5];
        Assert.Equal(Ces.Calculate(ratings, CesScale.FivePointEffort),
            await RoundTrip("/surveys/ces", """{"ratings":[1,2,3,4,5],"scale":"FivePointEffort"}""", Ces.Calculate(ratings, CesScale.FivePointEffort)));
        Assert.Equal(Csat.Calculate(ratings, 5), await RoundTrip("/surveys/csat", """{"ratings":[1,2,3,4,5]}""", Csat.Calculate(ratings, 5)));
        Assert.Equal(Csat.Calculate(ReadOnlySpan<byte>.Empty, 7),
            await RoundTrip("/surveys/csat", """{"ratings":[],"scalePoints":7}""", Csat.Calculate(ReadOnlySpan<byte>.Empty, 7)));
    }

    [Fact]
    public async Task Mrr_movements_round_trip()
    {
        decimal[] previous = [100m, 50m, 0m, 30.5m], current = [110m, 0m, 20m, 30.5m];
        MrrMovements<decimal> expected = MrrMovements.Between(previous, current);
        Assert.Equal(expected, await RoundTrip("/subscriptions/movements", """{"previous":[100,50,0,30.5],"current":[110,0,20,30.5]}""", expected));
        Assert.Equal(default(MrrMovements<decimal>), await RoundTrip("/subscriptions/movements", """{"previous":[],"current":[]}""", default(MrrMovements<decimal>)));
    }

    [Fact]
    public async Task The_customer_value_report_round_trips_and_matches_the_library_on_a_hand_made_mapping()
    {
        string[] customers = ["b", "a", "b", "c"];
        DateOnly[] dates = [new(2024, 1, 1), new(2024, 1, 8), new(2024, 2, 5), new(2024, 2, 6)];
        decimal[] amounts = [10m, 20m, 30m, 5.5m];
        int[] ids = [0, 1, 0, 2]; // first appearance order
        RfmSummary rfm = Rfm.Summarize(ids, dates, amounts.Select(a => (double)a).ToArray(), new DateOnly(2024, 2, 29), RfmOptions.Weeks);
        HistoricalClvByCustomer<decimal> clv = Clv.Historical(ids, amounts, 0.25m);
        var expected = new CustomerValueReport(PeriodKind.Week, new DateOnly(2024, 2, 29), 4, 0, clv.Total,
            [new("b", rfm[0], clv[0]), new("a", rfm[1], clv[1]), new("c", rfm[2], clv[2])]);
        string request = """
            {"observationEnd":"2024-02-29","grossMargin":0.25,"transactions":[
            {"customer":"b","date":"2024-01-01","amount":10},{"customer":"a","date":"2024-01-08","amount":20},
            {"customer":"b","date":"2024-02-05","amount":30},{"customer":"c","date":"2024-02-06","amount":5.5}]}
            """;
        CustomerValueReport report = await RoundTrip("/value/customers", request, expected);
        Assert.Equal(expected.Customers, report.Customers);
        Assert.Equal(expected.Total, report.Total);
    }

    [Fact]
    public async Task Problem_documents_round_trip_as_ProblemDetails()
    {
        var answer = await ServiceTests.Post(_client, "/surveys/nps", """{"scores":[12]}""");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        ProblemDetails problem = JsonSerializer.Deserialize<ProblemDetails>(answer.Body, JsonSerializerOptions.Web)!;
        Assert.Equal(400, problem.Status);
        Assert.Equal("scores[0]", problem.Extensions["field"]?.ToString());
        Assert.StartsWith("scores[0] is 12", problem.Detail, StringComparison.Ordinal);
    }
}
