using MediatR;
using ModularPayments.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Customers.Application.GetCustomer;
using ModularPayments.Modules.Customers.Application.ListCustomers;
using ModularPayments.Modules.Customers.Application.RegisterCustomer;

namespace ModularPayments.Modules.Customers.Endpoints;

internal static class CustomerEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var customers = endpoints.MapGroup("/customers").WithTags("Customers");

        customers.MapPost("/", RegisterAsync)
            .WithName("RegisterCustomer")
            .WithSummary("Register a customer (Chilean RUT or Mexican RFC, and/or email).")
            .Produces<CustomerResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapGet("/{id}", GetAsync)
            .WithName("GetCustomer")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List customers, newest first, filtered by tax_id or email.")
            .Produces<CustomerListResponse>()
            .ProducesValidationProblem();

        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterCustomerRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var command = new RegisterCustomerCommand(
            body.Name,
            body.Email,
            body.TaxId is null ? null : new TaxIdInput(body.TaxId.Type, body.TaxId.Value),
            body.Metadata,
            idempotencyKey);
        var result = await mediator.Send(command, cancellationToken);
        var response = CustomerResponse.From(result.Customer);
        return new CreatedWithReplayFlag<CustomerResponse>($"/v1/customers/{response.Id}", response, replayed: !result.Created);
    }

    private static async Task<IResult> GetAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var customerId = PublicIdKind.Customer.ParseOrNotFound(id);
        var customer = await mediator.Send(new GetCustomerQuery(customerId), cancellationToken);
        return Results.Ok(CustomerResponse.From(customer));
    }

    private static async Task<IResult> ListAsync(
        [FromQuery(Name = "tax_id")] string? taxId,
        [FromQuery(Name = "email")] string? email,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "starting_after")] string? startingAfter,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new ListCustomersQuery(taxId, email, limit, startingAfter), cancellationToken);
        return Results.Ok(new CustomerListResponse("list", [.. page.Data.Select(CustomerResponse.From)], page.HasMore));
    }
}
