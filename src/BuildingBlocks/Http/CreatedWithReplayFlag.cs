using Microsoft.AspNetCore.Http;

namespace ModularPayments.BuildingBlocks.Http;

/// <summary>201 with the resource; an idempotent repeat of the creating request says so in <c>Idempotent-Replayed: true</c>.</summary>
public sealed class CreatedWithReplayFlag<TResponse>(string location, TResponse response, bool replayed) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (replayed)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Created(location, response).ExecuteAsync(httpContext);
    }
}
