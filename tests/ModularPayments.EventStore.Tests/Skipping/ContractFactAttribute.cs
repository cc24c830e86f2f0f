using Xunit.Sdk;

namespace ModularPayments.EventStore.Tests.Skipping;

/// <summary>
/// A contract test: runs like [Fact], but is reported as skipped, with the reason, when the concrete test class says
/// it cannot run here (<see cref="RequiresEnvironmentVariableAttribute"/>) or that its adapter is exempt from this
/// one test (<see cref="ContractExemptionAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("ModularPayments.EventStore.Tests.Skipping.ContractFactDiscoverer", "ModularPayments.EventStore.Tests")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>The [Theory] counterpart of <see cref="ContractFactAttribute"/>: a skipped theory is one skipped test.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("ModularPayments.EventStore.Tests.Skipping.ContractTheoryDiscoverer", "ModularPayments.EventStore.Tests")]
public sealed class ContractTheoryAttribute : TheoryAttribute;

/// <summary>The contract tests of the class need the environment variable <see cref="Name"/>; without it they are skipped with <see cref="Reason"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequiresEnvironmentVariableAttribute(string name, string reason) : Attribute
{
    public string Name { get; } = name;

    public string Reason { get; } = reason;
}

/// <summary>The class's adapter cannot keep the promise tested by <see cref="TestName"/>; the test is skipped with <see cref="Reason"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ContractExemptionAttribute(string testName, string reason) : Attribute
{
    public string TestName { get; } = testName;

    public string Reason { get; } = reason;
}
