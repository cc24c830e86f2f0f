using ModularPayments.Fintoc.Http;
using ModularPayments.Fintoc.Resources;
using Refit;

namespace ModularPayments.Fintoc.Endpoints;

// Fintoc's v2 resources as Refit declares them. Authentication, version, retries and error mapping are the handlers'
// job (FintocServiceCollectionExtensions); list methods answer the raw page so its Link header can be followed.

internal interface ICustomersApi
{
    [Post("/v2/customers")]
    Task<FintocCustomer> CreateAsync([Body] CreateCustomerRequest request, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);

    [Get("/v2/customers/{id}")]
    Task<FintocCustomer> GetAsync(string id, CancellationToken cancellationToken);

    [Get("/v2/customers")]
    Task<HttpResponseMessage> ListAsync([Query] ListCustomersRequest filter, CancellationToken cancellationToken);

    [Get("")]
    Task<HttpResponseMessage> NextPageAsync([Url] Uri link, CancellationToken cancellationToken);
}

internal interface ICheckoutSessionsApi
{
    [Post("/v2/checkout_sessions")]
    Task<FintocCheckoutSession> CreateAsync([Body] CreateCheckoutSessionRequest request, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);

    [Get("/v2/checkout_sessions/{id}")]
    Task<FintocCheckoutSession> GetAsync(string id, CancellationToken cancellationToken);

    [Post("/v2/checkout_sessions/{id}/expire")]
    Task<FintocCheckoutSession> ExpireAsync(string id, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);
}

internal interface IPaymentMethodsApi
{
    [Get("/v2/payment_methods/{id}")]
    Task<FintocPaymentMethod> GetAsync(string id, CancellationToken cancellationToken);

    [Get("/v2/payment_methods")]
    Task<HttpResponseMessage> ListAsync(string? customer, int? limit, CancellationToken cancellationToken);

    [Get("")]
    Task<HttpResponseMessage> NextPageAsync([Url] Uri link, CancellationToken cancellationToken);
}

internal interface IPaymentIntentsApi
{
    [Post("/v2/payment_intents")]
    Task<FintocPaymentIntent> CreateAsync([Body] CreatePaymentIntentRequest request, [Header(FintocHeaders.IdempotencyKey)] string idempotencyKey, CancellationToken cancellationToken);

    [Get("/v2/payment_intents/{id}")]
    Task<FintocPaymentIntent> GetAsync(string id, CancellationToken cancellationToken);

    [Get("/v2/payment_intents")]
    Task<HttpResponseMessage> ListAsync(string? status, int? limit, CancellationToken cancellationToken);

    [Get("")]
    Task<HttpResponseMessage> NextPageAsync([Url] Uri link, CancellationToken cancellationToken);
}
