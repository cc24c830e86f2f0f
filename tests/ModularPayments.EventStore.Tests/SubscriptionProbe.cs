using ModularPayments.BuildingBlocks.EventStore;
using Xunit.Sdk;

namespace ModularPayments.EventStore.Tests;

/// <summary>
/// Drives a subscription from a test with bounded waits: every step fails the test after a timeout instead of hanging,
/// and disposal cancels the subscription and waits (boundedly) for it to stop.
/// </summary>
public sealed class SubscriptionProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IAsyncEnumerator<SubscriptionMessage> _enumerator;
    private readonly TimeSpan _timeout;
    private Task<bool>? _pending;

    public SubscriptionProbe(IEventStore store, long afterPosition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(store);
        _timeout = timeout;
        _enumerator = store.SubscribeToAllAsync(afterPosition, _cancellation.Token).GetAsyncEnumerator(_cancellation.Token);
    }

    /// <summary>Every message received so far, in order.</summary>
    public List<SubscriptionMessage> Received { get; } = [];

    /// <summary>The next message, or a test failure when none arrives within the timeout.</summary>
    public async Task<SubscriptionMessage> NextAsync(TimeSpan? timeout = null)
    {
        _pending ??= _enumerator.MoveNextAsync().AsTask();
        var limit = timeout ?? _timeout;
        var completed = await Task.WhenAny(_pending, Task.Delay(limit));
        if (completed != _pending)
        {
            throw new XunitException($"The subscription delivered nothing within {limit}.");
        }

        var moved = await _pending;
        _pending = null;
        if (!moved)
        {
            throw new XunitException("The subscription ended although it was not cancelled.");
        }

        Received.Add(_enumerator.Current);
        return _enumerator.Current;
    }

    /// <summary>Reads until the first <see cref="SubscriptionMessage.CaughtUp"/>; returns the events of interest seen on the way.</summary>
    public async Task<(List<RecordedEvent> Events, SubscriptionMessage.CaughtUp CaughtUp)> ReadUntilCaughtUpAsync(Func<RecordedEvent, bool> ofInterest)
    {
        ArgumentNullException.ThrowIfNull(ofInterest);
        var events = new List<RecordedEvent>();
        var deadline = DateTime.UtcNow + _timeout;
        while (true)
        {
            var message = await NextAsync(Remaining(deadline));
            switch (message)
            {
                case SubscriptionMessage.Event { Record: var record } when ofInterest(record):
                    events.Add(record);
                    break;
                case SubscriptionMessage.CaughtUp caughtUp:
                    return (events, caughtUp);
                default:
                    break;
            }
        }
    }

    /// <summary>Reads until <paramref name="count"/> events of interest have arrived (other messages are skipped).</summary>
    public async Task<List<RecordedEvent>> ReadEventsAsync(Func<RecordedEvent, bool> ofInterest, int count, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(ofInterest);
        var events = new List<RecordedEvent>();
        var deadline = DateTime.UtcNow + (timeout ?? _timeout);
        while (events.Count < count)
        {
            if (await NextAsync(Remaining(deadline)) is SubscriptionMessage.Event { Record: var record } && ofInterest(record))
            {
                events.Add(record);
            }
        }

        return events;
    }

    /// <summary>Cancels the subscription and reports whether it stopped (ended or threw a cancellation) within the timeout.</summary>
    public async Task<bool> CancelAndWaitForEndAsync()
    {
        await _cancellation.CancelAsync();
        var deadline = DateTime.UtcNow + _timeout;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                _pending ??= _enumerator.MoveNextAsync().AsTask();
                var completed = await Task.WhenAny(_pending, Task.Delay(Remaining(deadline)));
                if (completed != _pending)
                {
                    return false;
                }

                var moved = await _pending;
                _pending = null;
                if (!moved)
                {
                    return true;
                }
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            _pending = null;
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cancellation.IsCancellationRequested)
        {
            await CancelAndWaitForEndAsync();
        }

        if (_pending is null)
        {
            try
            {
                await _enumerator.DisposeAsync();
            }
            catch (OperationCanceledException)
            {
                // A cancelled subscription may surface its cancellation on disposal; that is how it ends.
            }
        }

        _cancellation.Dispose();
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }
}
