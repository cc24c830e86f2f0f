using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.ChangeMandate;

internal sealed class ChangeMandateCommandHandler(IAggregateStore store, IOptions<MandatesOptions> options, TimeProvider timeProvider)
    : ICommandHandler<ChangeMandateCommand, MandateDto>
{
    public async Task<MandateDto> Handle(ChangeMandateCommand request, CancellationToken cancellationToken)
    {
        var stream = MandateStreams.Mandate(request.MandateId);
        var mandate = await store.LoadAsync<Mandate>(stream, cancellationToken);
        if (!mandate.State.Exists)
        {
            throw new NotFoundException(PublicIdKind.Mandate.Resource, PublicIdKind.Mandate.Format(request.MandateId));
        }

        var now = timeProvider.GetUtcNow();
        _ = request.Change switch
        {
            MandateChange.Pause => mandate.Pause(now),
            MandateChange.Resume => mandate.Resume(now),
            _ => mandate.Cancel(request.Reason, request.Source, now),
        };
        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        return mandate.ToDto(options.Value.AuthorizationUrlTemplate);
    }
}
