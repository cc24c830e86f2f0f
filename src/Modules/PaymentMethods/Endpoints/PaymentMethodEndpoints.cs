using MediatR;
using ModularPayments.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.GetPaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.GetSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.ListPaymentMethods;
using ModularPayments.Modules.PaymentMethods.Application.RefreshSetupSession;

namespace ModularPayments.Modules.PaymentMethods.Endpoints;

internal static class PaymentMethodEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/setup_sessions").WithTags("Payment methods");

        sessions.MapPost("/", CreateAsync)
            .WithName("CreateSetupSession")
            .WithSummary("Start saving a customer's payment method: a Fintoc Checkout Session with flow setup.")
            .Produces<SetupSessionResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapGet("/{id}", GetSessionAsync)
            .WithName("GetSetupSession")
            .Produces<SetupSessionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapPost("/{id}/refresh", RefreshAsync)
            .WithName("RefreshSetupSession")
            .WithSummary("Re-read the session and its payment method from Fintoc and apply what changed.")
            .Produces<SetupSessionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var methods = endpoints.MapGroup("/payment_methods").WithTags("Payment methods");

        methods.MapGet("/{id}", GetMethodAsync)
            .WithName("GetPaymentMethod")
            .Produces<PaymentMethodResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        methods.MapGet("/", ListAsync)
            .WithName("ListPaymentMethods")
            .WithSummary("List saved payment methods, newest first, filtered by customer_id or status.")
            .Produces<PaymentMethodListResponse>()
            .ProducesValidationProblem();

        return endpoints;
    }

    private static async Task<IResult> CreateAsync(
        CreateSetupSessionRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var command = new CreateSetupSessionCommand(
            body.CustomerId,
            body.Currency,
            body.SuccessUrl,
            body.CancelUrl,
            body.PaymentMethodTypes,
            body.Metadata,
            idempotencyKey);
        var result = await mediator.Send(command, cancellationToken);
        var response = SetupSessionResponse.From(result.Session);
        return new CreatedWithReplayFlag<SetupSessionResponse>($"/v1/setup_sessions/{response.Id}", response, replayed: !result.Created);
    }

    private static async Task<IResult> GetSessionAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var session = await mediator.Send(new GetSetupSessionQuery(PublicIdKind.SetupSession.ParseOrNotFound(id)), cancellationToken);
        return Results.Ok(SetupSessionResponse.From(session));
    }

    private static async Task<IResult> RefreshAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var session = await mediator.Send(new RefreshSetupSessionCommand(PublicIdKind.SetupSession.ParseOrNotFound(id)), cancellationToken);
        return Results.Ok(SetupSessionResponse.From(session));
    }

    private static async Task<IResult> GetMethodAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var method = await mediator.Send(new GetPaymentMethodQuery(PublicIdKind.PaymentMethod.ParseOrNotFound(id)), cancellationToken);
        return Results.Ok(PaymentMethodResponse.From(method));
    }

    private static async Task<IResult> ListAsync(
        [FromQuery(Name = "customer_id")] string? customerId,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "starting_after")] string? startingAfter,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListPaymentMethodsQuery(customerId, status, limit, startingAfter), cancellationToken);
        return Results.Ok(new PaymentMethodListResponse("list", [.. page.Data.Select(PaymentMethodResponse.From)], page.HasMore));
    }
}
