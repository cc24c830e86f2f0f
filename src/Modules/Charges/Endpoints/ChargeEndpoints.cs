using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Http;
using ModularPayments.Modules.Charges.Application.GetCharge;
using ModularPayments.Modules.Charges.Application.GetChargeTimeline;
using ModularPayments.Modules.Charges.Application.ListChargeMismatches;
using ModularPayments.Modules.Charges.Application.ListCharges;
using ModularPayments.Modules.Charges.Application.RefreshCharge;
using ModularPayments.Modules.Charges.Application.RequestCharge;

namespace ModularPayments.Modules.Charges.Endpoints;

internal static class ChargeEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var charges = endpoints.MapGroup("/charges").WithTags("Charges");

        charges.MapPost("/", CreateAsync)
            .WithName("CreateCharge")
            .WithSummary("Charge a customer's saved payment method (or PAC subscription): recorded now, submitted to Fintoc right after.")
            .Produces<ChargeResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        charges.MapGet("/{id}", GetAsync)
            .WithName("GetCharge")
            .Produces<ChargeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        charges.MapGet("/{id}/timeline", TimelineAsync)
            .WithName("GetChargeTimeline")
            .WithSummary("Every step of the charge in order: the request, each Fintoc answer and webhook, each state change.")
            .Produces<ChargeTimelineResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        charges.MapPost("/{id}/refresh", RefreshAsync)
            .WithName("RefreshCharge")
            .WithSummary("Re-read the charge from Fintoc (or submit it if it never was) and apply what changed.")
            .Produces<ChargeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        charges.MapGet("/", ListAsync)
            .WithName("ListCharges")
            .WithSummary("List charges, newest first, filtered by customer_id, payment_method_id, status, created_after, created_before.")
            .Produces<ChargeListResponse>()
            .ProducesValidationProblem();

        return endpoints;
    }

    public static IEndpointRouteBuilder MapAdmin(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/charges/mismatches", MismatchesAsync)
            .WithTags("Admin")
            .WithName("ListChargeMismatches")
            .WithSummary("Charges whose Fintoc object differs from what was asked (amount, currency, customer, method): never settled, look at each.")
            .Produces<ChargeListResponse>();
        return admin;
    }

    private static async Task<IResult> CreateAsync(
        CreateChargeRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var command = new RequestChargeCommand(
            body.CustomerId,
            body.PaymentMethodId,
            body.SubscriptionId,
            body.Amount,
            body.Currency,
            body.Description,
            body.Metadata,
            idempotencyKey);
        var result = await mediator.Send(command, cancellationToken);
        var response = ChargeResponse.From(result.Charge);
        return new AcceptedWithReplayFlag<ChargeResponse>($"/v1/charges/{response.Id}", response, replayed: !result.Created);
    }

    private static async Task<IResult> GetAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var charge = await mediator.Send(new GetChargeQuery(PublicIdKind.Charge.ParseOrNotFound(id)), cancellationToken);
        return Results.Ok(ChargeResponse.From(charge));
    }

    private static async Task<IResult> TimelineAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var chargeId = PublicIdKind.Charge.ParseOrNotFound(id);
        var steps = await mediator.Send(new GetChargeTimelineQuery(chargeId), cancellationToken);
        return Results.Ok(new ChargeTimelineResponse("list", PublicIdKind.Charge.Format(chargeId), steps));
    }

    private static async Task<IResult> RefreshAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var charge = await mediator.Send(new RefreshChargeCommand(PublicIdKind.Charge.ParseOrNotFound(id)), cancellationToken);
        return Results.Ok(ChargeResponse.From(charge));
    }

    private static async Task<IResult> ListAsync(
        [FromQuery(Name = "customer_id")] string? customerId,
        [FromQuery(Name = "payment_method_id")] string? paymentMethodId,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "created_after")] string? createdAfter,
        [FromQuery(Name = "created_before")] string? createdBefore,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "starting_after")] string? startingAfter,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListChargesQuery(customerId, paymentMethodId, status, createdAfter, createdBefore, limit, startingAfter), cancellationToken);
        return Results.Ok(new ChargeListResponse("list", [.. page.Data.Select(ChargeResponse.From)], page.HasMore));
    }

    private static async Task<IResult> MismatchesAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListChargeMismatchesQuery(), cancellationToken);
        return Results.Ok(new ChargeListResponse("list", [.. page.Data.Select(ChargeResponse.From)], page.HasMore));
    }
}
