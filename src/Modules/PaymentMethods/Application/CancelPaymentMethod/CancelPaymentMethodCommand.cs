using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.PaymentMethods.Application.CancelPaymentMethod;

/// <summary>Fintoc's <c>payment_method.canceled</c>: the method is unusable for good.</summary>
public sealed record CancelPaymentMethodCommand(string FintocPaymentMethodId, string? FintocCustomerId, DateTimeOffset? OccurredAt) : ICommand<WebhookHandling>;
