using MediatR;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Application.ActivatePaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.CancelPaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.ExpireSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.FinishSetupSession;
using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.Modules.PaymentMethods.Application.RefreshSetupSession;

/// <summary>
/// Sends the same commands the webhook translators send, so a refresh and a webhook racing each other converge
/// exactly as two deliveries of one webhook do.
/// </summary>
internal sealed class RefreshSetupSessionCommandHandler(IAggregateStore store, ISetupGateway gateway, IMediator mediator)
    : ICommandHandler<RefreshSetupSessionCommand, SetupSessionDto>
{
    public async Task<SetupSessionDto> Handle(RefreshSetupSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(request.SetupSessionId, cancellationToken);
        if (session.State.FintocCheckoutSessionId is not { } fintocId)
        {
            return session.State.ToDto(); // Fintoc never answered the create call: nothing there to read yet.
        }

        var reference = PublicIdKind.SetupSession.Format(session.State.Id);
        var checkout = await gateway.GetCheckoutAsync(fintocId, cancellationToken);
        switch (checkout.Status)
        {
            case "finished" when checkout.FintocPaymentMethodId is { } fintocMethodId:
                await mediator.Send(new FinishSetupSessionCommand(fintocId, checkout.Flow, reference, fintocMethodId, checkout.FintocCustomerId, null), cancellationToken);
                break;
            case "expired":
                await mediator.Send(new ExpireSetupSessionCommand(fintocId, checkout.Flow, reference, null), cancellationToken);
                break;
        }

        if ((checkout.FintocPaymentMethodId ?? session.State.FintocPaymentMethodId) is { } methodId)
        {
            var method = await gateway.GetPaymentMethodAsync(methodId, cancellationToken);
            switch (method.Status)
            {
                case "active":
                    await mediator.Send(new ActivatePaymentMethodCommand(method, null), cancellationToken);
                    break;
                case "canceled":
                    await mediator.Send(new CancelPaymentMethodCommand(method.FintocPaymentMethodId, method.FintocCustomerId, null), cancellationToken);
                    break;
            }
        }

        return (await LoadAsync(request.SetupSessionId, cancellationToken)).State.ToDto();
    }

    private async Task<SetupSession> LoadAsync(Guid setupSessionId, CancellationToken cancellationToken)
    {
        var session = await store.LoadAsync<SetupSession>(PaymentMethodStreams.SetupSession(setupSessionId), cancellationToken);
        return session.State.Exists
            ? session
            : throw new NotFoundException(PublicIdKind.SetupSession.Resource, PublicIdKind.SetupSession.Format(setupSessionId));
    }
}
