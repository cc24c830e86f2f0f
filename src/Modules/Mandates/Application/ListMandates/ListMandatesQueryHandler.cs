using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Mandates.Application.GetMandate;

namespace ModularPayments.Modules.Mandates.Application.ListMandates;

/// <summary>The projection chooses the mandates; each is then read from its stream, so what is shown is never stale.</summary>
internal sealed class ListMandatesQueryHandler(IMandateReadModel readModel, IAggregateStore store, IOptions<MandatesOptions> options)
    : IQueryHandler<ListMandatesQuery, MandatePage>
{
    public async Task<MandatePage> Handle(ListMandatesQuery request, CancellationToken cancellationToken)
    {
        Guid? customerId = request.CustomerId is null ? null : PublicIdKind.Customer.ParseOrNotFound(request.CustomerId);
        Guid? startingAfter = request.StartingAfter is null ? null : PublicIdKind.Mandate.ParseOrNotFound(request.StartingAfter);
        var limit = request.Limit ?? 20;
        var page = await readModel.ListAsync(customerId, request.Status, limit, startingAfter, cancellationToken)
            ?? throw new DomainRuleViolation("invalid_cursor", "starting_after names no mandate.", "starting_after");
        var mandates = new List<MandateDto>(page.Rows.Count);
        foreach (var id in page.Rows)
        {
            var dto = (await MandateLoader.LoadExistingAsync(store, id, cancellationToken)).ToDto(options.Value.AuthorizationUrlTemplate);
            if (request.Status is null || dto.Status == request.Status)
            {
                mandates.Add(dto);
            }
        }

        return new MandatePage(mandates, page.HasMore);
    }
}
