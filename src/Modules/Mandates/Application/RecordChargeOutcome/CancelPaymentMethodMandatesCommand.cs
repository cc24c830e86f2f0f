using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;

/// <summary>The saved method is canceled for good: every mandate charging it is canceled. Returns how many changed.</summary>
public sealed record CancelPaymentMethodMandatesCommand(Guid PaymentMethodId, DateTimeOffset At) : ICommand<int>;

internal sealed class CancelPaymentMethodMandatesCommandHandler(IMandateReadModel readModel, IAggregateStore store)
    : ICommandHandler<CancelPaymentMethodMandatesCommand, int>
{
    public async Task<int> Handle(CancelPaymentMethodMandatesCommand request, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var mandateId in await readModel.ListByPaymentMethodAsync(request.PaymentMethodId, cancellationToken))
        {
            var stream = MandateStreams.Mandate(mandateId);
            var mandate = await store.LoadAsync<Domain.Mandates.Mandate>(stream, cancellationToken);
            if (mandate.State.Exists && mandate.Cancel("payment_method_canceled", "payment_method", request.At) == Domain.Transition.Applied)
            {
                await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
                changed++;
            }
        }

        return changed;
    }
}
