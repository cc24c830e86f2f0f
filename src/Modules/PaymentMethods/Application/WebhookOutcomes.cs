using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Domain;

namespace ModularPayments.Modules.PaymentMethods.Application;

internal static class WebhookOutcomes
{
    public static WebhookHandling ToHandling(this Transition transition, string subject) => transition switch
    {
        Transition.Applied => WebhookHandling.Applied(subject),
        Transition.AlreadyApplied => WebhookHandling.AlreadyApplied(subject),
        _ => WebhookHandling.Stale($"{subject}: already moved past this state"),
    };

    /// <summary>Of two steps, the outcome that says most: anything applied wins, then stale, then already applied.</summary>
    public static Transition Combine(Transition first, Transition second) =>
        first == Transition.Applied || second == Transition.Applied ? Transition.Applied
        : first == Transition.Stale || second == Transition.Stale ? Transition.Stale
        : Transition.AlreadyApplied;
}
