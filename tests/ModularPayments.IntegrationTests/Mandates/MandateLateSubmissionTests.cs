using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.Fintoc;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>
/// A period's charge that reaches Fintoc only after the 16:00 cut-off its attempt expected (Fintoc unavailable for
/// new charges meanwhile): Fintoc processes it a business day later, and the mandate's expected dates follow Fintoc's.
/// </summary>
public sealed class MandateLateSubmissionTests : IDisposable
{
    private readonly ChargesUnavailable _fintoc = new();
    private readonly ApiFactory _factory;
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly MandateFlow _flow;

    public MandateLateSubmissionTests()
    {
        _factory = new ApiFactory(
            new Dictionary<string, string?>
            {
                ["Fintoc:InitialBackoff"] = "00:00:00.010",
                ["Fintoc:MaxBackoff"] = "00:00:00.020",
                ["Reactors:FirstRetryDelay"] = "00:00:00.050",
                ["Reactors:MaxRetryDelay"] = "00:00:00.100",
            },
            services => services.AddHttpClient(FintocServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => _fintoc.Over(((TestServer)sp.GetRequiredService<IServer>()).CreateHandler())));
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new MandateFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_charge_submitted_after_the_cut_off_moves_the_attempts_expected_dates_to_fintocs()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var customerId = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "late@example.com");
        var today = ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"]));
        var created = await _flow.CreateAsync(MandateFlow.PacMandate(customerId, 21_000, new { frequency = "weekly", weekday = today.AddDays(1).DayOfWeek.ToString().ToLowerInvariant(), start_date = today.ToString("yyyy-MM-dd") }));
        var mandateId = created["id"]!.GetValue<string>();
        var authorized = await _flow.AuthorizeAsync(created["authorization"]!["subscription_intent_id"]!.GetValue<string>(), MandateFlow.PacAuthorization);
        var subscriptionId = authorized["subscription"]!["id"]!.GetValue<string>();
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(4));
        var active = await _flow.EventuallyAsync(mandateId, m => m["status"]!.GetValue<string>() == "active", "active");

        _fintoc.Refusing = true;
        await _flow.AdvanceUntilAsync(MandateFlow.Time(active["next_charge_at"]));
        var asked = (await _flow.BillUntilAsync(mandateId, m => m["last_charge"] is not null, "the attempt recorded"))["last_charge"]!;
        var expectedAtRequest = MandateFlow.Time(asked["expected_processing_at"]);
        var chargeId = asked["charge_id"]!.GetValue<string>();
        await Eventually.GetAsync(
            async () =>
            {
                using var timeline = await _merchant.GetAsync($"/v1/charges/{chargeId}/timeline"); // 404 until Charges has it
                return timeline.IsSuccessStatusCode
                    && (await Json.ReadAsync(timeline))["data"]!.AsArray().Any(s => s!["type"]!.GetValue<string>() == "submission_attempt_failed") ? "tried" : null;
            },
            TimeSpan.FromSeconds(30),
            "a submission Fintoc refused");

        await _flow.AdvanceUntilAsync(expectedAtRequest.AddMinutes(1)); // past the cut-off the attempt expected
        _fintoc.Refusing = false; // the submitter's retries, or the janitor, get it through now
        var fintocCharge = await Eventually.GetAsync(
            async () => (await _flow.LedgerForAsync("subscription_id", subscriptionId)).SingleOrDefault(),
            TimeSpan.FromSeconds(60),
            "the charge in Fintoc's ledger");
        var fintocProcessing = MandateFlow.Time(fintocCharge["processes_at"]);
        var moved = await _flow.EventuallyAsync(
            mandateId,
            m => MandateFlow.Time(m["last_charge"]!["expected_processing_at"]) != expectedAtRequest,
            "the expected dates moved");

        Assert.True(fintocProcessing > expectedAtRequest, $"Fintoc processes at {fintocProcessing:O}, the attempt expected {expectedAtRequest:O}");
        Assert.Equal(fintocProcessing, MandateFlow.Time(moved["last_charge"]!["expected_processing_at"]));
        Assert.Equal(
            ChileBankingCalendar.AtCutOff(ChileBankingCalendar.Instance.AddBusinessDays(ChileBankingCalendar.LocalDate(fintocProcessing), 2)),
            MandateFlow.Time(moved["last_charge"]!["expected_final_status_at"]));
        Assert.Equal(chargeId, moved["last_charge"]!["charge_id"]!.GetValue<string>());
    }

    /// <summary>Fintoc answering 503 to new v1 charges while <see cref="Refusing"/>; everything else reaches the simulator.</summary>
    private sealed class ChargesUnavailable
    {
        public volatile bool Refusing;

        public HttpMessageHandler Over(HttpMessageHandler simulator) => new Gate(this) { InnerHandler = simulator };

        private sealed class Gate(ChargesUnavailable fintoc) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                fintoc.Refusing && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v1/charges", StringComparison.Ordinal)
                    ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                    {
                        Content = new StringContent("""{"error":{"type":"api_error","code":"service_unavailable","message":"Try again later."}}""", Encoding.UTF8, "application/json"),
                    })
                    : base.SendAsync(request, cancellationToken);
        }
    }
}
