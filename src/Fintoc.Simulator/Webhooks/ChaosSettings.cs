namespace ModularPayments.Fintoc.Simulator.Webhooks;

/// <summary>Failure modes Fintoc documents or users get burned by, switched on by tests (PUT /test-helpers/chaos).</summary>
public sealed record ChaosSettings(
    bool DuplicateDeliveries = false,
    bool ReorderDeliveries = false,
    int DeliveryDelaySeconds = 0,
    bool DropFirstAttempt = false,
    int TimeoutAfterCommit = 0);

/// <summary>The current chaos settings, and the countdown of API calls still to be answered with a timeout.</summary>
public sealed class Chaos
{
    private readonly Lock _gate = new();
    private ChaosSettings _settings = new();

    public ChaosSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public void Set(ChaosSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
        }
    }

    /// <summary>True when this committed API call must be answered with a dropped connection; counts down.</summary>
    public bool TakeTimeoutAfterCommit()
    {
        lock (_gate)
        {
            if (_settings.TimeoutAfterCommit <= 0)
            {
                return false;
            }

            _settings = _settings with { TimeoutAfterCommit = _settings.TimeoutAfterCommit - 1 };
            return true;
        }
    }
}
