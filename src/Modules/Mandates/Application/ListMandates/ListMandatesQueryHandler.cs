using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Application.GetMandate;

namespace ModularPayments.Modules.Mandates.Application.ListMandates;

/// <summary>The projection chooses the mandates; each is then read from its stream, so what is shown is never stale.</summary>
internal sealed class ListMandatesQueryHandler(IMandateReadModel readModel, IAggregateStore store, IOptions<MandatesOptions> options)
    : IQueryHandler<ListMandatesQuery, IReadOnlyList<MandateDto>>
{
    public async Task<IReadOnlyList<MandateDto>> Handle(ListMandatesQuery request, CancellationToken cancellationToken)
    {
        Guid? customerId = request.CustomerId is null ? null : PublicIdKind.Customer.ParseOrNotFound(request.CustomerId);
        var ids = await readModel.ListAsync(customerId, request.Status, request.Limit ?? 20, cancellationToken);
        var mandates = new List<MandateDto>(ids.Count);
        foreach (var id in ids)
        {
            var dto = (await MandateLoader.LoadExistingAsync(store, id, cancellationToken)).ToDto(options.Value.AuthorizationUrlTemplate);
            if (request.Status is null || dto.Status == request.Status)
            {
                mandates.Add(dto);
            }
        }

        return mandates;
    }
}
