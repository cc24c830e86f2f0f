using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v2 customers: create, get, list. A tax id is unique: a second customer with it gets 409.</summary>
internal sealed class CustomersResource(SimulatorState state)
{
    public ApiAnswer Create(ApiCall call) => ApiAnswer.Created(Representations.Customer(CreateFrom(call.Body, "", call.Now)));

    public ApiAnswer Get(ApiCall call) =>
        ApiAnswer.Ok(Representations.Customer(state.Customers.GetValueOrDefault(call.Route("id")) ?? throw FintocApiError.NotFound("customer", call.Route("id"))));

    public ApiAnswer List(ApiCall call)
    {
        var taxId = call.Query("tax_id");
        var taxIdType = call.Query("tax_id_type");
        var email = call.Query("email");
        var matches = state.Customers.Values
            .Where(customer => taxIdType is null || customer.TaxId?.Type == taxIdType)
            .Where(customer => taxId is null || (customer.TaxId is not null && customer.TaxId.Value == TaxIds.Loose(taxId)))
            .Where(customer => email is null || string.Equals(customer.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(customer => state.OrderOf(customer.Id))
            .ToList();
        return Pagination.Cursor(call, matches, customer => customer.Id, customer => Representations.Customer(customer), [("tax_id", taxId), ("tax_id_type", taxIdType), ("email", email)]);
    }

    /// <summary>Creates a customer from <paramref name="body"/> (a request or a checkout session's <c>customer_data</c>).</summary>
    public SimCustomer CreateFrom(RequestBody body, string param, DateTimeOffset now)
    {
        var email = body.OptionalString("email")?.Trim().ToLowerInvariant();
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
        {
            throw FintocApiError.Invalid(body.Name("email"), "email is not a valid e-mail address.");
        }

        TaxId? taxId = null;
        if (body.OptionalObject("tax_id") is { } taxIdBody)
        {
            taxId = TaxIds.Normalize(taxIdBody.RequiredString("type"), taxIdBody.RequiredString("value"), body.Name("tax_id"));
            var existing = state.Customers.Values.FirstOrDefault(customer => customer.TaxId == taxId);
            if (existing is not null)
            {
                throw FintocApiError.Conflict("customer_already_exists", $"A customer with this tax_id already exists: {existing.Id}. Send its id as customer instead.", body.Name("tax_id"));
            }
        }

        if (email is null && taxId is null)
        {
            throw FintocApiError.Missing(param.Length == 0 ? "email" : body.Name("email"));
        }

        var customer = new SimCustomer
        {
            Id = Ids.New("cus_"),
            Name = body.OptionalString("name"),
            Email = email,
            TaxId = taxId,
            Phone = body.OptionalString("phone"),
            Metadata = body.Metadata(),
            CreatedAt = now,
        };
        state.Customers[customer.Id] = state.Track(customer.Id, customer);
        return customer;
    }
}
