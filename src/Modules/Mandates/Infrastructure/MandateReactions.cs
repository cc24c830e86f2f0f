using MediatR;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.Modules.Charges.Contracts;
using ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;
using ModularPayments.Modules.Mandates.Application.RecordChargeSubmission;
using ModularPayments.Modules.PaymentMethods.Contracts;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>A charge succeeded: if a mandate asked for it, its period is paid.</summary>
internal sealed class MandatesOnChargeSucceeded(IMediator mediator) : IIntegrationEventHandler<ChargeSucceeded>
{
    public Task HandleAsync(ChargeSucceeded integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return mediator.Send(new RecordChargeOutcomeCommand(integrationEvent.ChargeId, true, null, integrationEvent.SucceededAt), cancellationToken);
    }
}

/// <summary>Fintoc got a charge: if a mandate asked for it and the submission came after the expected cut-off, its dates move.</summary>
internal sealed class MandatesOnChargeSubmitted(IMediator mediator) : IIntegrationEventHandler<ChargeSubmitted>
{
    public Task HandleAsync(ChargeSubmitted integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return mediator.Send(new RecordChargeSubmissionCommand(integrationEvent.ChargeId, integrationEvent.SubmittedAt), cancellationToken);
    }
}

/// <summary>A charge failed: if a mandate asked for it, the dunning policy decides what follows.</summary>
internal sealed class MandatesOnChargeFailed(IMediator mediator) : IIntegrationEventHandler<ChargeFailed>
{
    public Task HandleAsync(ChargeFailed integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return mediator.Send(new RecordChargeOutcomeCommand(integrationEvent.ChargeId, false, integrationEvent.Reason, integrationEvent.FailedAt), cancellationToken);
    }
}

/// <summary>A saved method canceled for good cancels the mandates charging it.</summary>
internal sealed class MandatesOnPaymentMethodCanceled(IMediator mediator) : IIntegrationEventHandler<PaymentMethodCanceled>
{
    public Task HandleAsync(PaymentMethodCanceled integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return mediator.Send(new CancelPaymentMethodMandatesCommand(integrationEvent.PaymentMethodId, integrationEvent.CanceledAt), cancellationToken);
    }
}
