namespace ModularPayments.Modules.PaymentMethods.Application;

public sealed record InstitutionDto(string? Id, string? Name, string? Country);

public sealed record CardDto(string? Brand, string? Last4);

/// <summary>A saved payment method as the API shows it. <see cref="Status"/> is pending, active or canceled.</summary>
public sealed record PaymentMethodDto(
    Guid Id,
    Guid? CustomerId,
    string? Type,
    string Status,
    InstitutionDto? Institution,
    string? AccountType,
    string? AccountLast4,
    CardDto? Card,
    string FintocPaymentMethodId,
    string? FintocCustomerId,
    Guid? SetupSessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset UpdatedAt);

public sealed record PaymentMethodPage(IReadOnlyList<PaymentMethodDto> Data, bool HasMore);
