using CustomerMetrics.Service;
using Microsoft.AspNetCore.Http.Features;

// A minimal API over CustomerMetrics: survey scores, MRR movements, RFM and CLV from a transaction log.
// Native-AOT ready: slim builder, source-generated JSON (ServiceJsonContext chained before the library's context).
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ServiceLimits.MaxRequestBodyBytes);
builder.Services.ConfigureHttpJsonOptions(json => ServiceJsonContext.Configure(json.SerializerOptions));
builder.Services.AddProblemDetails();
// Malformed JSON is answered 400 (a problem document through the status-code pages) in every environment, not thrown.
builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// The body limit for every host: Kestrel enforces MaxRequestBodySize itself; this answers a declared oversized body
// with a problem document before it is read (in-process test servers and other hosts included).
app.Use(async (context, next) =>
{
    if (context.Request.ContentLength > ServiceLimits.MaxRequestBodyBytes)
    {
        await TypedResults.Problem(
            $"The request body has {context.Request.ContentLength} bytes; at most {ServiceLimits.MaxRequestBodyBytes} are accepted.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
            extensions: new Dictionary<string, object?> { ["limit"] = ServiceLimits.MaxRequestBodyBytes }).ExecuteAsync(context);
        return;
    }

    if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
    {
        limit.MaxRequestBodySize = ServiceLimits.MaxRequestBodyBytes;
    }

    await next(context);
});

Endpoints.Map(app);
app.Run();

/// <summary>The entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c> in the service tests.</summary>
public partial class Program;
