namespace ModularPayments.Modules.PaymentMethods.Application;

/// <summary>The PaymentMethods module's view of Fintoc: setup checkout sessions and the methods they save.</summary>
public interface ISetupGateway
{
    /// <summary>
    /// Creates (or, for the same <see cref="SetupCheckoutRequest.SetupSessionId"/>, finds again: the call is
    /// idempotent) the checkout session. A refusal by Fintoc is a <c>DomainRuleViolation</c> carrying Fintoc's code.
    /// </summary>
    Task<CheckoutSnapshot> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken);

    Task<CheckoutSnapshot> GetCheckoutAsync(string fintocCheckoutSessionId, CancellationToken cancellationToken);

    Task<PaymentMethodSnapshot> GetPaymentMethodAsync(string fintocPaymentMethodId, CancellationToken cancellationToken);
}

public sealed record SetupCheckoutRequest(
    Guid SetupSessionId,
    string FintocCustomerId,
    string Currency,
    IReadOnlyList<string> PaymentMethodTypes,
    string SuccessUrl,
    string CancelUrl,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>A Fintoc checkout session as this module needs it. <see cref="Status"/> is Fintoc's word (created, finished, expired).</summary>
public sealed record CheckoutSnapshot(
    string FintocCheckoutSessionId,
    string? Flow,
    string? Status,
    string? RedirectUrl,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> PaymentMethodTypes,
    string? FintocPaymentMethodId,
    string? FintocCustomerId,
    string? SetupSessionReference);

/// <summary>A Fintoc payment method with only the last four digits of its number (the gateway drops the rest).</summary>
public sealed record PaymentMethodSnapshot(
    string FintocPaymentMethodId,
    string? Type,
    string? Status,
    string? FintocCustomerId,
    string? InstitutionId,
    string? InstitutionName,
    string? InstitutionCountry,
    string? AccountType,
    string? AccountLast4,
    string? CardBrand,
    string? CardLast4);
