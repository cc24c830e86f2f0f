using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.PaymentMethods.Application.FinishSetupSession;

/// <summary>
/// Fintoc's <c>checkout_session.finished</c>: the session is finished and the method it saved is recorded (pending
/// until Fintoc activates it). <paramref name="SetupSessionReference"/> is the <c>mp_setup_session_id</c> metadata.
/// </summary>
public sealed record FinishSetupSessionCommand(
    string FintocCheckoutSessionId,
    string? Flow,
    string? SetupSessionReference,
    string FintocPaymentMethodId,
    string? FintocCustomerId,
    DateTimeOffset? OccurredAt) : ICommand<WebhookHandling>;
