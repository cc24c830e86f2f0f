using ModularPayments.Fintoc.Http;
using ModularPayments.Fintoc.Resources;
using Refit;

namespace ModularPayments.Fintoc.Endpoints;

// Fintoc's v1 resources (legacy direct debit and webhook endpoints), declared as in FintocV2Api.cs.

internal interface ISubscriptionIntentsApi
{
    [Post("/v1/subscription_intents")]
    Task<FintocSubscriptionIntent> CreateAsync([Body] CreateSubscriptionIntentRequest request, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);

    [Get("/v1/subscription_intents/{id}")]
    Task<FintocSubscriptionIntent> GetAsync(string id, CancellationToken cancellationToken);
}

internal interface ISubscriptionsApi
{
    [Get("/v1/subscriptions/{id}")]
    Task<FintocSubscription> GetAsync(string id, CancellationToken cancellationToken);

    [Get("/v1/subscriptions")]
    Task<HttpResponseMessage> ListAsync(string? status, CancellationToken cancellationToken);

    [Get("")]
    Task<HttpResponseMessage> NextPageAsync([Url] Uri link, CancellationToken cancellationToken);
}

internal interface IChargesApi
{
    [Post("/v1/charges")]
    Task<FintocCharge> CreateAsync([Body] CreateChargeRequest request, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);

    [Get("/v1/charges/{id}")]
    Task<FintocCharge> GetAsync(string id, CancellationToken cancellationToken);

    [Get("/v1/charges")]
    Task<HttpResponseMessage> ListAsync([Query] ListChargesRequest filter, CancellationToken cancellationToken);

    [Get("")]
    Task<HttpResponseMessage> NextPageAsync([Url] Uri link, CancellationToken cancellationToken);
}

internal interface IWebhookEndpointsApi
{
    [Post("/v1/webhook_endpoints")]
    Task<FintocWebhookEndpoint> CreateAsync([Body] CreateWebhookEndpointRequest request, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);

    [Get("/v1/webhook_endpoints")]
    Task<HttpResponseMessage> ListAsync(CancellationToken cancellationToken);

    [Get("")]
    Task<HttpResponseMessage> NextPageAsync([Url] Uri link, CancellationToken cancellationToken);

    [Delete("/v1/webhook_endpoints/{id}")]
    Task<FintocWebhookEndpoint> DeleteAsync(string id, CancellationToken cancellationToken);
}
