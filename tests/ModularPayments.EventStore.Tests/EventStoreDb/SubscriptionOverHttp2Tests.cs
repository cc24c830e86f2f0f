using Grpc.Core;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>The catch-up subscription against recorded exchanges: checkpoints, caught-up, drops and resumption.</summary>
public sealed class SubscriptionOverHttp2Tests : FakeNodeTestBase
{
    private static readonly EventStoreDbOptions FastReconnect = new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(40),
        MaxReconnectAttempts = 3,
        CheckpointIntervalMultiplier = 8,
    };

    [Fact]
    public async Task Events_checkpoints_and_caught_up_come_through_in_order()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        Node.Then(async exchange =>
        {
            await exchange.SendAsync(ProtocolMessages.Confirmation());
            await exchange.SendAsync(ProtocolMessages.Checkpoint(0, 0));
            await exchange.SendAsync(ProtocolMessages.Event("a", 0, 1000, ids[0]));
            await exchange.SendAsync(ProtocolMessages.Checkpoint(1500, 0));
            await exchange.SendAsync(ProtocolMessages.Event("a", 1, 2000, ids[1]));
            await exchange.SendAsync(ProtocolMessages.CaughtUp());
            await exchange.SendAsync(ProtocolMessages.Event("b", 0, 3000, ids[2]), splitFrame: true);
            await exchange.WaitUntilClientCancelsAsync();
        });
        using var store = Store(FastReconnect);
        await using var probe = new SubscriptionProbe(store, 500, Timeout);

        var messages = new List<SubscriptionMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await probe.NextAsync());
        }

        Assert.Equal(ids[0], Assert.IsType<SubscriptionMessage.Event>(messages[0]).Record.EventId);
        Assert.Equal(new SubscriptionMessage.Checkpoint(1500), messages[1]);
        Assert.Equal(ids[1], Assert.IsType<SubscriptionMessage.Event>(messages[2]).Record.EventId);
        Assert.Equal(new SubscriptionMessage.CaughtUp(2000), messages[3]);
        Assert.Equal(ids[2], Assert.IsType<SubscriptionMessage.Event>(messages[4]).Record.EventId);

        var request = Assert.Single(Node.Calls).Message(0, ReadReq.Parser).Options;
        Assert.Equal(ReadReq.Types.Options.CountOptionOneofCase.Subscription, request.CountOptionCase);
        Assert.Equal(500UL, request.All.Position.CommitPosition);
        Assert.Equal(@"^[^\$].*", request.Filter.EventType.Regex);
        Assert.Equal(8U, request.Filter.CheckpointIntervalMultiplier);
        Assert.True(await probe.CancelAndWaitForEndAsync());
    }

    [Fact]
    public async Task After_a_dropped_connection_it_resubscribes_after_the_last_position_it_handed_out()
    {
        var before = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var after = Guid.NewGuid();
        var handedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Node.Then(async exchange =>
            {
                await exchange.SendAsync(ProtocolMessages.Confirmation());
                await exchange.SendAsync(ProtocolMessages.Event("a", 0, 1000, before[0]));
                await exchange.SendAsync(ProtocolMessages.Event("a", 1, 2000, before[1]));
                await exchange.SendAsync(ProtocolMessages.Checkpoint(2600, 2600));
                await handedOut.Task.WaitAsync(Timeout);
                await exchange.SendRawAsync([0, 0, 0]);
                exchange.Abort();
            })
            .ThenTrailersOnly(StatusCode.Unavailable, "Server Is Not Ready")
            .Then(async exchange =>
            {
                await exchange.SendAsync(ProtocolMessages.Confirmation());
                await exchange.SendAsync(ProtocolMessages.CaughtUp());
                await exchange.SendAsync(ProtocolMessages.Event("a", 2, 3000, after));
                await exchange.WaitUntilClientCancelsAsync();
            });
        using var store = Store(FastReconnect);
        await using var probe = new SubscriptionProbe(store, LogPosition.Start, Timeout);

        var messages = new List<SubscriptionMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await probe.NextAsync());
            if (i == 2)
            {
                // Cut the connection only once the client has what was sent (a reset discards unread frames).
                handedOut.SetResult();
            }
        }

        Assert.Equal(before, messages.Take(2).Cast<SubscriptionMessage.Event>().Select(m => m.Record.EventId));
        Assert.Equal(new SubscriptionMessage.Checkpoint(2600), messages[2]);
        Assert.Equal(new SubscriptionMessage.CaughtUp(2600), messages[3]);
        Assert.Equal(after, Assert.IsType<SubscriptionMessage.Event>(messages[4]).Record.EventId);

        var calls = Node.Calls.Select(c => c.Message(0, ReadReq.Parser).Options.All).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal(ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Start, calls[0].AllOptionCase);
        Assert.Equal(2600UL, calls[1].Position.CommitPosition);
        Assert.Equal(2600UL, calls[2].Position.CommitPosition);
        Assert.Equal(2600UL, calls[2].Position.PreparePosition);
    }

    [Fact]
    public async Task Events_the_server_repeats_after_a_reconnect_are_not_handed_out_twice()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var handedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Node.Then(async exchange =>
            {
                await exchange.SendAsync(ProtocolMessages.Event("a", 0, 1000, first));
                await handedOut.Task.WaitAsync(Timeout);
                exchange.Abort();
            })
            .Then(async exchange =>
            {
                await exchange.SendAsync(ProtocolMessages.Event("a", 0, 1000, first));
                await exchange.SendAsync(ProtocolMessages.Event("a", 1, 1100, second));
                await exchange.WaitUntilClientCancelsAsync();
            });
        using var store = Store(FastReconnect);
        await using var probe = new SubscriptionProbe(store, LogPosition.Start, Timeout);

        var firstDelivery = await probe.ReadEventsAsync(_ => true, 1);
        handedOut.SetResult();
        var secondDelivery = await probe.ReadEventsAsync(_ => true, 1);

        Assert.Equal([first, second], firstDelivery.Concat(secondDelivery).Select(e => e.EventId));
        Assert.Equal(2, Node.Calls.Count);
        Assert.Equal(1000UL, Node.Calls.Last().Message(0, ReadReq.Parser).Options.All.Position.CommitPosition);
    }

    [Fact]
    public async Task It_gives_up_after_the_configured_number_of_failed_reconnections()
    {
        for (var i = 0; i < 4; i++)
        {
            Node.ThenTrailersOnly(StatusCode.Unavailable, "Server Is Too Busy");
        }

        using var store = Store(FastReconnect);

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => CollectAsync(store.SubscribeToAllAsync(LogPosition.Start)));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal(4, Node.Calls.Count);
    }

    [Fact]
    public async Task A_permanent_error_ends_the_subscription_at_once()
    {
        Node.ThenTrailersOnly(StatusCode.PermissionDenied, "Access Denied", ("exception", "access-denied"));
        using var store = Store(FastReconnect);

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => CollectAsync(store.SubscribeToAllAsync(LogPosition.Start)));

        Assert.Equal("access-denied", failure.ErrorKind);
        Assert.Single(Node.Calls);
    }

    [Fact]
    public async Task Cancelling_while_it_waits_to_reconnect_ends_it()
    {
        Node.ThenTrailersOnly(StatusCode.Unavailable, "Server Is Not Ready");
        using var store = Store(new EventStoreDbOptions { ReconnectDelay = TimeSpan.FromMinutes(10), MaxReconnectDelay = TimeSpan.FromMinutes(10) });
        using var cancellation = new CancellationTokenSource();
        var subscription = CollectUntilCancelledAsync(store.SubscribeToAllAsync(LogPosition.Start, cancellation.Token));

        await WaitUntilAsync(() => !Node.Calls.IsEmpty);
        await cancellation.CancelAsync();

        Assert.Empty(await subscription.WaitAsync(Timeout));
    }

    private static async Task<List<SubscriptionMessage>> CollectUntilCancelledAsync(IAsyncEnumerable<SubscriptionMessage> source)
    {
        var items = new List<SubscriptionMessage>();
        await foreach (var item in source)
        {
            items.Add(item);
        }

        return items;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never held.");
            await Task.Delay(10);
        }
    }
}
