using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Http;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Application.ChangeMandate;
using ModularPayments.Modules.Mandates.Application.CreateMandate;
using ModularPayments.Modules.Mandates.Application.GetMandate;
using ModularPayments.Modules.Mandates.Application.ListMandates;
using ModularPayments.Modules.Mandates.Infrastructure;

namespace ModularPayments.Modules.Mandates.Endpoints;

internal static class MandateEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var mandates = endpoints.MapGroup("/mandates").WithTags("Mandates");

        mandates.MapPost("/", CreateAsync)
            .WithName("CreateMandate")
            .WithSummary("Set up recurring billing on a saved payment method or a PAC subscription (answers the widget token).")
            .Produces<MandateResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        mandates.MapGet("/{id}", GetAsync)
            .WithName("GetMandate")
            .Produces<MandateResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        mandates.MapGet("/", ListAsync)
            .WithName("ListMandates")
            .WithSummary("List mandates, newest first, filtered by customer_id and status; page with limit and starting_after.")
            .Produces<MandateListResponse>()
            .ProducesValidationProblem();

        mandates.MapGet("/{id}/charges", ChargesAsync)
            .WithName("ListMandateCharges")
            .WithSummary("Every attempt at every period, with its expected processing, final-status and payout dates.")
            .Produces<MandateChargeListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        foreach (var (route, change) in new[] { ("cancel", MandateChange.Cancel), ("pause", MandateChange.Pause), ("resume", MandateChange.Resume) })
        {
            mandates.MapPost("/{id}/" + route, (string id, IMediator mediator, CancellationToken cancellationToken) => ChangeAsync(id, change, mediator, cancellationToken))
                .WithName(route switch { "cancel" => "CancelMandate", "pause" => "PauseMandate", _ => "ResumeMandate" })
                .Produces<MandateResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }

        return endpoints;
    }

    public static IEndpointRouteBuilder MapAdmin(IEndpointRouteBuilder admin)
    {
        admin.MapPost("/mandates/billing-runs", async (BillingEngine engine, CancellationToken cancellationToken) => Results.Ok(await engine.RunAsync(cancellationToken)))
            .WithTags("Admin")
            .WithName("RunMandateBilling")
            .WithSummary("Run the billing engine now (it also runs every Mandates:BillingInterval).")
            .Produces<BillingRunSummary>();
        admin.MapGet("/mandates/billing-runs", (BillingEngine engine) => Results.Ok(new { @object = "list", data = engine.Summaries }))
            .WithTags("Admin")
            .WithName("ListMandateBillingRuns")
            .WithSummary("Billing runs of this instance per Santiago day: runs, due mandates examined, attempts recorded, errors.");
        admin.MapGet("/mandates/billing-days", async (IMandateReadModel readModel, TimeProvider clock, CancellationToken cancellationToken) =>
                Results.Ok(new
                {
                    @object = "list",
                    due_now = await readModel.CountDueAsync(clock.GetUtcNow(), cancellationToken),
                    data = await readModel.BillingDaysAsync(90, cancellationToken),
                }))
            .WithTags("Admin")
            .WithName("ListMandateBillingDays")
            .WithSummary("Per Santiago day, from the log (every instance): attempts due and submitted (of which retries), charges succeeded, failed; and how many active mandates are due now without an attempt.");
        return admin;
    }

    private static async Task<IResult> CreateAsync(
        CreateMandateRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var command = new CreateMandateCommand(
            body.CustomerId,
            body.Instrument?.Type,
            body.Instrument?.PaymentMethodId,
            body.Amount,
            body.Currency,
            body.Schedule?.Frequency,
            body.Schedule?.DayOfMonthText,
            body.Schedule?.Weekday,
            body.Schedule?.StartDate,
            body.ReferenceId,
            body.RetryPolicy?.MaxAttempts,
            body.RetryPolicy?.RetryAfterBusinessDays,
            idempotencyKey);
        var result = await mediator.Send(command, cancellationToken);
        var response = MandateResponse.From(result.Mandate);
        return new CreatedWithReplayFlag<MandateResponse>($"/v1/mandates/{response.Id}", response, replayed: !result.Created);
    }

    private static async Task<IResult> GetAsync(string id, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(MandateResponse.From(await mediator.Send(new GetMandateQuery(PublicIdKind.Mandate.ParseOrNotFound(id)), cancellationToken)));

    private static async Task<IResult> ChargesAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var charges = await mediator.Send(new GetMandateChargesQuery(PublicIdKind.Mandate.ParseOrNotFound(id)), cancellationToken);
        return Results.Ok(new MandateChargeListResponse("list", id, [.. charges.Select(MandateChargeResponse.From)]));
    }

    private static async Task<IResult> ListAsync(
        [FromQuery(Name = "customer_id")] string? customerId,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "starting_after")] string? startingAfter,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListMandatesQuery(customerId, status, limit, startingAfter), cancellationToken);
        return Results.Ok(new MandateListResponse("list", [.. page.Data.Select(MandateResponse.From)], page.HasMore));
    }

    private static async Task<IResult> ChangeAsync(string id, MandateChange change, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(MandateResponse.From(await mediator.Send(new ChangeMandateCommand(PublicIdKind.Mandate.ParseOrNotFound(id), change), cancellationToken)));
}
