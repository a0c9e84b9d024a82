using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerMetrics.Value;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerMetrics.Service.Tests;

/// <summary>
/// The service over HTTP (in-process test server): status codes and bodies for good, bad, empty and oversized input.
/// Expected values come from the library called directly on the same data, or from the definitions by hand.
/// </summary>
public sealed class ServiceTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    internal static readonly JsonSerializerOptions Json = CreateOptions();

    private readonly HttpClient _client = factory.CreateClient();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceJsonContext.Configure(options);
        return options;
    }

    internal static async Task<(HttpStatusCode Status, string Body, string? MediaType)> Post(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertProblem((HttpStatusCode Status, string Body, string? MediaType) answer, HttpStatusCode status, string field,
        string detailPart)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        JsonNode problem = JsonNode.Parse(answer.Body)!;
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.Equal(field, (string?)problem["field"]);
        Assert.Contains(detailPart, (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nps_of_good_scores_is_200_with_the_counts_and_score()
    {
        var answer = await Post(_client, "/surveys/nps", """{"scores":[10,9,8,7,3]}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        JsonNode body = JsonNode.Parse(answer.Body)!;
        Assert.Equal(2, (long)body["promoters"]!);
        Assert.Equal(2, (long)body["passives"]!);
        Assert.Equal(1, (long)body["detractors"]!);
        Assert.Equal(20.0, (double)body["score"]!, 12); // (2 − 1) / 5 in points
    }

    [Fact]
    public async Task A_score_of_11_is_400_naming_field_index_and_value()
    {
        var answer = await Post(_client, "/surveys/nps", """{"scores":[10,9,11,4]}""");
        AssertProblem(answer, HttpStatusCode.BadRequest, "scores[2]", "scores[2] is 11; valid values are 0 to 10");
        JsonNode problem = JsonNode.Parse(answer.Body)!;
        Assert.Equal(2, (int)problem["index"]!);
        Assert.Equal("11", (string?)problem["value"]);
        Assert.Equal("Invalid input", (string?)problem["title"]);
    }

    [Fact]
    public async Task Empty_scores_are_200_with_count_0_and_NaN_written_as_a_string()
    {
        var answer = await Post(_client, "/surveys/nps", """{"scores":[]}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        JsonNode body = JsonNode.Parse(answer.Body)!;
        Assert.Equal(0, (long)body["count"]!);
        Assert.Equal("NaN", (string?)body["score"]);
    }

    [Fact]
    public async Task A_missing_array_or_malformed_json_is_400_problem()
    {
        AssertProblem(await Post(_client, "/surveys/nps", "{}"), HttpStatusCode.BadRequest, "scores", "scores is required");
        var malformed = await Post(_client, "/surveys/nps", """{"scores":[1,2""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("application/problem+json", malformed.MediaType);
        var wrongType = await Post(_client, "/surveys/nps", """{"scores":"ten"}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
    }

    [Fact]
    public async Task An_array_over_the_limit_is_413_naming_the_field_and_limit()
    {
        string json = "{\"scores\":[" + string.Join(',', Enumerable.Repeat("9", ServiceLimits.MaxArrayLength + 1)) + "]}";
        var answer = await Post(_client, "/surveys/nps", json);
        AssertProblem(answer, HttpStatusCode.RequestEntityTooLarge, "scores", "scores has 1000001 elements; at most 1000000");
        Assert.Equal(ServiceLimits.MaxArrayLength, (int)JsonNode.Parse(answer.Body)!["limit"]!);
        var atLimit = await Post(_client, "/surveys/nps", "{\"scores\":[" + string.Join(',', Enumerable.Repeat("9", ServiceLimits.MaxArrayLength)) + "]}");
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_it_is_read()
    {
        var bytes = new byte[ServiceLimits.MaxRequestBodyBytes + 1];
        bytes.AsSpan().Fill((byte)' ');
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _client.PostAsync(new Uri("/surveys/nps", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 8388608", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ces_and_csat_answer_good_bad_and_empty_input()
    {
        var ces = await Post(_client, "/surveys/ces", """{"ratings":[7,6,5,2],"scale":"SevenPointAgreement"}""");
        Assert.Equal(HttpStatusCode.OK, ces.Status);
        Assert.Equal(5.0, (double)JsonNode.Parse(ces.Body)!["mean"]!, 12);
        AssertProblem(await Post(_client, "/surveys/ces", """{"ratings":[3,0],"scale":"FivePointEffort"}"""), HttpStatusCode.BadRequest,
            "ratings[1]", "ratings[1] is 0");
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(_client, "/surveys/ces", """{"ratings":[3],"scale":"Bogus"}""")).Status);

        var csat = await Post(_client, "/surveys/csat", """{"ratings":[5,4,3,1]}""");
        Assert.Equal(HttpStatusCode.OK, csat.Status);
        Assert.Equal(0.5, (double)JsonNode.Parse(csat.Body)!["satisfiedShare"]!, 12); // 2 of 4 in the top box 4–5
        AssertProblem(await Post(_client, "/surveys/csat", """{"ratings":[5],"scalePoints":12}"""), HttpStatusCode.BadRequest,
            "scalePoints", "scalePoints is 12");
        var empty = await Post(_client, "/surveys/csat", """{"ratings":[]}""");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("NaN", (string?)JsonNode.Parse(empty.Body)!["satisfiedShare"]);
    }

    [Fact]
    public async Task Movements_follow_the_worked_example_and_reject_bad_mrr()
    {
        // Start 100 + 50 + 30: customer 0 expands 100 → 110, customer 1 churns 50, customer 2 is new at 20, customer 3 unchanged.
        var answer = await Post(_client, "/subscriptions/movements", """{"previous":[100,50,0,30],"current":[110,0,20,30]}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        JsonNode body = JsonNode.Parse(answer.Body)!;
        Assert.Equal(180m, (decimal)body["startingMrr"]!);
        Assert.Equal(10m, (decimal)body["expansionMrr"]!);
        Assert.Equal(50m, (decimal)body["churnedMrr"]!);
        Assert.Equal(20m, (decimal)body["newMrr"]!);
        Assert.Equal(50.0 / 180, (double)body["grossMrrChurn"]!, 12);

        AssertProblem(await Post(_client, "/subscriptions/movements", """{"previous":[1,-5],"current":[1,1]}"""), HttpStatusCode.BadRequest,
            "previous[1]", "previous[1] is -5");
        var mismatch = await Post(_client, "/subscriptions/movements", """{"previous":[1,2],"current":[1]}""");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Contains("same length", (string?)JsonNode.Parse(mismatch.Body)!["detail"], StringComparison.Ordinal);
        AssertProblem(await Post(_client, "/subscriptions/movements", """{"previous":[1]}"""), HttpStatusCode.BadRequest, "current", "current is required");
        var empty = await Post(_client, "/subscriptions/movements", """{"previous":[],"current":[]}""");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("NaN", (string?)JsonNode.Parse(empty.Body)!["grossMrrChurn"]);
    }

    private const string Log = """
        {"observationEnd":"2024-03-31","unit":"Day","grossMargin":0.5,"transactions":[
          {"customer":"C-1001","date":"2024-01-03","amount":25.00},
          {"customer":"C-2002","date":"2024-01-04","amount":12.50},
          {"customer":"C-1001","date":"2024-02-11","amount":40.00},
          {"customer":"C-3003","date":"2024-04-20","amount":8.75},
          {"customer":"C-1001","date":"2024-03-02","amount":15.25}]}
        """;

    [Fact]
    public async Task Customer_values_from_a_log_with_string_keys_follow_the_definitions()
    {
        var answer = await Post(_client, "/value/customers", Log);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        CustomerValueReport report = JsonSerializer.Deserialize<CustomerValueReport>(answer.Body, Json)!;
        Assert.Equal(4, report.TransactionsUsed);
        Assert.Equal(1, report.ExcludedAfterEnd);                    // C-3003 buys only after the end
        Assert.Equal(["C-1001", "C-2002"], report.Customers.Select(c => c.Customer));
        CustomerValue first = report.Customers[0];
        Assert.Equal(2, first.Rfm.Frequency);                         // purchase days 3 Jan, 11 Feb, 2 Mar
        Assert.Equal(59, first.Rfm.Recency);                          // 3 Jan → 2 Mar 2024 (leap year)
        Assert.Equal(88, first.Rfm.Age);                                // 3 Jan → 31 Mar
        Assert.Equal((40 + 15.25) / 2, first.Rfm.MeanSpend, 12);
        Assert.Equal(new HistoricalClv<decimal>(3, 80.25m, 40.125m), first.Clv);
        Assert.Equal(new HistoricalClv<decimal>(4, 92.75m, 46.375m), report.Total);
    }

    [Fact]
    public async Task Bad_rows_name_the_transaction_field_and_empty_logs_answer_200()
    {
        AssertProblem(await Post(_client, "/value/customers", Log.Replace("\"customer\":\"C-2002\",", "", StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, "transactions[1].customer", "transactions[1].customer is missing");
        AssertProblem(await Post(_client, "/value/customers", Log.Replace("0.5", "1.5", StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, "grossMargin", "1.5");
        AssertProblem(await Post(_client, "/value/customers", Log.Replace("\"Day\"", "\"CustomDays\"", StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, "unit", "valid units are Day, Week and Month");
        AssertProblem(await Post(_client, "/value/customers", """{"transactions":[]}"""), HttpStatusCode.BadRequest,
            "observationEnd", "observationEnd is required");
        var empty = await Post(_client, "/value/customers", """{"observationEnd":"2024-03-31","transactions":[]}""");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        CustomerValueReport report = JsonSerializer.Deserialize<CustomerValueReport>(empty.Body, Json)!;
        Assert.Empty(report.Customers);
        Assert.Equal(PeriodKind.Week, report.Unit);
        Assert.Equal(default, report.Total);
    }
}
