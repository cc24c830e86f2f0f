using Xunit.Abstractions;
using Xunit.Sdk;

namespace ModularPayments.EventStore.Tests.Skipping;

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _inner = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ContractSkip.ReasonFor(testMethod) is { } reason
            ? [ContractSkip.SkippedCase(diagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : _inner.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class ContractTheoryDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _inner = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ContractSkip.ReasonFor(testMethod) is { } reason
            ? [ContractSkip.SkippedCase(diagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : _inner.Discover(discoveryOptions, testMethod, factAttribute);
}

internal static class ContractSkip
{
    /// <summary>Why <paramref name="testMethod"/> cannot run for its concrete test class, or null when it runs.</summary>
    public static string? ReasonFor(ITestMethod testMethod)
    {
        var testClass = testMethod.TestClass.Class;
        foreach (var requirement in testClass.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute).AssemblyQualifiedName))
        {
            var variable = requirement.GetNamedArgument<string>(nameof(RequiresEnvironmentVariableAttribute.Name));
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
            {
                return requirement.GetNamedArgument<string>(nameof(RequiresEnvironmentVariableAttribute.Reason));
            }
        }

        foreach (var exemption in testClass.GetCustomAttributes(typeof(ContractExemptionAttribute).AssemblyQualifiedName))
        {
            if (exemption.GetNamedArgument<string>(nameof(ContractExemptionAttribute.TestName)) == testMethod.Method.Name)
            {
                return exemption.GetNamedArgument<string>(nameof(ContractExemptionAttribute.Reason));
            }
        }

        return null;
    }

    public static IXunitTestCase SkippedCase(IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, string reason) =>
        new SkippedContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
}
