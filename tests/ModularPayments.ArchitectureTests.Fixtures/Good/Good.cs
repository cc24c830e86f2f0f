// A clean module: every rule must pass over these types.
namespace Fixtures.Modules.Good.Domain
{
    using Ardalis.GuardClauses;
    using ModularPayments.BuildingBlocks.Domain;

    [EventType("good.order_placed")]
    public sealed record OrderPlaced(Guid OrderId, long AmountMinor, string Currency, DateTimeOffset PlacedAt, IReadOnlyList<string> Tags) : IDomainEvent;

    [EventType("good.order_cancelled")]
    public sealed record OrderCancelled(Guid OrderId, string? Reason, DateTimeOffset CancelledAt) : IDomainEvent;

    public sealed record OrderState : AggregateState<OrderState>
    {
        public bool Placed { get; init; }

        public override OrderState When(IDomainEvent domainEvent) => domainEvent switch
        {
            OrderPlaced => this with { Placed = true },
            OrderCancelled => this with { Placed = false },
            _ => this,
        };
    }

    /// <summary>Source-generated code ([GeneratedRegex]) must not trip the Domain rules.</summary>
    public static partial class OrderCode
    {
        public static bool IsValid(string value) => Pattern().IsMatch(value);

        [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{3}-[0-9]{4}$")]
        private static partial System.Text.RegularExpressions.Regex Pattern();
    }

    public sealed class Order : Aggregate<OrderState>
    {
        /// <summary>Time and id are passed in.</summary>
        public void Place(Guid orderId, Money amount, DateTimeOffset now, IEnumerable<string> tags)
        {
            ArgumentNullException.ThrowIfNull(amount);
            Guard.Against.NotPositive(amount.MinorUnits, "amount");
            var normalised = tags.Select(t => t.ToUpperInvariant()).Where(t => t.Length > 0).ToList();
            Apply(new OrderPlaced(orderId, amount.MinorUnits, amount.Currency.Code, now, normalised));
        }
    }
}

namespace Fixtures.Modules.Good.Application
{
    using Fixtures.Modules.Bad.Contracts;
    using ModularPayments.BuildingBlocks.Application;

    public sealed record PlaceOrderCommand(Guid OrderId, long AmountMinor, string Currency) : ICommand<Guid>;

    internal sealed class PlaceOrderCommandHandler : ICommandHandler<PlaceOrderCommand, Guid>
    {
        public Task<Guid> Handle(PlaceOrderCommand request, CancellationToken cancellationToken) => Task.FromResult(request.OrderId);
    }

    public sealed record OrderView(Guid OrderId, long AmountMinor);

    public sealed record GetOrderQuery(Guid OrderId) : IQuery<OrderView?>;

    internal sealed class GetOrderQueryHandler : IQueryHandler<GetOrderQuery, OrderView?>
    {
        public Task<OrderView?> Handle(GetOrderQuery request, CancellationToken cancellationToken) =>
            Task.FromResult<OrderView?>(new OrderView(request.OrderId, 1));
    }

    /// <summary>GOOD: another module seen through its Contracts.</summary>
    internal sealed class CustomerRegisteredTranslator
    {
        public PlaceOrderCommand Translate(CustomerRegistered integrationEvent) => new(integrationEvent.CustomerId, 1, "CLP");
    }
}

namespace Fixtures.Modules.Good.Contracts
{
    public sealed record OrderPlacedIntegrationEvent(
        Guid OrderId,
        long AmountMinor,
        string Currency,
        DateTimeOffset PlacedAt,
        string? Note,
        long? Fee,
        bool Test,
        int Attempt,
        IReadOnlyList<string> Tags,
        IReadOnlyDictionary<string, string> Metadata);
}

namespace Fixtures.Modules.Good.Infrastructure
{
    using Fixtures.Fintoc;

    /// <summary>GOOD: Infrastructure may reference Fintoc; a double not named after money is fine outside the core.</summary>
    internal sealed class FintocOrderGateway
    {
        public string Map(FintocCustomerDto dto) => dto.Id;

        public double Scale(double ratio) => ratio * 2;
    }
}

namespace Fixtures.Modules.Good.Endpoints
{
    using Fixtures.Modules.Good.Application;

    public static class OrderEndpoints
    {
        public static PlaceOrderCommand Map(Guid orderId) => new(orderId, 1, "CLP");
    }
}
