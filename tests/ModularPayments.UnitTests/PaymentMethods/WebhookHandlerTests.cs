using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Application.ActivatePaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.CancelPaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.ExpireSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.FinishSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.GetSetupSession;

namespace ModularPayments.UnitTests.PaymentMethods;

public sealed class WebhookHandlerTests : IDisposable
{
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-000000000c02");
    private static readonly DateTimeOffset At = PaymentMethodsHarness.T0.AddMinutes(10);
    private static readonly PaymentMethodSnapshot ActivePac = new("pm_1", "pac", "active", "cus_F1", "cl_banco_estado", "BancoEstado", "cl", "checking_account", "9212", null, null);

    private readonly PaymentMethodsHarness _harness = new();

    public WebhookHandlerTests() => _harness.Links.Link(CustomerId, "cus_F1");

    public void Dispose() => _harness.Dispose();

    private async Task<SetupSessionDto> CreateSessionAsync() =>
        (await _harness.SendAsync(new CreateSetupSessionCommand(PublicIdKind.Customer.Format(CustomerId), "CLP", "https://m.cl/ok", "https://m.cl/ko", null, null, null))).Session;

    private static FinishSetupSessionCommand Finish(string? reference, string fintocSessionId = "cs_1") =>
        new(fintocSessionId, "setup", reference, "pm_1", "cus_F1", At);

    private IReadOnlyList<string> MethodEventTypes() =>
        [.. _harness.Events.Stream(PaymentMethodStreams.PaymentMethod(PaymentMethodStreams.PaymentMethodIdFor("pm_1"))).Select(e => e.EventType)];

    [Fact]
    public async Task Finished_by_metadata_finishes_the_session_and_records_a_pending_method_once()
    {
        var session = await CreateSessionAsync();
        var reference = PublicIdKind.SetupSession.Format(session.Id);

        Assert.Equal(WebhookHandling.AppliedOutcome, (await _harness.SendAsync(Finish(reference))).Outcome);
        Assert.Equal(WebhookHandling.AlreadyAppliedOutcome, (await _harness.SendAsync(Finish(reference))).Outcome);

        var finished = await _harness.SendAsync(new GetSetupSessionQuery(session.Id));
        Assert.Equal("finished", finished.Status);
        Assert.Equal(["payment_methods.payment_method_recorded.v1"], MethodEventTypes());
    }

    [Fact]
    public async Task Without_metadata_the_session_is_found_by_fintocs_id()
    {
        var session = await CreateSessionAsync();

        Assert.Equal(WebhookHandling.AppliedOutcome, (await _harness.SendAsync(Finish(reference: null))).Outcome);
        Assert.Equal("finished", (await _harness.SendAsync(new GetSetupSessionQuery(session.Id))).Status);
    }

    [Fact]
    public async Task A_session_we_never_created_throws_so_the_reactor_retries_then_parks_it()
    {
        var unknown = await Assert.ThrowsAsync<UnknownSetupSessionException>(() => _harness.SendAsync(Finish(reference: null, fintocSessionId: "cs_somebody_else")));
        Assert.Contains("cs_somebody_else", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UnknownSetupSessionException>(() => _harness.SendAsync(new ExpireSetupSessionCommand("cs_x", "setup", PublicIdKind.SetupSession.Format(Guid.NewGuid()), At)));
        Assert.Empty(_harness.Events.All);
    }

    [Fact]
    public async Task A_checkout_session_of_another_flow_is_ignored()
    {
        var handling = await _harness.SendAsync(new FinishSetupSessionCommand("cs_pay", "payment", null, "pm_9", null, At));
        Assert.Equal(WebhookHandling.StaleOutcome, handling.Outcome);
        Assert.Empty(_harness.Events.All);
    }

    [Fact]
    public async Task Activated_before_finished_still_ends_active_and_later_gets_its_session_and_customer()
    {
        var session = await CreateSessionAsync();
        _harness.Links.Link(Guid.NewGuid(), "cus_other"); // the customer is looked up by Fintoc's id

        Assert.Equal(WebhookHandling.AppliedOutcome, (await _harness.SendAsync(new ActivatePaymentMethodCommand(ActivePac, At))).Outcome);
        Assert.Equal(WebhookHandling.AppliedOutcome, (await _harness.SendAsync(Finish(PublicIdKind.SetupSession.Format(session.Id)))).Outcome);
        Assert.Equal(WebhookHandling.AlreadyAppliedOutcome, (await _harness.SendAsync(new ActivatePaymentMethodCommand(ActivePac, At))).Outcome);

        Assert.Equal(["payment_methods.payment_method_activated.v1", "payment_methods.payment_method_recorded.v1"], MethodEventTypes());
        Assert.Equal("finished", (await _harness.SendAsync(new GetSetupSessionQuery(session.Id))).Status);
    }

    [Fact]
    public async Task An_activation_after_the_cancellation_is_recorded_as_stale()
    {
        Assert.Equal(WebhookHandling.AppliedOutcome, (await _harness.SendAsync(new CancelPaymentMethodCommand("pm_1", "cus_F1", At))).Outcome);
        Assert.Equal(WebhookHandling.AlreadyAppliedOutcome, (await _harness.SendAsync(new CancelPaymentMethodCommand("pm_1", "cus_F1", At))).Outcome);

        var handling = await _harness.SendAsync(new ActivatePaymentMethodCommand(ActivePac, At));

        Assert.Equal(WebhookHandling.StaleOutcome, handling.Outcome);
        Assert.Equal(["payment_methods.payment_method_canceled.v1"], MethodEventTypes());
    }

    [Fact]
    public async Task Expired_then_finished_keeps_the_session_expired()
    {
        var session = await CreateSessionAsync();
        var reference = PublicIdKind.SetupSession.Format(session.Id);

        Assert.Equal(WebhookHandling.AppliedOutcome, (await _harness.SendAsync(new ExpireSetupSessionCommand("cs_1", "setup", reference, At))).Outcome);
        Assert.Equal(WebhookHandling.StaleOutcome, (await _harness.SendAsync(Finish(reference))).Outcome);
        Assert.Equal("expired", (await _harness.SendAsync(new GetSetupSessionQuery(session.Id))).Status);
    }

    [Fact]
    public async Task A_racing_second_delivery_converges_after_the_pipelines_retry()
    {
        var session = await CreateSessionAsync();
        var reference = PublicIdKind.SetupSession.Format(session.Id);
        // Another instance finishes the session between this one's read and its append.
        _harness.Events.BeforeAppend = _ => _harness.SendAsync(Finish(reference)).GetAwaiter().GetResult();

        var handling = await _harness.SendAsync(Finish(reference));

        Assert.Equal(WebhookHandling.AlreadyAppliedOutcome, handling.Outcome);
        Assert.Single(_harness.Events.Stream(PaymentMethodStreams.SetupSession(session.Id)), e => e.EventType == "payment_methods.setup_session_finished.v1");
        Assert.Equal(["payment_methods.payment_method_recorded.v1"], MethodEventTypes());
    }
}
