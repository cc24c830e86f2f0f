using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.PaymentMethods.Application.ExpireSetupSession;

/// <summary>Fintoc's <c>checkout_session.expired</c>: the payer did not complete it; the customer may start another.</summary>
public sealed record ExpireSetupSessionCommand(
    string FintocCheckoutSessionId,
    string? Flow,
    string? SetupSessionReference,
    DateTimeOffset? OccurredAt) : ICommand<WebhookHandling>;
