using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.SubmitCharge;
using ModularPayments.Modules.Charges.Infrastructure;

namespace ModularPayments.UnitTests.Charges;

/// <summary>
/// The submission workers hold a queued charge until they are done with it; the reactor waits on them instead of
/// calling Fintoc a second time, and takes over when they failed.
/// </summary>
public sealed class ChargeSubmissionQueueTests : IAsyncLifetime
{
    private readonly GatedSubmissions _submissions = new();
    private ChargeSubmissionQueue _queue = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddSingleton<IRequestHandler<SubmitChargeCommand, ChargeDto>>(_submissions);
        _provider = services.BuildServiceProvider();
        _queue = new ChargeSubmissionQueue(_provider.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ChargesOptions { SubmissionWorkers = 2 }), NullLogger<ChargeSubmissionQueue>.Instance);
        await _queue.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_waiter_learns_the_workers_submitted_the_charge_once_they_are_done()
    {
        var chargeId = Guid.NewGuid();
        _queue.Enqueue(chargeId);
        _queue.Enqueue(chargeId); // a repeat while held adds nothing

        var waiting = _queue.WaitForWorkersAsync(chargeId, CancellationToken.None);
        Assert.True(_queue.Holds(chargeId));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        _submissions.Release(chargeId, succeed: true);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(_queue.Holds(chargeId));
        Assert.Equal(1, _submissions.Calls(chargeId));
    }

    [Fact]
    public async Task A_waiter_takes_over_when_the_workers_failed_and_a_charge_they_never_held_is_not_waited_for()
    {
        var chargeId = Guid.NewGuid();
        _queue.Enqueue(chargeId);
        var waiting = _queue.WaitForWorkersAsync(chargeId, CancellationToken.None);

        _submissions.Release(chargeId, succeed: false);

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await _queue.WaitForWorkersAsync(Guid.NewGuid(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1)));
    }

    private sealed class GatedSubmissions : IRequestHandler<SubmitChargeCommand, ChargeDto>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource<bool>> _gates = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _calls = new();

        public int Calls(Guid chargeId) => _calls.GetValueOrDefault(chargeId);

        public void Release(Guid chargeId, bool succeed) => Gate(chargeId).TrySetResult(succeed);

        public async Task<ChargeDto> Handle(SubmitChargeCommand request, CancellationToken cancellationToken)
        {
            _calls.AddOrUpdate(request.ChargeId, 1, (_, n) => n + 1);
            return await Gate(request.ChargeId).Task.WaitAsync(cancellationToken)
                ? null!
                : throw new InvalidOperationException("Fintoc did not answer");
        }

        private TaskCompletionSource<bool> Gate(Guid chargeId) =>
            _gates.GetOrAdd(chargeId, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
