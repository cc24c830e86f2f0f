using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.Modules.Customers;
using ModularPayments.Modules.Customers.Application.ListCustomers;
using ModularPayments.Modules.Customers.Application.RegisterCustomer;

namespace ModularPayments.UnitTests.Application;

public sealed class ValidatorRegistrationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-validator-scan-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void The_scan_finds_the_internal_module_validators_once_each_as_singletons()
    {
        // The module assembly given twice must still give one validator per request type.
        var services = new ServiceCollection().AddBuildingBlocks(_dataDirectory, CustomersModule.Assembly, CustomersModule.Assembly);

        var validators = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>))
            .ToList();

        Assert.Equal(2, validators.Count);
        Assert.Contains(validators, d => d.ServiceType == typeof(IValidator<RegisterCustomerCommand>) && d.ImplementationType == typeof(RegisterCustomerCommandValidator));
        Assert.Contains(validators, d => d.ServiceType == typeof(IValidator<ListCustomersQuery>) && d.ImplementationType == typeof(ListCustomersQueryValidator));
        Assert.All(validators, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }
}
