using Microsoft.AspNetCore.Mvc;

namespace ModularPayments.Api.Errors;

/// <summary>Every error the API returns is an RFC 9457 problem document with a stable machine-readable <c>code</c>.</summary>
public static class ProblemResponses
{
    public static ProblemDetails Create(HttpContext context, int status, string code, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Type = "urn:modularpayments:problem:" + code;
        problem.Title = title;
        problem.Detail = detail;
        problem.Instance = context.Request.Path;
        problem.Extensions["code"] = code;
        problem.Extensions["trace_id"] = context.TraceIdentifier;
        return problem;
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string detail, IDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = Create(context, status, code, title, detail, errors);
        foreach (var (key, value) in extensions ?? new Dictionary<string, string>())
        {
            problem.Extensions[key] = value;
        }

        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
