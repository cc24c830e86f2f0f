using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Fintoc.Simulator.Tests;

public sealed class LifecycleTests
{
    private static readonly ChileBusinessCalendar Calendar = new();

    [Theory]
    [InlineData("813990168", "000000")]
    [InlineData("422159212", null)]
    [InlineData("170086177", "0000")]
    [InlineData("746326042", "00 00 00")]
    public async Task Each_succeeding_pac_account_enrolls_a_pending_method_and_finishes_the_session(string account, string? code)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (customerId, sessionId, completion) = await sim.EnrollAsync(SimulatorHost.Pac(account, code));

        Assert.Equal("succeeded", completion["outcome"]!.GetValue<string>());
        Assert.Equal("finished", completion["checkout_session"]!["status"]!.GetValue<string>());
        var method = completion["payment_method"]!;
        Assert.Equal("pac", method["type"]!.GetValue<string>());
        Assert.Equal("pending", method["pac"]!["status"]!.GetValue<string>());
        Assert.Equal(account, method["pac"]!["account_number"]!.GetValue<string>());
        Assert.Equal(customerId, method["customer"]!.GetValue<string>());
        Assert.Equal(method["id"]!.GetValue<string>(), (await sim.GetOkAsync($"v2/checkout_sessions/{sessionId}"))["payment_method"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("5233137377", null, "jonsnow", "authorization_failed")]
    [InlineData("813990168", "123456", "jonsnow", "mfa_invalid_authorization")]
    [InlineData("813990168", "000000", "ghost", "login_invalid_credentials")]
    public async Task A_failing_pac_attempt_leaves_the_session_open_for_a_retry(string account, string? code, string password, string reason)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (_, sessionId, completion) = await sim.EnrollAsync(SimulatorHost.Pac(account, code, password));
        var retry = await sim.PostOkAsync($"test-helpers/checkout_sessions/{sessionId}/complete", SimulatorHost.Pac("422159212"));

        Assert.Equal("failed", completion["outcome"]!.GetValue<string>());
        Assert.Equal(reason, completion["error_reason"]!.GetValue<string>());
        Assert.Equal("succeeded", retry["outcome"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("4111111111111111", null, null)]
    [InlineData("4456524869770255", "1234", null)]
    [InlineData("4456524869770255", "9999", "authentication_failed")]
    [InlineData("4574441215190335", null, "invalid_card_credentials")]
    [InlineData("4349003000047015", null, "card_declined")]
    [InlineData("4000000000000002", null, "invalid_card")]
    public async Task Cards_give_the_seeds_outcomes_and_a_saved_card_is_active_at_once(string number, string? threeDs, string? reason)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (_, _, completion) = await sim.EnrollAsync(SimulatorHost.Card(number, threeDs));

        Assert.Equal(reason, completion["error_reason"]?.GetValue<string>());
        if (reason is null)
        {
            Assert.Equal("active", completion["payment_method"]!["status"]!.GetValue<string>());
            await sim.Scheduler.RunDueAsync();
            Assert.Contains(sim.Receiver.Events(), e => e["type"]!.GetValue<string>() == "payment_method.activated");
        }
    }

    [Fact]
    public async Task A_completed_session_cannot_be_completed_again_and_bad_input_names_the_field()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var (_, sessionId, _) = await sim.EnrollAsync(SimulatorHost.Pac("422159212"));

        var (again, _, _) = await sim.SendAsync(HttpMethod.Post, $"test-helpers/checkout_sessions/{sessionId}/complete", SimulatorHost.Pac("422159212"), key: null);
        var (missing, json, _) = await sim.SendAsync(HttpMethod.Post, "test-helpers/checkout_sessions/cs_nope/complete", SimulatorHost.Pac("422159212"), key: null);
        var (malformed, bad, _) = await sim.SendAsync(HttpMethod.Post, $"test-helpers/checkout_sessions/{sessionId}/complete", new { pac = new { username = "11.111.111-1" } }, key: null);

        Assert.Equal(409, again);
        Assert.Equal(404, missing);
        Assert.Equal("missing_resource", json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, malformed);
        Assert.Equal("pac.password", bad!["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pac_method_is_activated_one_business_day_later_not_over_the_weekend()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var friday = Santiago.PlainFriday(sim.Now, Calendar);
        await sim.AdvanceUntilAsync(Santiago.At(friday, 10));

        var (_, _, completion) = await sim.EnrollAsync(SimulatorHost.Pac("813990168", "000000"));
        var methodId = completion["payment_method"]!["id"]!.GetValue<string>();
        await sim.AdvanceUntilAsync(Santiago.At(friday.AddDays(2), 23));
        var sunday = await sim.GetOkAsync($"v2/payment_methods/{methodId}");
        await sim.AdvanceUntilAsync(Santiago.At(friday.AddDays(3), 10, 1));
        var monday = await sim.GetOkAsync($"v2/payment_methods/{methodId}");

        Assert.Equal("pending", sunday["status"]!.GetValue<string>());
        Assert.Equal("active", monday["status"]!.GetValue<string>());
        var types = sim.Receiver.Events().Select(e => e["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["checkout_session.finished", "payment_method.activated"], types);
    }

    [Theory]
    [InlineData(150000, "succeeded", null)]
    [InlineData(150991, "failed", "insufficient_funds")]
    [InlineData(150992, "failed", "maximum_amount_error")]
    [InlineData(150993, "failed", "authorization_disabled")]
    public async Task A_payment_intent_settles_later_by_its_magic_amount(long amount, string status, string? reason)
    {
        await using var sim = await SimulatorHost.StartAsync(o => o.PacActivationBusinessDays = 0);
        var (customerId, _, completion) = await sim.EnrollAsync(SimulatorHost.Card("4111111111111111"));
        var methodId = completion["payment_method"]!["id"]!.GetValue<string>();

        var intent = await sim.PostOkAsync("v2/payment_intents", new { amount, currency = "CLP", customer = customerId, payment_method = methodId }, "pi-1");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(11));
        var settled = await sim.GetOkAsync($"v2/payment_intents/{intent["id"]}");
        var method = await sim.GetOkAsync($"v2/payment_methods/{methodId}");

        Assert.Equal("created", intent["status"]!.GetValue<string>());
        Assert.Equal(status, settled["status"]!.GetValue<string>());
        Assert.Equal(reason, settled["error_reason"]?.GetValue<string>());
        Assert.Equal(amount == 150993 ? "canceled" : "active", method["status"]!.GetValue<string>());
        Assert.Contains(sim.Receiver.Events(), e => e["type"]!.GetValue<string>() == $"payment_intent.{status}" && e["data"]!["id"]!.GetValue<string>() == intent["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_payment_intent_needs_an_active_method_of_that_customer()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var (customerId, _, completion) = await sim.EnrollAsync(SimulatorHost.Pac("422159212"));
        var pending = completion["payment_method"]!["id"]!.GetValue<string>();
        var stranger = await sim.PostOkAsync("v2/customers", new { email = "s@x.cl" });

        var (inactive, json, _) = await sim.SendAsync(HttpMethod.Post, "v2/payment_intents", new { amount = 1000, currency = "CLP", customer = customerId, payment_method = pending });
        var (foreign, foreignJson, _) = await sim.SendAsync(HttpMethod.Post, "v2/payment_intents", new { amount = 1000, currency = "CLP", customer = stranger["id"]!.GetValue<string>(), payment_method = pending });
        var (zero, zeroJson, _) = await sim.SendAsync(HttpMethod.Post, "v2/payment_intents", new { amount = 0, currency = "CLP", customer = customerId, payment_method = pending });

        Assert.Equal(422, inactive);
        Assert.Equal("payment_method", json!["error"]!["param"]!.GetValue<string>());
        Assert.Equal(400, foreign);
        Assert.Equal("payment_method", foreignJson!["error"]!["param"]!.GetValue<string>());
        Assert.Equal(400, zero);
        Assert.Equal("amount", zeroJson!["error"]!["param"]!.GetValue<string>());
        Assert.Empty((await sim.GetOkAsync("test-helpers/ledger")).AsArray());
    }

    [Fact]
    public async Task Charges_are_processed_at_four_pm_chile_on_business_days_and_final_within_two_business_days()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var friday = Santiago.PlainFriday(sim.Now, Calendar);
        var subscriptionId = await ActiveSubscriptionAsync(sim);
        await sim.AdvanceUntilAsync(Santiago.At(friday, 15, 59));

        var before = await sim.PostOkAsync("v1/charges", new { amount = 10000, currency = "CLP", subscription_id = subscriptionId }, "charge-before");
        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));
        var after = await sim.PostOkAsync("v1/charges", new { amount = 20991, currency = "clp", subscription_id = subscriptionId }, "charge-after");
        var ledger = (await sim.GetOkAsync("test-helpers/ledger")).AsArray();

        Assert.Equal("pending", before["status"]!.GetValue<string>());
        Assert.Equal(Santiago.At(friday, 16), Instant(ledger[0]!["processes_at"]));
        Assert.Equal(Santiago.At(friday.AddDays(3), 16), Instant(ledger[1]!["processes_at"]));

        await sim.AdvanceUntilAsync(Santiago.At(friday.AddDays(4), 16, 1));
        Assert.Equal("succeeded", (await sim.GetOkAsync($"v1/charges/{before["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal("pending", (await sim.GetOkAsync($"v1/charges/{after["id"]}"))["status"]!.GetValue<string>());

        await sim.AdvanceUntilAsync(Santiago.At(friday.AddDays(5), 16, 1));
        var failed = await sim.GetOkAsync($"v1/charges/{after["id"]}");
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal("insufficient_funds", failed["failure_code"]!.GetValue<string>());
        Assert.Contains(sim.Receiver.Events(), e => e["type"]!.GetValue<string>() == "charge.failed");
    }

    [Fact]
    public async Task A_holiday_moves_processing_to_the_next_business_day()
    {
        var friday = Santiago.PlainFriday(DateTimeOffset.UtcNow, Calendar);
        await using var sim = await SimulatorHost.StartAsync(o => o.ExtraHolidays.Add(friday.AddDays(3)));
        var subscriptionId = await ActiveSubscriptionAsync(sim);
        await sim.AdvanceUntilAsync(Santiago.At(friday, 17));

        await sim.PostOkAsync("v1/charges", new { amount = 5000, currency = "CLP", subscription_id = subscriptionId });
        var ledger = (await sim.GetOkAsync("test-helpers/ledger")).AsArray();

        Assert.Equal(Santiago.At(friday.AddDays(4), 16), Instant(ledger[0]!["processes_at"]));
    }

    [Fact]
    public async Task A_charge_needs_an_active_subscription_and_clp()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var intent = await sim.PostOkAsync("v1/subscription_intents", new { reference_id = "order-1" });
        var authorized = await sim.PostOkAsync($"test-helpers/subscription_intents/{intent["id"]}/authorize", SimulatorHost.Pac("422159212"));
        var pendingId = authorized["subscription"]!["id"]!.GetValue<string>();

        var (pending, json, _) = await sim.SendAsync(HttpMethod.Post, "v1/charges", new { amount = 1000, currency = "CLP", subscription_id = pendingId });
        var (mxn, mxnJson, _) = await sim.SendAsync(HttpMethod.Post, "v1/charges", new { amount = 1000, currency = "MXN", subscription_id = pendingId });

        Assert.Equal(422, pending);
        Assert.Equal("subscription_id", json!["error"]!["param"]!.GetValue<string>());
        Assert.Equal(400, mxn);
        Assert.Equal("currency", mxnJson!["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subscription_intent_gives_its_widget_token_once_and_activates_after_a_business_day()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var intent = await sim.PostOkAsync("v1/subscription_intents", new { reference_id = "order-1", customer_email = "jon@example.cl" });
        var read = await sim.GetOkAsync($"v1/subscription_intents/{intent["id"]}");
        var authorized = await sim.PostOkAsync($"test-helpers/subscription_intents/{intent["id"]}/authorize", SimulatorHost.Pac("746326042", "00,00,00"));
        var subscriptionId = authorized["subscription"]!["id"]!.GetValue<string>();
        await sim.AdvanceAsync(TimeSpan.FromDays(6));

        Assert.StartsWith($"{intent["id"]}_sec_", intent["widget_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(read["widget_token"]);
        Assert.Equal("succeeded", authorized["subscription_intent"]!["status"]!.GetValue<string>());
        Assert.Equal("active", (await sim.GetOkAsync($"v1/subscriptions/{subscriptionId}"))["status"]!.GetValue<string>());
        var types = sim.Receiver.Events().Select(e => e["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["subscription_intent.succeeded", "subscription.activated"], types);
    }

    [Fact]
    public async Task A_refused_authorization_fails_the_intent()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var intent = await sim.PostOkAsync("v1/subscription_intents", new { });

        var result = await sim.PostOkAsync($"test-helpers/subscription_intents/{intent["id"]}/authorize", SimulatorHost.Pac("5233137377"));

        Assert.Equal("failed", result["outcome"]!.GetValue<string>());
        Assert.Equal("authorization_failed", result["subscription_intent"]!["public_error"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_clock_only_moves_forward()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (past, json, _) = await sim.SendAsync(HttpMethod.Post, "test-helpers/clock/advance", new { until = "2020-01-01T00:00:00Z" }, key: null);
        var (negative, _, _) = await sim.SendAsync(HttpMethod.Post, "test-helpers/clock/advance", new { seconds = -5 }, key: null);
        var (both, _, _) = await sim.SendAsync(HttpMethod.Post, "test-helpers/clock/advance", new { seconds = 5, until = "2030-01-01T00:00:00Z" }, key: null);
        var clock = await sim.GetOkAsync("test-helpers/clock");

        Assert.Equal(400, past);
        Assert.Equal("until", json!["error"]!["param"]!.GetValue<string>());
        Assert.Equal(400, negative);
        Assert.Equal(400, both);
        Assert.Equal(0, clock["offset_seconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_checkout_session_expires_after_its_lifetime_and_can_be_expired_while_created()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var body = new { flow = "setup", currency = "CLP", success_url = "https://m.cl/ok", cancel_url = "https://m.cl/no", customer_data = new { email = "a@b.cl" } };
        var first = await sim.PostOkAsync("v2/checkout_sessions", body);
        var second = await sim.PostOkAsync("v2/checkout_sessions", body);

        var expired = await sim.PostOkAsync($"v2/checkout_sessions/{second["id"]}/expire", new { }, "expire-2");
        var (again, _, _) = await sim.SendAsync(HttpMethod.Post, $"v2/checkout_sessions/{second["id"]}/expire", "{}");
        await sim.AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Equal("expired", expired["status"]!.GetValue<string>());
        Assert.Equal(422, again);
        Assert.Equal("expired", (await sim.GetOkAsync($"v2/checkout_sessions/{first["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal(2, sim.Receiver.Events().Count(e => e["type"]!.GetValue<string>() == "checkout_session.expired"));
    }

    private static async Task<string> ActiveSubscriptionAsync(SimulatorHost sim)
    {
        var intent = await sim.PostOkAsync("v1/subscription_intents", new { reference_id = "mandate-1" });
        var authorized = await sim.PostOkAsync($"test-helpers/subscription_intents/{intent["id"]}/authorize", SimulatorHost.Pac("422159212"));
        await sim.AdvanceAsync(TimeSpan.FromDays(6));
        var subscriptionId = authorized["subscription"]!["id"]!.GetValue<string>();
        Assert.Equal("active", (await sim.GetOkAsync($"v1/subscriptions/{subscriptionId}"))["status"]!.GetValue<string>());
        return subscriptionId;
    }

    private static DateTimeOffset Instant(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
