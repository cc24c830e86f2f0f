using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.TestHelpers;

/// <summary>Sample objects for triggered events (like Fintoc's <c>events/trigger</c>), overridable field by field.</summary>
internal static class SampleEvents
{
    public static JsonObject For(string type, DateTimeOffset now)
    {
        var resource = type.Split('.', 2)[0];
        var status = type.Contains('.', StringComparison.Ordinal) ? type.Split('.', 2)[1] : "created";
        var created = SimulatorJson.Timestamp(now);
        return resource switch
        {
            "payment_intent" => new JsonObject
            {
                ["id"] = Ids.New("pi_"), ["object"] = "payment_intent", ["amount"] = 5000, ["currency"] = "CLP", ["status"] = status,
                ["error_reason"] = status == "failed" ? "insufficient_funds" : null, ["customer"] = Ids.New("cus_"), ["payment_method"] = Ids.New("pm_"),
                ["metadata"] = new JsonObject(), ["mode"] = "test", ["created_at"] = created,
            },
            "charge" => new JsonObject
            {
                ["id"] = Ids.New("ch_"), ["object"] = "charge", ["amount"] = 1000, ["currency"] = "CLP", ["status"] = status,
                ["failure_code"] = status == "failed" ? "insufficient_funds" : null, ["subscription_id"] = Ids.New("sub_"),
                ["metadata"] = new JsonObject(), ["mode"] = "test", ["created_at"] = created,
            },
            "checkout_session" => new JsonObject
            {
                ["id"] = Ids.New("cs_test_"), ["object"] = "checkout_session", ["flow"] = "setup", ["status"] = status, ["currency"] = "CLP",
                ["customer"] = new JsonObject { ["id"] = Ids.New("cus_"), ["object"] = "customer" }, ["payment_method"] = status == "finished" ? Ids.New("pm_") : null,
                ["metadata"] = new JsonObject(), ["mode"] = "test", ["created_at"] = created,
            },
            "payment_method" => new JsonObject
            {
                ["id"] = Ids.New("pm_"), ["object"] = "payment_method", ["type"] = "pac", ["customer"] = Ids.New("cus_"),
                ["status"] = status == "activated" ? "active" : status,
                ["pac"] = new JsonObject
                {
                    ["account_holder_id"] = "11.111.111-1", ["account_number"] = "813990168", ["account_type"] = "checking_account",
                    ["institution"] = new JsonObject { ["id"] = "cl_banco_falabella", ["country"] = "cl", ["name"] = "Banco Falabella" },
                    ["status"] = status == "activated" ? "active" : status,
                },
                ["card"] = null, ["metadata"] = new JsonObject(), ["mode"] = "test", ["created_at"] = created,
            },
            "subscription_intent" => new JsonObject
            {
                ["id"] = Ids.New("si_"), ["object"] = "subscription_intent", ["status"] = status, ["subscription"] = null,
                ["public_error"] = status == "failed" ? "authorization_failed" : null, ["mode"] = "test", ["created_at"] = created,
            },
            "subscription" => new JsonObject
            {
                ["id"] = Ids.New("sub_"), ["object"] = "subscription", ["status"] = status == "activated" ? "active" : status,
                ["reference_id"] = null, ["mode"] = "test", ["created_at"] = created,
            },
            _ => new JsonObject { ["id"] = Ids.New("obj_"), ["object"] = resource, ["mode"] = "test", ["created_at"] = created },
        };
    }

    /// <summary>Objects merge key by key; any other value (arrays included) replaces.</summary>
    public static void DeepMerge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject nested && target[key] is JsonObject existing)
            {
                DeepMerge(existing, nested);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
