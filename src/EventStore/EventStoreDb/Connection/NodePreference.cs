namespace ModularPayments.EventStore.EventStoreDb.Connection;

/// <summary>Which cluster node should serve the calls (<c>nodePreference</c> in the connection string).</summary>
public enum NodePreference
{
    /// <summary>The leader: every call says <c>requires-leader: True</c>, and a follower answers with the leader's address.</summary>
    Leader,

    /// <summary>Any node that answers; followers forward writes to the leader themselves.</summary>
    Follower,

    /// <summary>Same as <see cref="Follower"/> for this adapter: the first reachable node serves.</summary>
    Random,

    /// <summary>Same as <see cref="Follower"/> for this adapter: the first reachable node serves.</summary>
    ReadOnlyReplica,
}
