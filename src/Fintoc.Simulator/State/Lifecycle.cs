using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.Time;
using ModularPayments.Fintoc.Simulator.Webhooks;

namespace ModularPayments.Fintoc.Simulator.State;

/// <summary>What happens to Fintoc objects after they are created: activations, settlements, expirations, and their events.</summary>
internal sealed class Lifecycle(
    SimulatorState state,
    Scheduler scheduler,
    WebhookDispatcher webhooks,
    ChileBusinessCalendar calendar,
    SimulatorOptions options)
{
    public ChileBusinessCalendar Calendar => calendar;

    public void CheckoutSessionCreated(SimCheckoutSession session) =>
        scheduler.At(session.ExpiresAt, at =>
        {
            lock (state.Gate)
            {
                if (session.Status == "created")
                {
                    Expire(session, at);
                }
            }
        });

    public void Expire(SimCheckoutSession session, DateTimeOffset at)
    {
        session.Status = "expired";
        webhooks.Publish("checkout_session.expired", Representations.CheckoutSession(session, Customer(session.CustomerId)), at);
    }

    /// <summary>A setup enrollment succeeded: the session finishes; a card is active at once, a PAC after the bank's days.</summary>
    public void SetupFinished(SimCheckoutSession session, SimPaymentMethod method, DateTimeOffset at)
    {
        session.Status = "finished";
        session.PaymentMethodId = method.Id;
        webhooks.Publish("checkout_session.finished", Representations.CheckoutSession(session, Customer(session.CustomerId)), at);
        if (method.Type == "card")
        {
            Activate(method, at);
            return;
        }

        scheduler.At(calendar.AfterBusinessDays(at, options.PacActivationBusinessDays), due =>
        {
            lock (state.Gate)
            {
                if (method.Status == "pending")
                {
                    Activate(method, due);
                }
            }
        });
    }

    public void PaymentIntentCreated(SimPaymentIntent intent) =>
        scheduler.At(intent.CreatedAt.AddSeconds(options.PaymentIntentSettlementSeconds), at =>
        {
            lock (state.Gate)
            {
                var failure = MagicAmounts.FailureFor(intent.Amount);
                intent.Status = failure is null ? "succeeded" : "failed";
                intent.ErrorReason = failure;
                webhooks.Publish($"payment_intent.{intent.Status}", Representations.PaymentIntent(intent), at);
                if (failure == MagicAmounts.AuthorizationDisabled && state.PaymentMethods.TryGetValue(intent.PaymentMethodId, out var method) && method.Status != "canceled")
                {
                    method.Status = "canceled";
                    webhooks.Publish("payment_method.canceled", Representations.PaymentMethod(method), at);
                }
            }
        });

    public void SubscriptionAuthorized(SimSubscriptionIntent intent, SimSubscription subscription, DateTimeOffset at)
    {
        intent.Status = "succeeded";
        intent.SubscriptionId = subscription.Id;
        webhooks.Publish("subscription_intent.succeeded", Representations.SubscriptionIntent(intent, subscription, includeWidgetToken: false), at);
        scheduler.At(calendar.AfterBusinessDays(at, options.SubscriptionActivationBusinessDays), due =>
        {
            lock (state.Gate)
            {
                if (subscription.Status == "pending")
                {
                    subscription.Status = "active";
                    webhooks.Publish("subscription.activated", Representations.Subscription(subscription), due);
                }
            }
        });
    }

    public void SubscriptionFailed(SimSubscriptionIntent intent, string publicError, DateTimeOffset at)
    {
        intent.Status = "failed";
        intent.PublicError = publicError;
        webhooks.Publish("subscription_intent.failed", Representations.SubscriptionIntent(intent, null, includeWidgetToken: false), at);
    }

    /// <summary>Seed 003: processed at the next 16:00 Chile cut-off on a business day, final some business days later.</summary>
    public (DateTimeOffset ProcessAt, DateTimeOffset SettleAt) ChargeSchedule(DateTimeOffset createdAt)
    {
        var processAt = calendar.ProcessingTimeFor(createdAt);
        return (processAt, calendar.AfterBusinessDays(processAt, options.ChargeSettlementBusinessDays));
    }

    public void ChargeCreated(SimCharge charge) =>
        scheduler.At(charge.SettleAt, at =>
        {
            lock (state.Gate)
            {
                var failure = MagicAmounts.FailureFor(charge.Amount);
                charge.Status = failure is null ? "succeeded" : "failed";
                charge.FailureCode = failure;
                webhooks.Publish($"charge.{charge.Status}", Representations.Charge(charge), at);
                if (failure == MagicAmounts.AuthorizationDisabled && state.Subscriptions.TryGetValue(charge.SubscriptionId, out var subscription) && subscription.Status != "canceled")
                {
                    subscription.Status = "canceled";
                    webhooks.Publish("subscription.canceled", Representations.Subscription(subscription), at);
                }
            }
        });

    private void Activate(SimPaymentMethod method, DateTimeOffset at)
    {
        method.Status = "active";
        webhooks.Publish("payment_method.activated", Representations.PaymentMethod(method), at);
    }

    private SimCustomer? Customer(string id) => state.Customers.GetValueOrDefault(id);
}
