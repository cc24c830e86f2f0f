using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Application;

namespace ModularPayments.Modules.PaymentMethods.Endpoints;

/// <summary>Body of <c>POST /v1/setup_sessions</c>.</summary>
public sealed record CreateSetupSessionRequest(
    string? CustomerId,
    string? Currency,
    string? SuccessUrl,
    string? CancelUrl,
    List<string>? PaymentMethodTypes,
    Dictionary<string, string>? Metadata);

/// <summary>A setup session on the wire.</summary>
public sealed record SetupSessionResponse(
    string Id,
    string Object,
    string CustomerId,
    string? FintocCheckoutSessionId,
    string FintocCustomerId,
    string Currency,
    IReadOnlyList<string> PaymentMethodTypes,
    string? RedirectUrl,
    string Status,
    string? PaymentMethodId,
    string SuccessUrl,
    string CancelUrl,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SetupSessionResponse From(SetupSessionDto session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SetupSessionResponse(
            PublicIdKind.SetupSession.Format(session.Id),
            "setup_session",
            PublicIdKind.Customer.Format(session.CustomerId),
            session.FintocCheckoutSessionId,
            session.FintocCustomerId,
            session.Currency,
            session.PaymentMethodTypes,
            session.RedirectUrl,
            session.Status,
            session.PaymentMethodId is { } methodId ? PublicIdKind.PaymentMethod.Format(methodId) : null,
            session.SuccessUrl,
            session.CancelUrl,
            session.Metadata,
            session.ExpiresAt,
            session.CreatedAt,
            session.UpdatedAt);
    }
}

public sealed record InstitutionBody(string? Id, string? Name, string? Country);

public sealed record CardBody(string? Brand, string? Last4);

/// <summary>A saved payment method on the wire: only the last 4 digits of an account or card number.</summary>
public sealed record PaymentMethodResponse(
    string Id,
    string Object,
    string? CustomerId,
    string? Type,
    string Status,
    InstitutionBody? Institution,
    string? AccountType,
    string? AccountLast4,
    CardBody? Card,
    string FintocPaymentMethodId,
    string? FintocCustomerId,
    string? SetupSessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset UpdatedAt)
{
    public static PaymentMethodResponse From(PaymentMethodDto method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new PaymentMethodResponse(
            PublicIdKind.PaymentMethod.Format(method.Id),
            "payment_method",
            method.CustomerId is { } customerId ? PublicIdKind.Customer.Format(customerId) : null,
            method.Type,
            method.Status,
            method.Institution is { } institution ? new InstitutionBody(institution.Id, institution.Name, institution.Country) : null,
            method.AccountType,
            method.AccountLast4,
            method.Card is { } card ? new CardBody(card.Brand, card.Last4) : null,
            method.FintocPaymentMethodId,
            method.FintocCustomerId,
            method.SetupSessionId is { } sessionId ? PublicIdKind.SetupSession.Format(sessionId) : null,
            method.CreatedAt,
            method.ActivatedAt,
            method.CanceledAt,
            method.UpdatedAt);
    }
}

/// <summary>A page of payment methods, newest first; pass the last id as <c>starting_after</c> for the next page.</summary>
public sealed record PaymentMethodListResponse(string Object, IReadOnlyList<PaymentMethodResponse> Data, bool HasMore);
