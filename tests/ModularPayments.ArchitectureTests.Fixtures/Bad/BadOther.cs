// Planted offences in a module's Application, Contracts, Infrastructure and Endpoints.
namespace Fixtures.Modules.Bad.Application
{
    using Fixtures.EventStore;
    using Fixtures.Fintoc;
    using Fixtures.Modules.Bad.Endpoints;
    using Fixtures.Modules.Bad.Infrastructure;
    using Microsoft.Data.Sqlite;
    using ModularPayments.BuildingBlocks.Application;

    /// <summary>BAD (naming): a command not ending in Command.</summary>
    public sealed record DoThing(long Value) : ICommand<long>;

    internal sealed class DoThingHandler : ICommandHandler<DoThing, long>
    {
        public Task<long> Handle(DoThing request, CancellationToken cancellationToken) => Task.FromResult(request.Value);
    }

    /// <summary>BAD (immutability): a command with a public setter.</summary>
    public sealed class RenameCommand : ICommand<bool>
    {
        public string NewName { get; set; } = string.Empty;
    }

    /// <summary>BAD (naming): public and not sealed.</summary>
    public class RenameCommandHandler : ICommandHandler<RenameCommand, bool>
    {
        public Task<bool> Handle(RenameCommand request, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    /// <summary>BAD (one handler): none.</summary>
    public sealed record OrphanCommand(Guid Id) : ICommand<bool>;

    /// <summary>BAD (one handler): two.</summary>
    public sealed record TwiceQuery(Guid Id) : IQuery<int>;

    internal sealed class TwiceQueryHandler : IQueryHandler<TwiceQuery, int>
    {
        public Task<int> Handle(TwiceQuery request, CancellationToken cancellationToken) => Task.FromResult(1);
    }

    internal sealed class TwiceQueryOtherHandler : IQueryHandler<TwiceQuery, int>
    {
        public Task<int> Handle(TwiceQuery request, CancellationToken cancellationToken) => Task.FromResult(2);
    }

    /// <summary>BAD (naming): a query not ending in Query, handled by a handler not ending in Handler.</summary>
    public sealed record ListStuff(int Page) : IQuery<int>;

    internal sealed class ListStuffProcessor : IQueryHandler<ListStuff, int>
    {
        public Task<int> Handle(ListStuff request, CancellationToken cancellationToken) => Task.FromResult(request.Page);
    }

    /// <summary>BAD (application): SQLite.</summary>
    public static class SqliteUsingService
    {
        public static SqliteConnection Open() => new("Data Source=:memory:");
    }

    /// <summary>BAD (application): module Infrastructure.</summary>
    public static class InfrastructureUser
    {
        public static BadRepository Create() => new();
    }

    /// <summary>BAD (application, layering): module Endpoints.</summary>
    public static class EndpointUser
    {
        public static string Route() => BadEndpoints.Route;
    }

    /// <summary>BAD (application): an event-store adapter.</summary>
    public static class AdapterUser
    {
        public static FakeAdapter Create() => new();
    }

    /// <summary>BAD (application, Fintoc).</summary>
    public static class FintocApplicationUser
    {
        public static string Id(FintocCustomerDto dto) => dto.Id;
    }

    /// <summary>BAD (application): ASP.NET.</summary>
    public static class AspNetUser
    {
        public static Microsoft.AspNetCore.Http.IResult? Nothing() => null;
    }

    /// <summary>BAD (cross-module): another module's Domain from Application.</summary>
    public static class CrossModuleUser
    {
        public static Good.Domain.Order Create() => new();
    }

    /// <summary>GOOD: another module's Contracts.</summary>
    public static class ContractsUser
    {
        public static Guid Id(Good.Contracts.OrderPlacedIntegrationEvent e) => e.OrderId;
    }
}

namespace Fixtures.Modules.Bad.Contracts
{
    /// <summary>GOOD.</summary>
    public sealed record CustomerRegistered(Guid CustomerId, string Email, DateTimeOffset RegisteredAt);

    /// <summary>BAD (contracts shape): not sealed.</summary>
    public record NotSealedContract(Guid Id);

    /// <summary>BAD (contracts shape): not a record.</summary>
    public sealed class ClassContract
    {
        public Guid Id { get; init; }
    }

    /// <summary>BAD (contracts shape): settable.</summary>
    public sealed record MutableContract
    {
        public string Name { get; set; } = string.Empty;
    }

    /// <summary>BAD (contracts shape): double, decimal and an enum are not contract primitives; BAD (floats, strict).</summary>
    public sealed record FloatContract(double Amount, decimal Fee, CustomerKind Kind);

    /// <summary>BAD (contracts shape): an enum is not a record.</summary>
    public enum CustomerKind
    {
        Person,
        Company,
    }

    /// <summary>BAD (contracts dependencies and shape): a Domain type in a contract.</summary>
    public sealed record LeakyContract(Guid Id, Domain.MutableEvent Event);
}

namespace Fixtures.Modules.Bad.Infrastructure
{
    using Fixtures.Fintoc;

    /// <summary>BAD (floats, by name): money-named double parameter and local. GOOD: Fintoc in Infrastructure.</summary>
    public sealed class BadRepository
    {
        public long Save(double totalFee) => (long)totalFee;

        public double Scale(double ratio)
        {
            var priceEach = ratio * 2;
            return priceEach;
        }

        public string Map(FintocCustomerDto dto) => dto.Id;
    }
}

namespace Fixtures.Modules.Bad.Endpoints
{
    using Fixtures.Fintoc;

    /// <summary>BAD (Fintoc): Endpoints are not Infrastructure.</summary>
    public static class BadEndpoints
    {
        public static string Route => "/bad";

        public static string Map(FintocCustomerDto dto) => dto.Id;
    }
}
