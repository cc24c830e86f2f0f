using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ModularPayments.EventStore.Tests.Skipping;

/// <summary>
/// A contract test that cannot run here. The reason is the skip reason and also part of the display name, because
/// <c>dotnet test</c> at its default verbosity prints skipped tests by name only.
/// </summary>
public sealed class SkippedContractTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedContractTestCase()
    {
    }

    public SkippedContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod) =>
        _reason = reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("ContractSkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _reason = data.GetValue<string>("ContractSkipReason");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        $"{base.GetDisplayName(factAttribute, displayName)} [{_reason}]";
}
