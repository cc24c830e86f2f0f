using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>Every payment intent and charge created: the source of truth for "charged exactly once".</summary>
internal sealed class Ledger(SimulatorState state)
{
    private readonly List<object> _entries = [];

    public void Record(SimPaymentIntent intent) => _entries.Add(intent);

    public void Record(SimCharge charge) => _entries.Add(charge);

    public JsonArray ToJson() => new([.. _entries.Select(entry => (JsonNode)(entry switch
    {
        SimPaymentIntent intent => new JsonObject
        {
            ["object"] = "payment_intent",
            ["id"] = intent.Id,
            ["amount"] = intent.Amount,
            ["currency"] = intent.Currency,
            ["status"] = intent.Status,
            ["idempotency_key"] = intent.IdempotencyKey,
            ["customer"] = intent.CustomerId,
            ["payment_method"] = intent.PaymentMethodId,
            ["subscription_id"] = null,
            ["created_at"] = SimulatorJson.Timestamp(intent.CreatedAt),
        },
        SimCharge charge => new JsonObject
        {
            ["object"] = "charge",
            ["id"] = charge.Id,
            ["amount"] = charge.Amount,
            ["currency"] = charge.Currency,
            ["status"] = charge.Status,
            ["idempotency_key"] = charge.IdempotencyKey,
            ["customer"] = null,
            ["payment_method"] = null,
            ["subscription_id"] = charge.SubscriptionId,
            ["created_at"] = SimulatorJson.Timestamp(charge.CreatedAt),
            ["processes_at"] = SimulatorJson.Timestamp(charge.ProcessAt),
            ["settles_at"] = SimulatorJson.Timestamp(charge.SettleAt),
        },
        _ => throw new InvalidOperationException("unknown ledger entry"),
    }))]);

    public Lock Gate => state.Gate;

    /// <summary>How many payment intents were created: a cheap count for a benchmark that polls.</summary>
    public int PaymentIntentCount
    {
        get
        {
            lock (Gate)
            {
                return _entries.Count(entry => entry is SimPaymentIntent);
            }
        }
    }
}
