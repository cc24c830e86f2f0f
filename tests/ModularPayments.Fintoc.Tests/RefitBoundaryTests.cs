using System.Net;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Fintoc.Tests;

/// <summary>What Refit builds and what it may throw: callers of IFintocClient only ever see our typed errors.</summary>
public sealed class RefitBoundaryTests
{
    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"id": 42}""")]
    [InlineData("")]
    public async Task An_unreadable_answer_is_a_fintoc_error_not_a_refit_one(string body)
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<FintocApiException>(() => harness.Client.Customers.GetAsync("cus_1"));

        Assert.Equal("unreadable_response", error.Code);
        Assert.Contains("GET /v2/customers/cus_1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Chain(error), e => e.GetType().Namespace == "Refit");
    }

    [Fact]
    public async Task An_unreadable_list_page_is_a_fintoc_error()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, """{"data":[]}""");

        var error = await Assert.ThrowsAsync<FintocApiException>(async () =>
        {
            await foreach (var _ in harness.Client.Subscriptions.ListAsync())
            {
            }
        });

        Assert.Equal("unreadable_response", error.Code);
    }

    [Fact]
    public async Task An_error_on_a_later_page_is_a_fintoc_error()
    {
        var harness = new ClientHarness(o => o.MaxRetries = 0);
        harness.Handler
            .Then(HttpStatusCode.OK, """[{"id":"pm_1"}]""", r => r.Headers.TryAddWithoutValidation("Link", "<https://api.fintoc.test/v2/payment_methods?starting_after=pm_1>; rel=\"next\""))
            .Then(HttpStatusCode.BadGateway, "<html>proxy</html>");

        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<FintocApiException>(async () =>
        {
            await foreach (var method in harness.Client.PaymentMethods.ListAsync(customer: "cus_1"))
            {
                seen.Add(method.Id);
            }
        });

        Assert.Equal(["pm_1"], seen);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
    }

    [Fact]
    public async Task A_next_link_to_another_origin_is_never_followed()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, """[{"id":"pi_1","amount":1,"currency":"CLP"}]""", r => r.Headers.TryAddWithoutValidation("Link", "<https://collector.example/v2/payment_intents?page=2>; rel=\"next\""));

        var error = await Assert.ThrowsAsync<FintocApiException>(async () =>
        {
            await foreach (var _ in harness.Client.PaymentIntents.ListAsync())
            {
            }
        });

        Assert.Single(harness.Handler.Requests);
        Assert.Contains("leaves the origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_filters_become_snake_case_query_keys_with_utc_times_and_unset_ones_are_left_out()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, "[]").Then(HttpStatusCode.OK, "[]");
        var since = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(-3));

        await foreach (var _ in harness.Client.Charges.ListAsync(new ListChargesRequest(SubscriptionId: "sub_1", Since: since, PerPage: 50)))
        {
        }

        await foreach (var _ in harness.Client.PaymentIntents.ListAsync(status: "succeeded"))
        {
        }

        Assert.Equal("?subscription_id=sub_1&since=2026-11-24T12%3A30%3A00Z&per_page=50", harness.Handler.Requests[0].Uri.Query.Replace(":", "%3A", StringComparison.Ordinal));
        Assert.Equal("?status=succeeded", harness.Handler.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task An_empty_id_is_refused_before_anything_is_sent()
    {
        var harness = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.Customers.GetAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.CheckoutSessions.ExpireAsync("", "expire-1"));

        Assert.Empty(harness.Handler.Requests);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
