using System.Collections.Concurrent;

namespace ModularPayments.Fintoc.Simulator.State;

/// <summary>
/// Everything the simulated Fintoc holds, in memory. Callers take <see cref="Gate"/> around any read-modify-write;
/// one lock is plenty for a test double and makes every transition atomic.
/// </summary>
internal sealed class SimulatorState
{
    private long _sequence;

    public Lock Gate { get; } = new();

    public Dictionary<string, SimCustomer> Customers { get; } = [];

    public Dictionary<string, SimCheckoutSession> CheckoutSessions { get; } = [];

    public Dictionary<string, SimPaymentMethod> PaymentMethods { get; } = [];

    public Dictionary<string, SimPaymentIntent> PaymentIntents { get; } = [];

    public Dictionary<string, SimSubscriptionIntent> SubscriptionIntents { get; } = [];

    public Dictionary<string, SimSubscription> Subscriptions { get; } = [];

    public Dictionary<string, SimCharge> Charges { get; } = [];

    public Dictionary<string, SimWebhookEndpoint> WebhookEndpoints { get; } = [];

    /// <summary>Creation order of every object, so lists can be newest first even within one clock tick.</summary>
    public ConcurrentDictionary<string, long> Order { get; } = new();

    public T Track<T>(string id, T value)
    {
        Order[id] = Interlocked.Increment(ref _sequence);
        return value;
    }

    public long OrderOf(string id) => Order.TryGetValue(id, out var order) ? order : 0;
}
