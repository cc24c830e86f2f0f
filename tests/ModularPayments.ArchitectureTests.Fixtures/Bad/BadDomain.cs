// Planted offences in a module's Domain. Each type says which rule it breaks; the rule tests assert exactly these.
using System.Diagnostics;
using System.Text.Json;
using Fixtures.Fintoc;
using MediatR;
using ModularPayments.BuildingBlocks.Domain;

namespace Fixtures.Modules.Bad.Domain;

/// <summary>BAD (clock): reads the clock.</summary>
public static class ClockReader
{
    public static DateTime Now() => DateTime.UtcNow;
}

/// <summary>BAD (clock): makes a GUID.</summary>
public static class IdFactory
{
    public static Guid New() => Guid.NewGuid();
}

/// <summary>BAD (clock), inside a lambda: found in the compiler-generated closure class, reported against this type.</summary>
public static class LambdaTimer
{
    public static Func<long> Timer() => () => Stopwatch.GetTimestamp();
}

/// <summary>BAD (clock), in a nested internal type: NetArchTest alone would see it in no namespace, so in no layer.</summary>
public static class Outer
{
    internal static class NestedClock
    {
        public static DateTime Now() => DateTime.Now;
    }
}

/// <summary>BAD (clock), inside an async state machine; BAD (purity): Task is not in Domain's BCL subset.</summary>
public static class AsyncClock
{
    public static async Task<DateTimeOffset> LaterAsync()
    {
        await Task.Yield();
        return DateTimeOffset.Now;
    }
}

/// <summary>BAD (purity): MediatR.</summary>
public sealed class MediatorUser(IMediator mediator)
{
    public IMediator Mediator { get; } = mediator;
}

/// <summary>BAD (purity): HTTP.</summary>
public static class HttpUser
{
    public static HttpClient Create() => new();
}

/// <summary>BAD (purity): System.Text.Json.</summary>
public static class JsonUser
{
    public static string Write(long value) => JsonSerializer.Serialize(value);
}

/// <summary>BAD (purity, layering): Domain reaching into Application.</summary>
public static class LayerBreaker
{
    public static Type Target => typeof(Application.DoThing);
}

/// <summary>BAD (purity, cross-module): another module's Domain.</summary>
public static class ForeignDomainUser
{
    public static Good.Domain.Order Create() => new();
}

/// <summary>BAD (purity, Fintoc): a Fintoc DTO in Domain.</summary>
public static class FintocLeak
{
    public static string Id(FintocCustomerDto dto) => dto.Id;
}

/// <summary>BAD (floats, strict): double property, parameter and local.</summary>
public sealed class PriceCalculator
{
    public double Amount { get; init; }

    public static long Round(double value)
    {
        var scaled = value * 100;
        return (long)scaled;
    }
}

/// <summary>BAD (floats, strict): an event with a double.</summary>
[EventType("bad.price_changed")]
public sealed record PriceChanged(double Price) : IDomainEvent;

/// <summary>BAD (immutability): public setter and mutable public field.</summary>
[EventType("bad.mutable")]
public sealed class MutableEvent : IDomainEvent
{
    public int Count;

    public string Name { get; set; } = string.Empty;
}

/// <summary>BAD (event names): no [EventType].</summary>
public sealed record UnnamedEvent(Guid Id) : IDomainEvent;

/// <summary>BAD (event names): reuses Good's name.</summary>
[EventType("good.order_placed")]
public sealed record DuplicateNameEvent(Guid Id) : IDomainEvent;

/// <summary>BAD (round trip): the stored value is not the value the constructor is given.</summary>
[EventType("bad.lossy")]
public sealed record LossyEvent(string Code) : IDomainEvent
{
    public string Code { get; init; } = Code + "!";
}
