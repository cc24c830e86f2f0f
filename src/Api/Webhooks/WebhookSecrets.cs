using System.Collections.Immutable;

namespace ModularPayments.Api.Webhooks;

/// <summary>
/// The secrets a <c>Fintoc-Signature</c> may be made with: every <c>Fintoc:WebhookSecrets</c> entry (several, so one can
/// be rotated), plus, in simulator mode, the secret of the endpoint the service registered on the simulator.
/// Never logged, never answered.
/// </summary>
public sealed class WebhookSecrets(IEnumerable<string> configured)
{
    private ImmutableArray<string> _secrets = [.. configured.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal)];

    public ImmutableArray<string> Current => _secrets;

    public void Add(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ImmutableInterlocked.Update(ref _secrets, secrets => secrets.Contains(secret) ? secrets : secrets.Add(secret));
    }
}
