using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

public sealed record PaymentMethodState : AggregateState<PaymentMethodState>
{
    public Guid Id { get; init; }

    public string FintocPaymentMethodId { get; init; } = string.Empty;

    public PaymentMethodStatus Status { get; init; }

    public Guid? SetupSessionId { get; init; }

    public Guid? CustomerId { get; init; }

    public string? FintocCustomerId { get; init; }

    public string? Type { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public DateTimeOffset? CanceledAt { get; init; }

    public override PaymentMethodState When(IDomainEvent domainEvent) => domainEvent switch
    {
        PaymentMethodRecorded recorded => this with
        {
            Id = recorded.PaymentMethodId,
            FintocPaymentMethodId = recorded.FintocPaymentMethodId,
            Status = Status == PaymentMethodStatus.None ? PaymentMethodStatus.Pending : Status,
            SetupSessionId = recorded.SetupSessionId,
            CustomerId = recorded.CustomerId,
            FintocCustomerId = recorded.FintocCustomerId ?? FintocCustomerId,
        },
        PaymentMethodActivated activated => this with
        {
            Id = activated.PaymentMethodId,
            FintocPaymentMethodId = activated.FintocPaymentMethodId,
            Status = PaymentMethodStatus.Active,
            Type = activated.Type,
            CustomerId = CustomerId ?? activated.CustomerId,
            FintocCustomerId = FintocCustomerId ?? activated.FintocCustomerId,
            ActivatedAt = activated.ActivatedAt,
        },
        PaymentMethodCanceled canceled => this with
        {
            Id = canceled.PaymentMethodId,
            FintocPaymentMethodId = canceled.FintocPaymentMethodId,
            Status = PaymentMethodStatus.Canceled,
            CustomerId = CustomerId ?? canceled.CustomerId,
            FintocCustomerId = FintocCustomerId ?? canceled.FintocCustomerId,
            CanceledAt = canceled.CanceledAt,
        },
        _ => this,
    };
}
