using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>
/// Logs each request's name, outcome and duration. Never the request's content: it may hold personal data.
/// </summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (request is ICommandBase)
            {
                LogHandled(typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                LogReadHandled(typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception exception)
        {
            LogFailed(typeof(TRequest).Name, exception.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    /// <summary>Reads change nothing: per-request noise at Information, so Debug.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private partial void LogReadHandled(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} failed with {Error} after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string request, string error, double elapsedMs);
}
