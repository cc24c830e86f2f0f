using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v1 webhook endpoints: create (the secret appears only here), list, delete. http URLs are allowed here.</summary>
internal sealed class WebhookEndpointsResource(SimulatorState state)
{
    public ApiAnswer Create(ApiCall call)
    {
        var body = call.Body;
        var url = body.RequiredString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw FintocApiError.Invalid("url", "url must be an absolute http(s) URL.");
        }

        var events = body.OptionalStringList("enabled_events") ?? throw FintocApiError.Missing("enabled_events");
        var endpoint = Add(url, events, body.OptionalString("description"), "whsec_test_" + Ids.Random(32), call.Now, fromConfiguration: false);
        return ApiAnswer.Created(Representations.WebhookEndpoint(endpoint, includeSecret: true));
    }

    public ApiAnswer List(ApiCall call)
    {
        var endpoints = state.WebhookEndpoints.Values.Where(endpoint => !endpoint.FromConfiguration).OrderByDescending(endpoint => state.OrderOf(endpoint.Id)).ToList();
        return Pagination.Pages(call, endpoints, endpoint => Representations.WebhookEndpoint(endpoint, includeSecret: false), []);
    }

    public ApiAnswer Delete(ApiCall call)
    {
        var id = call.Route("id");
        if (!state.WebhookEndpoints.TryGetValue(id, out var endpoint) || endpoint.FromConfiguration)
        {
            throw FintocApiError.NotFound("webhook_endpoint", id);
        }

        state.WebhookEndpoints.Remove(id);

        endpoint.Status = "disabled";
        return ApiAnswer.Ok(Representations.WebhookEndpoint(endpoint, includeSecret: false));
    }

    public SimWebhookEndpoint Add(string url, List<string> events, string? description, string secret, DateTimeOffset now, bool fromConfiguration)
    {
        var endpoint = new SimWebhookEndpoint
        {
            Id = Ids.New("we_"),
            Url = url,
            EnabledEvents = events,
            Description = description,
            Secret = secret,
            CreatedAt = now,
            FromConfiguration = fromConfiguration,
        };
        state.WebhookEndpoints[endpoint.Id] = state.Track(endpoint.Id, endpoint);
        return endpoint;
    }
}
