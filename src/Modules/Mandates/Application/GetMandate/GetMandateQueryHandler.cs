using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.GetMandate;

internal sealed class GetMandateQueryHandler(IAggregateStore store, IOptions<MandatesOptions> options) : IQueryHandler<GetMandateQuery, MandateDto>
{
    public async Task<MandateDto> Handle(GetMandateQuery request, CancellationToken cancellationToken) =>
        (await MandateLoader.LoadExistingAsync(store, request.MandateId, cancellationToken)).ToDto(options.Value.AuthorizationUrlTemplate);
}

internal sealed class GetMandateChargesQueryHandler(IAggregateStore store) : IQueryHandler<GetMandateChargesQuery, IReadOnlyList<MandateChargeDto>>
{
    public async Task<IReadOnlyList<MandateChargeDto>> Handle(GetMandateChargesQuery request, CancellationToken cancellationToken) =>
        [.. (await MandateLoader.LoadExistingAsync(store, request.MandateId, cancellationToken)).State.Attempts.Select(a => a.ToDto())];
}

internal static class MandateLoader
{
    public static async Task<Mandate> LoadExistingAsync(IAggregateStore store, Guid mandateId, CancellationToken cancellationToken)
    {
        var mandate = await store.LoadAsync<Mandate>(MandateStreams.Mandate(mandateId), cancellationToken);
        return mandate.State.Exists
            ? mandate
            : throw new NotFoundException(PublicIdKind.Mandate.Resource, PublicIdKind.Mandate.Format(mandateId));
    }
}
