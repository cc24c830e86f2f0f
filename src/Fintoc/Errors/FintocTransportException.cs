namespace ModularPayments.Fintoc.Errors;

/// <summary>Fintoc could not be reached (network error or timeout) even after the allowed retries.</summary>
public sealed class FintocTransportException : Exception
{
    public FintocTransportException(string method, string path, int attempts, Exception? innerException)
        : base($"Fintoc {method} {path} failed after {attempts} attempt(s): {innerException?.GetType().Name ?? "timeout"}", innerException)
    {
        Attempts = attempts;
    }

    public FintocTransportException()
    {
    }

    public FintocTransportException(string message)
        : base(message)
    {
    }

    public FintocTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Attempts { get; }
}
