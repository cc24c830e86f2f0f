using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.UnitTests.Application;

public class PipelineBehaviorTests
{
    public sealed record TestCommand(string Value) : ICommand<int>;

    public sealed record TestQuery(string Value) : IQuery<int>;

    private static WrongExpectedRevisionException Conflict() => new("s", ExpectedRevision.NoStream, 0);

    [Fact]
    public async Task A_command_that_loses_a_race_is_retried_until_it_succeeds()
    {
        var calls = 0;
        var result = await new ConcurrencyRetryBehavior<TestCommand, int>().Handle(new TestCommand("x"), CancellationToken.None, () =>
            ++calls < 3 ? throw Conflict() : Task.FromResult(42));
        Assert.Equal(42, result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_command_gives_up_after_the_maximum_attempts()
    {
        var calls = 0;
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() =>
            new ConcurrencyRetryBehavior<TestCommand, int>().Handle(new TestCommand("x"), CancellationToken.None, () =>
            {
                calls++;
                throw Conflict();
            }));
        Assert.Equal(ConcurrencyRetryBehavior<TestCommand, int>.MaxAttempts, calls);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Queries_and_other_errors_are_not_retried()
    {
        var queryCalls = 0;
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() =>
            new ConcurrencyRetryBehavior<TestQuery, int>().Handle(new TestQuery("x"), CancellationToken.None, () =>
            {
                queryCalls++;
                throw Conflict();
            }));
        Assert.Equal(1, queryCalls);

        var commandCalls = 0;
        await Assert.ThrowsAsync<ConflictException>(() =>
            new ConcurrencyRetryBehavior<TestCommand, int>().Handle(new TestCommand("x"), CancellationToken.None, () =>
            {
                commandCalls++;
                throw new ConflictException("tax_id_taken", "taken");
            }));
        Assert.Equal(1, commandCalls);
    }

    private sealed class MustNotBeX : AbstractValidator<TestCommand>
    {
        public MustNotBeX() => RuleFor(c => c.Value).NotEqual("x").OverridePropertyName("a");
    }

    private sealed class MustBeLong : AbstractValidator<TestCommand>
    {
        public MustBeLong() => RuleFor(c => c.Value).MinimumLength(5).OverridePropertyName("b");
    }

    [Fact]
    public async Task Every_validator_runs_and_all_failures_are_reported_before_the_handler()
    {
        var handled = false;
        var behavior = new ValidationBehavior<TestCommand, int>([new MustNotBeX(), new MustBeLong()]);
        var error = await Assert.ThrowsAsync<ValidationException>(() => behavior.Handle(new TestCommand("x"), CancellationToken.None, () =>
        {
            handled = true;
            return Task.FromResult(1);
        }));
        Assert.False(handled);
        Assert.Equal(["a", "b"], error.Errors.Select(e => e.PropertyName));

        var onlySecond = await Assert.ThrowsAsync<ValidationException>(() => behavior.Handle(new TestCommand("y"), CancellationToken.None, () => Task.FromResult(1)));
        Assert.Equal(["b"], onlySecond.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public async Task A_valid_request_reaches_the_handler()
    {
        var behavior = new ValidationBehavior<TestCommand, int>([new MustNotBeX(), new MustBeLong()]);
        Assert.Equal(7, await behavior.Handle(new TestCommand("long enough"), CancellationToken.None, () => Task.FromResult(7)));
    }
}
