using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.RefreshCharge;
using ModularPayments.Modules.Charges.Infrastructure;

namespace ModularPayments.UnitTests.Charges;

/// <summary>
/// The janitor walks the stale pending charges batch by batch, so charges that stay pending at Fintoc for days cannot
/// keep the ones behind them from ever being re-read.
/// </summary>
public sealed class ChargeJanitorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingRefreshHandler _refreshes = new();
    private readonly StaleCharges _stale = new();
    private readonly HeldCharges _held = new();

    [Fact]
    public async Task Each_sweep_goes_on_after_the_last_batch_and_wraps_around_at_the_end()
    {
        var ids = Enumerable.Range(1, 5).Select(_ => Guid.NewGuid()).ToArray();
        _stale.Charges.AddRange(ids.Select((id, i) => new StaleCharge(id, 10 * (i + 1))));
        var janitor = Janitor(batchSize: 2);

        var swept = new List<IReadOnlyList<Guid>>();
        for (var sweep = 0; sweep < 4; sweep++)
        {
            _refreshes.Seen.Clear();
            Assert.Equal(sweep == 2 ? 1 : 2, await janitor.SweepAsync(CancellationToken.None));
            swept.Add([.. _refreshes.Seen]);
        }

        Assert.Equal([ids[0], ids[1]], swept[0]);
        Assert.Equal([ids[2], ids[3]], swept[1]);
        Assert.Equal([ids[4]], swept[2]);
        Assert.Equal([ids[0], ids[1]], swept[3]);
    }

    [Fact]
    public async Task A_cursor_past_every_stale_charge_starts_again_from_the_first()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        _stale.Charges.AddRange([new StaleCharge(first, 1), new StaleCharge(second, 2)]);
        var janitor = Janitor(batchSize: 2);
        await janitor.SweepAsync(CancellationToken.None); // a full batch: the next sweep goes on after sequence 2
        _stale.Charges.RemoveAt(1); // the second settled in between

        _refreshes.Seen.Clear();
        Assert.Equal(1, await janitor.SweepAsync(CancellationToken.None));
        Assert.Equal([first], _refreshes.Seen);
    }

    [Fact]
    public async Task One_charge_that_cannot_be_refreshed_does_not_stop_the_others()
    {
        var failing = Guid.NewGuid();
        var fine = Guid.NewGuid();
        _stale.Charges.AddRange([new StaleCharge(failing, 1), new StaleCharge(fine, 2)]);
        _refreshes.Failing.Add(failing);

        Assert.Equal(1, await Janitor(batchSize: 10).SweepAsync(CancellationToken.None));
        Assert.Equal([failing, fine], _refreshes.Seen);
    }

    [Fact]
    public async Task A_charge_the_submission_workers_still_hold_is_on_its_way_and_left_to_them()
    {
        var held = Guid.NewGuid();
        var stale = Guid.NewGuid();
        _stale.Charges.AddRange([new StaleCharge(held, 1), new StaleCharge(stale, 2)]);
        _held.Ids.Add(held);

        Assert.Equal(1, await Janitor(batchSize: 10).SweepAsync(CancellationToken.None));
        Assert.Equal([stale], _refreshes.Seen);
    }

    private ChargeJanitor Janitor(int batchSize)
    {
        var services = new ServiceCollection();
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddSingleton<IRequestHandler<RefreshChargeCommand, ChargeDto>>(_refreshes);
        var provider = services.BuildServiceProvider();
        var options = Options.Create(new ChargesOptions { JanitorBatchSize = batchSize, PendingTimeout = TimeSpan.FromMinutes(15) });
        return new ChargeJanitor(provider.GetRequiredService<IServiceScopeFactory>(), _stale, _held, options, _clock, NullLogger<ChargeJanitor>.Instance);
    }

    private sealed class RecordingRefreshHandler : IRequestHandler<RefreshChargeCommand, ChargeDto>
    {
        public List<Guid> Seen { get; } = [];

        public HashSet<Guid> Failing { get; } = [];

        public Task<ChargeDto> Handle(RefreshChargeCommand request, CancellationToken cancellationToken)
        {
            Seen.Add(request.ChargeId);
            return Failing.Contains(request.ChargeId)
                ? throw new InvalidOperationException("Fintoc is unreachable")
                : Task.FromResult<ChargeDto>(null!);
        }
    }

    private sealed class HeldCharges : IChargeSubmissionQueue
    {
        public HashSet<Guid> Ids { get; } = [];

        public void Enqueue(Guid chargeId) => throw new NotSupportedException();

        public bool Holds(Guid chargeId) => Ids.Contains(chargeId);

        public Task<bool> WaitForWorkersAsync(Guid chargeId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class StaleCharges : IChargeReadModel
    {
        public List<StaleCharge> Charges { get; } = [];

        public Task<IReadOnlyList<StaleCharge>> ListStalePendingAsync(DateTimeOffset before, long afterSequence, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StaleCharge>>([.. Charges.Where(c => c.Sequence > afterSequence).OrderBy(c => c.Sequence).Take(limit)]);

        public Task<ChargePage?> ListAsync(ChargeFilter filter, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ChargePage> ListMismatchesAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
