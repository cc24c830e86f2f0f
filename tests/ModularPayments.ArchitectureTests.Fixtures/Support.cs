// Non-module fixture code: the Fintoc layer, the host, shared code and an event-store adapter.
namespace Fixtures
{
    /// <summary>Lets the tests find this assembly.</summary>
    public static class FixtureMarker
    {
    }
}

namespace Fixtures.Fintoc
{
    public sealed record FintocCustomerDto(string Id);
}

namespace Fixtures.Api
{
    using Fixtures.Fintoc;

    /// <summary>GOOD: the host may reference Fintoc.</summary>
    public static class Host
    {
        public static string Describe(FintocCustomerDto dto) => dto.Id;
    }
}

namespace Fixtures.Shared
{
    using Fixtures.Fintoc;

    /// <summary>BAD (rule 4, shared code): shared code must not reference Fintoc.</summary>
    public static class SharedHelper
    {
        public static string Leak(FintocCustomerDto dto) => dto.Id;
    }

    /// <summary>GOOD.</summary>
    public static class CleanShared
    {
        public static long Add(long a, long b) => a + b;
    }
}

namespace Fixtures.EventStore
{
    /// <summary>An event-store adapter Application must not see.</summary>
    public sealed class FakeAdapter
    {
        public int Count { get; set; }
    }
}
