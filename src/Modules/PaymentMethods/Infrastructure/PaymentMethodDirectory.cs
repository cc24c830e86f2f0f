using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Contracts;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;
using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure;

/// <summary>PaymentMethods' implementation of its published <see cref="IPaymentMethodDirectory"/>.</summary>
internal sealed class PaymentMethodDirectory(IAggregateStore store) : IPaymentMethodDirectory
{
    public async Task<PublishedPaymentMethod?> FindAsync(Guid paymentMethodId, CancellationToken cancellationToken)
    {
        var method = await store.LoadAsync<PaymentMethod>(PaymentMethodStreams.PaymentMethod(paymentMethodId), cancellationToken);
        if (method.IsNew)
        {
            return null;
        }

        var state = method.State;
        string? currency = null;
        if (state.SetupSessionId is { } sessionId)
        {
            var session = await store.LoadAsync<SetupSession>(PaymentMethodStreams.SetupSession(sessionId), cancellationToken);
            currency = session.IsNew ? null : session.State.Currency;
        }

        var status = state.Status switch
        {
            PaymentMethodStatus.Active => "active",
            PaymentMethodStatus.Canceled => "canceled",
            _ => "pending",
        };
        return new PublishedPaymentMethod(state.Id, state.CustomerId, state.FintocPaymentMethodId, state.FintocCustomerId, state.Type, status, currency);
    }
}
