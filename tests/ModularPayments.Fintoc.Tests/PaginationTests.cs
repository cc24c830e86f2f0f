using System.Net;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Tests;

public sealed class PaginationTests
{
    [Fact]
    public async Task V2_cursor_pages_are_followed_verbatim_until_there_is_no_next()
    {
        var harness = new ClientHarness();
        harness.Handler
            .Then(HttpStatusCode.OK, """[{"id":"cus_3"},{"id":"cus_2"}]""", r => r.Headers.TryAddWithoutValidation("Link", "<https://api.fintoc.test/v2/customers?limit=2&starting_after=cus_2>; rel=\"next\""))
            .Then(HttpStatusCode.OK, """[{"id":"cus_1"},{"id":"cus_0"}]""", r => r.Headers.TryAddWithoutValidation("Link", "<https://api.fintoc.test/v2/customers?limit=2&starting_after=cus_0>; rel=\"next\""))
            .Then(HttpStatusCode.OK, """[{"id":"cus_a"}]""");

        var ids = new List<string>();
        await foreach (var customer in harness.Client.Customers.ListAsync(new Resources.ListCustomersRequest(Limit: 2)))
        {
            ids.Add(customer.Id);
        }

        Assert.Equal(["cus_3", "cus_2", "cus_1", "cus_0", "cus_a"], ids);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal("?limit=2", harness.Handler.Requests[0].Uri.Query);
        Assert.Equal("?limit=2&starting_after=cus_2", harness.Handler.Requests[1].Uri.Query);
        Assert.Equal("?limit=2&starting_after=cus_0", harness.Handler.Requests[2].Uri.Query);
    }

    [Fact]
    public async Task V1_page_links_are_followed_through_next_only()
    {
        var harness = new ClientHarness();
        const string Page1 = "<https://api.fintoc.test/v1/charges?page=1>; rel=\"first\", <https://api.fintoc.test/v1/charges?page=2>; rel=\"next\", <https://api.fintoc.test/v1/charges?page=3>; rel=\"last\"";
        const string Page2 = "<https://api.fintoc.test/v1/charges?page=1>; rel=\"first\", <https://api.fintoc.test/v1/charges?page=1>; rel=\"prev\", <https://api.fintoc.test/v1/charges?page=3>; rel=\"next\", <https://api.fintoc.test/v1/charges?page=3>; rel=\"last\"";
        const string Page3 = "<https://api.fintoc.test/v1/charges?page=1>; rel=\"first\", <https://api.fintoc.test/v1/charges?page=2>; rel=\"prev\", <https://api.fintoc.test/v1/charges?page=3>; rel=\"last\"";
        harness.Handler
            .Then(HttpStatusCode.OK, """[{"id":"ch_1","amount":1000,"currency":"CLP"}]""", r => r.Headers.TryAddWithoutValidation("Link", Page1))
            .Then(HttpStatusCode.OK, """[{"id":"ch_2","amount":2000,"currency":"CLP"}]""", r => r.Headers.TryAddWithoutValidation("Link", Page2))
            .Then(HttpStatusCode.OK, """[{"id":"ch_3","amount":3000,"currency":"CLP"}]""", r => r.Headers.TryAddWithoutValidation("Link", Page3));

        var amounts = new List<long>();
        await foreach (var charge in harness.Client.Charges.ListAsync())
        {
            amounts.Add(charge.Amount);
        }

        Assert.Equal([1000L, 2000L, 3000L], amounts);
        Assert.Equal("?page=3", harness.Handler.Requests[2].Uri.Query);
    }

    [Fact]
    public void The_link_parser_reads_every_relation()
    {
        var links = LinkHeader.Parse(["<https://x/v1/a?page=1>; rel=\"first\", <https://x/v1/a?page=2>;rel=\"next\",<https://x/v1/a?page=9>; rel=last"]);

        Assert.Equal("https://x/v1/a?page=1", links["first"]);
        Assert.Equal("https://x/v1/a?page=2", links["next"]);
        Assert.Equal("https://x/v1/a?page=9", links["last"]);
        Assert.Null(LinkHeader.Next(["<https://x/v1/a?page=1>; rel=\"first\""]));
    }
}
