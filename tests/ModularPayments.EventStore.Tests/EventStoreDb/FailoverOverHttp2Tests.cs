using Grpc.Core;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Connection;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>A cluster without a leader for a moment (ADR 0018): calls wait for one within failoverTimeout, then fail as unavailable.</summary>
public sealed class FailoverOverHttp2Tests : FakeNodeTestBase
{
    private const string Read = "/event_store.client.streams.Streams/Read";
    private const string Append = "/event_store.client.streams.Streams/Append";

    private static readonly (string Key, string Value)[] NotLeaderNoLeaderKnown = [("exception", "not-leader")];

    [Fact]
    public async Task An_append_refused_while_the_cluster_elects_a_leader_is_retried_and_succeeds()
    {
        Node.ThenTrailersOnly(StatusCode.NotFound, "Leader info available", NotLeaderNoLeaderKnown)
            .ThenTrailersOnly(StatusCode.Unavailable, "Server Is Not Ready")
            .ThenReply(ProtocolMessages.Success(0, 100));
        using var store = Store(connectionString: Node.ConnectionString + "&failoverTimeout=5000");

        var result = await store.AppendToStreamAsync("s", ExpectedRevision.NoStream, [EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray())]);

        Assert.Equal(new AppendResult(0, 100), result);
        Assert.Equal([Append, Append, Append], Node.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task An_append_whose_answer_was_lost_is_found_stored_on_retry_and_not_written_twice()
    {
        var written = EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray());
        Node.ThenReply(ProtocolMessages.StreamNotFound("orders-1"))
            .Then(async exchange =>
            {
                // The leader stored the event, then died before answering.
                await Task.Yield();
                exchange.Abort();
            })
            .ThenReply(ProtocolMessages.Event("orders-1", 0, 4242, written.EventId));
        using var store = Store(new EventStoreDbOptions(), Node.ConnectionString + "&failoverTimeout=5000");

        var result = await store.AppendToStreamAsync("orders-1", ExpectedRevision.NoStream, [written]);

        Assert.Equal(new AppendResult(0, 4242), result);
        Assert.Equal([Read, Append, Read], Node.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task A_read_started_while_no_node_leads_waits_for_the_leader()
    {
        Node.ThenTrailersOnly(StatusCode.NotFound, "Leader info available", NotLeaderNoLeaderKnown)
            .ThenReply(ProtocolMessages.Event("latest", 3, 777, Guid.NewGuid()));
        using var store = Store(connectionString: Node.ConnectionString + "&failoverTimeout=5000");

        Assert.Equal(777, await store.ReadHeadPositionAsync());
        Assert.Equal(2, Node.Calls.Count);
    }

    [Fact]
    public async Task Past_the_bound_the_append_fails_as_unavailable_naming_the_wait()
    {
        for (var i = 0; i < 50; i++)
        {
            Node.ThenTrailersOnly(StatusCode.NotFound, "Leader info available", NotLeaderNoLeaderKnown);
        }

        using var store = Store(connectionString: Node.ConnectionString + "&failoverTimeout=300");

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("s", ExpectedRevision.Any, [EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray())]));

        Assert.True(failure.IsUnavailable);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("no leader to take the append within 300 ms", failure.Message, StringComparison.Ordinal);
        Assert.InRange(Node.Calls.Count, 2, 10);
    }

    [Fact]
    public async Task When_every_node_stays_unreachable_the_append_fails_as_unavailable_after_the_bound()
    {
        using var store = Store(connectionString: $"esdb://127.0.0.1:{FakeEventStoreDbNode.UnusedPort()},127.0.0.1:{FakeEventStoreDbNode.UnusedPort()}?tls=false&failoverTimeout=200");

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("s", ExpectedRevision.Any, [EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray())]));

        Assert.True(failure.IsUnavailable);
        Assert.Contains("Could not connect", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_that_is_not_about_the_leader_is_not_retried()
    {
        Node.ThenTrailersOnly(StatusCode.FailedPrecondition, "Event stream 's' is deleted.", ("exception", "stream-deleted"), ("stream-name", "s"));
        using var store = Store(connectionString: Node.ConnectionString + "&failoverTimeout=5000");

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("s", ExpectedRevision.Any, [EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray())]));

        Assert.False(failure.IsUnavailable);
        Assert.Single(Node.Calls);
    }

    [Fact]
    public void The_bound_is_five_seconds_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), EventStoreDbConnectionString.Parse("esdb://localhost?tls=false").FailoverTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), EventStoreDbConnectionString.Parse("esdb://localhost?tls=false&failoverTimeout=1500").FailoverTimeout);
        Assert.Equal(TimeSpan.Zero, EventStoreDbConnectionString.Parse("esdb://localhost?failoverTimeout=0").FailoverTimeout);
        Assert.Contains("failoverTimeout '-1'", Assert.Throws<FormatException>(() => EventStoreDbConnectionString.Parse("esdb://localhost?failoverTimeout=-1")).Message, StringComparison.Ordinal);
    }
}
