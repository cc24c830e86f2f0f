using Microsoft.Extensions.DependencyInjection;

namespace ModularPayments.Fintoc.Simulator.Tests;

/// <summary>Simulator:RequestsPerSecond plays Fintoc's per-organization limit; unset, there is none.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Calls_over_the_limit_within_a_second_get_429_with_retry_after_and_are_counted()
    {
        await using var sim = await SimulatorHost.StartAsync(options => options.RequestsPerSecond = 5);

        var answers = new List<(int Status, string? Code, string? RetryAfter)>();
        for (var i = 0; i < 12; i++)
        {
            var (status, body, response) = await sim.SendAsync(HttpMethod.Get, "v2/customers");
            answers.Add((status, status == 429 ? body!["error"]!["code"]!.GetValue<string>() : null, response.Headers.RetryAfter?.ToString()));
        }

        Assert.InRange(answers.Count(a => a.Status == 200), 5, 10); // 5 a second; a slow machine may cross into the next second
        Assert.Contains(answers, a => a is { Status: 429, Code: "rate_limit_exceeded", RetryAfter: "1" });
        Assert.Equal(answers.Count(a => a.Status == 429), sim.Services.GetRequiredService<Api.SimulatorRateLimit>().Refused);
    }

    [Fact]
    public async Task Without_a_limit_no_call_is_refused()
    {
        await using var sim = await SimulatorHost.StartAsync();

        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(200, (await sim.SendAsync(HttpMethod.Get, "v2/customers")).Status);
        }
    }
}
