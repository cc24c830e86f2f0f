using System.Globalization;
using Grpc.Core;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>Node selection and HTTP-level failures of the hand-written transport.</summary>
public sealed class ChannelOverHttp2Tests : FakeNodeTestBase
{
    private static readonly List<EventData> OneEvent = [EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray())];

    [Fact]
    public async Task An_unreachable_first_node_is_passed_over_for_the_next_reachable_one()
    {
        Node.ThenReply(ProtocolMessages.Success(0, 100)).ThenReply(ProtocolMessages.Success(1, 200));
        var deadPort = FakeEventStoreDbNode.UnusedPort();
        using var store = Store(connectionString: $"esdb://127.0.0.1:{deadPort},127.0.0.1:{Node.Port}?tls=false&nodePreference=follower");

        var first = await store.AppendToStreamAsync("s", ExpectedRevision.NoStream, OneEvent);
        var second = await store.AppendToStreamAsync("s", ExpectedRevision.Exact(0), [EventData.Json(Guid.NewGuid(), "B", "{}"u8.ToArray())]);

        Assert.Equal(new AppendResult(0, 100), first);
        Assert.Equal(new AppendResult(1, 200), second);
        Assert.Equal(2, Node.Calls.Count);
        Assert.All(Node.Calls, call => Assert.Equal("False", call.Headers["requires-leader"]));
    }

    [Fact]
    public async Task When_no_node_is_reachable_the_error_says_so()
    {
        using var store = Store(connectionString: $"esdb://127.0.0.1:{FakeEventStoreDbNode.UnusedPort()},127.0.0.1:{FakeEventStoreDbNode.UnusedPort()}?tls=false");

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.ReadHeadPositionAsync());

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.StartsWith("Could not connect to the EventStoreDB node 127.0.0.1:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_that_is_not_the_leader_sends_the_call_to_the_leader_it_names()
    {
        await using var leader = await FakeEventStoreDbNode.StartAsync();
        leader.ThenReply(ProtocolMessages.Success(0, 4242));
        Node.ThenTrailersOnly(
            StatusCode.NotFound,
            "Leader info available",
            ("exception", "not-leader"),
            ("leader-endpoint-host", "127.0.0.1"),
            ("leader-endpoint-port", leader.Port.ToString(CultureInfo.InvariantCulture)));
        using var store = Store();

        var result = await store.AppendToStreamAsync("s", ExpectedRevision.NoStream, OneEvent);

        Assert.Equal(new AppendResult(0, 4242), result);
        Assert.Single(Node.Calls);
        Assert.Equal("True", Assert.Single(leader.Calls).Headers["requires-leader"]);
    }

    [Fact]
    public async Task A_non_grpc_http_refusal_names_the_http_status_and_keeps_a_grpc_status_when_one_is_sent()
    {
        Node.Then(exchange => exchange.HttpErrorAsync(415, "text/plain", "Unsupported", ("grpc-status", "13"), ("grpc-message", "Content-Type 'application/json' is not supported.")))
            .Then(exchange => exchange.HttpErrorAsync(503, "text/html", "<h1>maintenance</h1>"))
            .Then(exchange => exchange.HttpErrorAsync(200, "text/html", "<h1>a proxy page</h1>"));
        using var store = Store();

        var unsupported = await Assert.ThrowsAsync<EventStoreDbException>(() => store.ReadHeadPositionAsync());
        var unavailable = await Assert.ThrowsAsync<EventStoreDbException>(() => store.ReadHeadPositionAsync());
        var notGrpc = await Assert.ThrowsAsync<EventStoreDbException>(() => store.ReadHeadPositionAsync());

        Assert.Equal(StatusCode.Internal, unsupported.StatusCode);
        Assert.Contains("Content-Type 'application/json' is not supported.", unsupported.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);
        Assert.Contains("HTTP status code: 503", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Internal, notGrpc.StatusCode);
        Assert.Contains("text/html", notGrpc.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_never_travel_over_cleartext_h2c()
    {
        Node.ThenReply();
        using var store = Store(connectionString: $"esdb://admin:changeit@127.0.0.1:{Node.Port}?tls=false");

        await store.ReadHeadPositionAsync();

        Assert.False(Assert.Single(Node.Calls).Headers.ContainsKey("authorization"));
        Assert.DoesNotContain("changeit", store.Connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_tls_the_credentials_go_as_basic_authorization()
    {
        await using var secureNode = await FakeEventStoreDbNode.StartAsync(tls: true);
        secureNode.ThenReply();
        using var store = Store(connectionString: $"esdb://admin:changeit@127.0.0.1:{secureNode.Port}?tls=true&tlsVerifyCert=false");

        await store.ReadHeadPositionAsync();

        var expected = "Basic " + Convert.ToBase64String("admin:changeit"u8.ToArray());
        Assert.Equal(expected, Assert.Single(secureNode.Calls).Headers["authorization"]);
    }

    [Fact]
    public async Task An_append_that_outlives_its_deadline_fails_with_deadline_exceeded()
    {
        Node.Then(exchange => exchange.WaitUntilClientCancelsAsync());
        using var store = Store(connectionString: $"esdb://127.0.0.1:{Node.Port}?tls=false&defaultDeadline=1000");

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("s", ExpectedRevision.Any, OneEvent));

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        var timeout = Assert.Single(Node.Calls).Headers["grpc-timeout"];
        Assert.EndsWith("m", timeout, StringComparison.Ordinal);
        Assert.InRange(int.Parse(timeout[..^1], CultureInfo.InvariantCulture), 500, 1000);
    }
}
