using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.Modules.Charges.Contracts;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Application.RunBilling;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>
/// What a second instance on the same store would do, done inside one service: billing the same mandates at the same
/// instant from many callers, and asking Charges again for a charge already asked for. The simulator's ledger is the judge.
/// </summary>
public sealed class MandateConcurrencyTests : IDisposable
{
    // The background timer stays out of the way: every attempt recorded here is counted.
    private readonly ApiFactory _factory = new(new Dictionary<string, string?> { ["Mandates:BillingInterval"] = "1.00:00:00" });
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly MandateFlow _flow;

    public MandateConcurrencyTests()
    {
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
    public async Task Concurrent_billing_runs_and_a_replayed_request_make_one_payment_intent_per_period()
    {
        var (customerId, method) = await _flow.Charges.ActiveMethodAsync("card");
        var fintocMethod = method["fintoc_payment_method_id"]!.GetValue<string>();
        var start = ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"])).AddDays(1);
        var mandates = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await _flow.CreateAsync(MandateFlow.MethodMandate(customerId, method["id"]!.GetValue<string>(), 10_000 + i, new { frequency = "monthly", day_of_month = start.Day, start_date = start.ToString("yyyy-MM-dd") }));
            mandates.Add(created["id"]!.GetValue<string>());
        }

        await _flow.AdvanceUntilAsync(MandateFlow.Time((await _flow.GetAsync(mandates[0]))["next_charge_at"]));
        var callers = Enumerable.Range(0, 8).SelectMany(_ => mandates).Select(id => Task.Run(async () =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RequestDueChargeCommand(PublicIdKind.Mandate.ParseOrNotFound(id))) ? 1 : 0;
        }));
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () => (await _flow.RunBillingAsync())["submitted"]!.GetValue<int>()));
        var recorded = await Task.WhenAll([.. callers, .. runs]);

        Assert.Equal(5, recorded.Sum());
        await Eventually.GetAsync(async () => (await _flow.LedgerForAsync("payment_method", fintocMethod)).Count >= 5 ? "ok" : null, TimeSpan.FromSeconds(30), "five payment intents");

        foreach (var id in mandates)
        {
            // A replay of the requester (another instance's reactor, a rebuilt checkpoint) asks for the same charge.
            var mandateId = PublicIdKind.Mandate.ParseOrNotFound(id);
            await using var scope = _factory.Services.CreateAsyncScope();
            var charge = (await _flow.ChargesAsync(id)).Single()!;
            await scope.ServiceProvider.GetRequiredService<IChargeRequests>().RequestAsync(
                MandateStreams.ChargeIdFor(mandateId, 1, 1), PublicIdKind.Customer.ParseOrNotFound(customerId), PublicIdKind.PaymentMethod.ParseOrNotFound(method["id"]!.GetValue<string>()),
                null, charge["amount"]!.GetValue<long>(), "CLP", $"{id} period 1 attempt 1", CancellationToken.None);
        }

        await _flow.Setup.SettledAsync();
        var ledger = await _flow.LedgerForAsync("payment_method", fintocMethod);
        Assert.Equal(5, ledger.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => 10_000L + i), ledger.Select(e => e["amount"]!.GetValue<long>()).Order());
        foreach (var id in mandates)
        {
            var expected = PublicIdKind.Charge.Format(MandateStreams.ChargeIdFor(PublicIdKind.Mandate.ParseOrNotFound(id), 1, 1));
            Assert.Equal(expected, (await _flow.ChargesAsync(id)).Single()!["charge_id"]!.GetValue<string>());
        }
    }
}
