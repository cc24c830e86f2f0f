using ModularPayments.Api.Errors;
using ModularPayments.BuildingBlocks.Reactors;

namespace ModularPayments.Api.Admin;

public sealed record ParkedReactionResponse(
    string Subject,
    string Object,
    string EventType,
    string StreamId,
    long Position,
    int Attempts,
    string ErrorType,
    string Reason,
    DateTimeOffset ParkedAt,
    DateTimeOffset? RetryRequestedAt)
{
    public static ParkedReactionResponse From(ParkedReaction r) => new(
        r.Parked.Subject, "parked_reaction", r.Parked.EventType, r.Parked.StreamId, r.Parked.Position, r.Parked.Attempts, r.Parked.ErrorType, r.Parked.Reason, r.Parked.ParkedAt, r.RetryRequestedAt);
}

public sealed record ParkedReactionListResponse(string Object, string Reactor, IReadOnlyList<ParkedReactionResponse> Data);

public sealed record RetryAccepted(string Reactor, string Subject, string Status);

/// <summary>
/// What a reactor gave up on (a Fintoc call refused, a handler that kept failing) and a way to try it again once the
/// cause is fixed: nothing parked is lost, and nothing needs a restart or a database edit to go on.
/// </summary>
public static class ReactorAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder admin)
    {
        var reactors = admin.MapGroup("/reactors").WithTags("Operations");

        reactors.MapGet("/{name}/parked", ListAsync)
            .WithName("ListParkedReactions")
            .WithSummary("The reactor's parked reactions not resolved since, oldest first, with the last error (reactor names: GET /health).")
            .Produces<ParkedReactionListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reactors.MapPost("/{name}/parked/{subject}/retry", RetryAsync)
            .WithName("RetryParkedReaction")
            .WithSummary("Try a parked reaction again, as the first time; it is resolved, or parked again with the new error.")
            .Produces<RetryAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task ListAsync(HttpContext context, string name, ReactorsHostedService reactors, ParkedReactionLog parked)
    {
        if (!reactors.Names.Contains(name, StringComparer.Ordinal))
        {
            await UnknownReactorAsync(context, name, reactors);
            return;
        }

        var open = await parked.ListAsync(name, context.RequestAborted);
        await Results.Ok(new ParkedReactionListResponse("list", name, [.. open.Select(ParkedReactionResponse.From)])).ExecuteAsync(context);
    }

    private static async Task RetryAsync(HttpContext context, string name, string subject, ReactorsHostedService reactors, ParkedReactionLog parked)
    {
        if (!reactors.Names.Contains(name, StringComparer.Ordinal))
        {
            await UnknownReactorAsync(context, name, reactors);
            return;
        }

        if (!await parked.RequestRetryAsync(name, subject, context.TraceIdentifier, context.RequestAborted))
        {
            await ProblemResponses.WriteAsync(context, 404, "not_found", "Not found", $"Reactor '{name}' has nothing parked for '{subject}'.");
            return;
        }

        await Results.Accepted($"/admin/reactors/{name}/parked", new RetryAccepted(name, subject, "retry_requested")).ExecuteAsync(context);
    }

    private static Task UnknownReactorAsync(HttpContext context, string name, ReactorsHostedService reactors) =>
        ProblemResponses.WriteAsync(context, 404, "not_found", "Not found", $"No reactor '{name}'; reactors: {string.Join(", ", reactors.Names.Order(StringComparer.Ordinal))}.");
}
