using FsCheck;
using FsCheck.Fluent;
using ModularPayments.BuildingBlocks.EventSourcing;

namespace ModularPayments.UnitTests.BuildingBlocks;

public class DeterministicGuidTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void Matches_the_rfc_9562_uuidv5_test_vector() =>
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicGuid.Create(DnsNamespace, "www.example.com"));

    [Fact]
    public void Uses_the_modularpayments_namespace_by_default()
    {
        // Independently computed with Python's uuid.uuid5(UUID("5f3c0a8e-7d1b-4c52-9a9e-2b6f7e1d4c30"), "customers/register/abc").
        Assert.Equal(new Guid("fef02e47-ff69-5250-9179-1e74298467f5"), DeterministicGuid.Create("customers/register/abc"));
        Assert.Equal(DeterministicGuid.Create(DeterministicGuid.ModularPaymentsNamespace, "x"), DeterministicGuid.Create("x"));
    }

    [Fact]
    public void Same_name_same_guid_and_different_names_differ()
    {
        Assert.Equal(DeterministicGuid.Create("a|0|key"), DeterministicGuid.Create("a|0|key"));
        Assert.NotEqual(DeterministicGuid.Create("a|0|key"), DeterministicGuid.Create("a|1|key"));
        Assert.NotEqual(DeterministicGuid.Create("key"), DeterministicGuid.Create("Key"));
        Assert.NotEqual(DeterministicGuid.Create(DnsNamespace, "key"), DeterministicGuid.Create("key"));
    }

    [Fact]
    public void Every_guid_is_version_5_with_the_rfc_variant() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), name =>
        {
            var text = DeterministicGuid.Create(name.Get).ToString("D");
            return text[14] == '5' && "89ab".Contains(text[19], StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Is_a_function_of_the_name() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), ArbMap.Default.ArbFor<NonNull<string>>(), (a, b) =>
            (DeterministicGuid.Create(a.Get) == DeterministicGuid.Create(b.Get)) == (a.Get == b.Get))
        .QuickCheckThrowOnFailure();
}
