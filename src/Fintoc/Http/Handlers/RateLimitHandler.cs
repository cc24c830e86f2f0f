namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>Every attempt, retries included, takes a token from the process-wide bucket before it is sent.</summary>
internal sealed class RateLimitHandler(RequestRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
