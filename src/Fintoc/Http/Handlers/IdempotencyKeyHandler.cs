namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>
/// Refuses a POST without an idempotency key before anything is sent: the caller derives the key from our own id, so a
/// retry (ours or the caller's) replays Fintoc's first answer instead of charging twice.
/// </summary>
internal sealed class IdempotencyKeyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post)
        {
            var key = request.Headers.TryGetValues(FintocHeaders.IdempotencyKey, out var values) ? string.Join(",", values) : null;
            Validate(key);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static void Validate(string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw new ArgumentException("Every POST to Fintoc needs an idempotency key derived from our own id.", nameof(idempotencyKey));
        }

        if (idempotencyKey.Length > FintocHeaders.MaxIdempotencyKeyLength)
        {
            throw new ArgumentException($"Fintoc accepts idempotency keys of at most {FintocHeaders.MaxIdempotencyKeyLength} characters.", nameof(idempotencyKey));
        }
    }
}
