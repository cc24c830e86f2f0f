using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.PaymentMethods.Application.ActivatePaymentMethod;

/// <summary>Fintoc's <c>payment_method.activated</c>: the method is usable for charges.</summary>
public sealed record ActivatePaymentMethodCommand(PaymentMethodSnapshot Method, DateTimeOffset? OccurredAt) : ICommand<WebhookHandling>;
