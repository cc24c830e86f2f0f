using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application.SubmitCharge;

/// <summary>
/// Fintoc's Idempotency-Key is derived from our charge id, so every run of this handler for one charge (a retry after a
/// timeout, a restart, a second instance, the janitor) is the same call to Fintoc and finds the same object. A webhook
/// that told us the object first makes the answer a no-op; a revision conflict reruns the handler from a fresh load.
/// </summary>
internal sealed class SubmitChargeCommandHandler(IAggregateStore store, IChargeGateway gateway, TimeProvider timeProvider)
    : ICommandHandler<SubmitChargeCommand, ChargeDto>
{
    public const string Source = "submission";

    public async Task<ChargeDto> Handle(SubmitChargeCommand request, CancellationToken cancellationToken)
    {
        var stream = ChargeStreams.Charge(request.ChargeId);
        var charge = await store.LoadAsync<Charge>(stream, cancellationToken);
        if (!charge.State.Exists)
        {
            throw new NotFoundException(PublicIdKind.Charge.Resource, PublicIdKind.Charge.Format(request.ChargeId));
        }

        if (charge.State.FintocId is not null || charge.State.IsFinal)
        {
            return charge.State.ToDto();
        }

        var state = charge.State;
        FintocChargeSnapshot answer;
        try
        {
            answer = await gateway.SubmitAsync(
                new ChargeSubmission(state.Id, state.Kind, state.Amount, state.Currency, state.FintocCustomerId, state.FintocPaymentMethodId, state.SubscriptionId, MetadataFor(state)),
                cancellationToken);
        }
        catch (ChargeRefusedException refused)
        {
            charge.RefuseSubmission(refused.Code, timeProvider.GetUtcNow());
            await store.StoreAsync(stream, charge, cancellationToken: cancellationToken);
            return charge.State.ToDto();
        }

        var now = timeProvider.GetUtcNow();
        var facts = answer.ToFacts();
        charge.Reconcile(facts, Source, null, now);
        if (charge.State.FintocId == facts.FintocId)
        {
            await new ChargeLocator(store).ClaimAsync(facts.FintocId, state.Id, now, cancellationToken);
        }

        await store.StoreAsync(stream, charge, cancellationToken: cancellationToken);
        return charge.State.ToDto();
    }

    /// <summary>The merchant's metadata in a fixed (ordinal) order plus our id: byte-identical on every retry.</summary>
    public static IReadOnlyDictionary<string, string> MetadataFor(ChargeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in state.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            metadata[key] = value;
        }

        metadata[ChargeStreams.ChargeMetadataKey] = PublicIdKind.Charge.Format(state.Id);
        return metadata;
    }
}
