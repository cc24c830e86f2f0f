using System.Net;

namespace ModularPayments.Fintoc.Tests;

public sealed class RateLimiterTests
{
    [Fact]
    public async Task No_more_than_the_configured_requests_start_in_any_second()
    {
        var harness = new ClientHarness(o => o.RequestsPerSecond = 2);
        for (var i = 0; i < 6; i++)
        {
            harness.Handler.Then(HttpStatusCode.OK, """{"id":"ch_1","amount":1,"currency":"CLP"}""");
        }

        var calls = Enumerable.Range(0, 6).Select(_ => harness.RunAsync(c => c.Charges.GetAsync("ch_1"))).ToList();
        await Task.WhenAll(calls);

        var times = harness.Handler.Requests.Select(r => r.At!.Value).Order().ToList();
        Assert.Equal(6, times.Count);
        for (var i = 2; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 2] >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1), $"requests {i - 2} and {i} started {(times[i] - times[i - 2]).TotalMilliseconds} ms apart");
        }

        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
    }
}
