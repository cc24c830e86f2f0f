using MediatR;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>
/// A command that lost an optimistic-concurrency race is run again from a fresh load a few times; after that the
/// conflict is reported (HTTP 409). Queries pass straight through.
/// </summary>
public sealed class ConcurrencyRetryBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public const int MaxAttempts = 4;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not ICommandBase)
        {
            return await next();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (WrongExpectedRevisionException conflict) when (attempt < MaxAttempts)
            {
                _ = conflict;
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }
    }
}
