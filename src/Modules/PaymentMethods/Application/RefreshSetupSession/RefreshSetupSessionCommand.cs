using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.RefreshSetupSession;

/// <summary>
/// Re-reads the session (and the method it saved) from Fintoc and applies what changed, so a merchant's success page
/// can settle the outcome when a webhook is late or lost.
/// </summary>
public sealed record RefreshSetupSessionCommand(Guid SetupSessionId) : ICommand<SetupSessionDto>;
