using Microsoft.AspNetCore.Http;

namespace ModularPayments.BuildingBlocks.Http;

/// <summary>
/// 202 with the resource (recorded, finished later); an idempotent repeat of the accepting request says so in
/// <c>Idempotent-Replayed: true</c>.
/// </summary>
public sealed class AcceptedWithReplayFlag<TResponse>(string location, TResponse response, bool replayed) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (replayed)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Accepted(location, response).ExecuteAsync(httpContext);
    }
}
