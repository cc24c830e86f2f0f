using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.TaxIdClaims;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.UnitTests.Customers;

public class TaxIdClaimTests
{
    private static readonly TaxId Rut = TaxId.Create("cl_rut", "12.345.678-5");
    private static readonly Guid First = new("11111111-1111-4111-8111-111111111111");
    private static readonly Guid Second = new("22222222-2222-4222-8222-222222222222");
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Claim_records_who_claimed_which_tax_id_and_when()
    {
        var claim = new TaxIdClaim();
        claim.Claim(Rut, First, T0);

        var claimed = Assert.IsType<TaxIdClaimed>(Assert.Single(claim.Changes));
        Assert.Equal(new TaxIdClaimed("cl_rut", "123456785", First, T0), claimed);
        Assert.True(claim.State.IsClaimed);
        Assert.Equal(First, claim.State.CustomerId);
        Assert.Equal(T0, claim.State.ClaimedAt);
    }

    [Fact]
    public void Claiming_twice_is_refused()
    {
        var claim = new TaxIdClaim();
        claim.Claim(Rut, First, T0);
        var violation = Assert.Throws<DomainRuleViolation>(() => claim.Claim(Rut, Second, T0));
        Assert.Equal("tax_id_already_claimed", violation.Code);
        Assert.Equal("tax_id.value", violation.Field);
        Assert.Single(claim.Changes);
        Assert.Equal(First, claim.State.CustomerId);
    }

    [Fact]
    public void Claiming_a_loaded_claim_is_refused()
    {
        var claim = new TaxIdClaim();
        claim.Load(0, [new TaxIdClaimed("cl_rut", "123456785", First, T0)]);
        Assert.Throws<DomainRuleViolation>(() => claim.Claim(Rut, Second, T0.AddDays(1)));
    }

    [Theory]
    [InlineData(false, 30_000, true)]
    [InlineData(false, 3_600_000, true)]
    [InlineData(false, 29_999, false)]
    [InlineData(false, 0, false)]
    [InlineData(true, 30_000, false)]
    [InlineData(true, 3_600_000, false)]
    public void CanBeReassigned_only_when_the_claimant_is_missing_and_30_seconds_passed(bool claimantExists, int elapsedMs, bool expected)
    {
        var claim = new TaxIdClaim();
        claim.Load(0, [new TaxIdClaimed("cl_rut", "123456785", First, T0)]);
        Assert.Equal(expected, claim.CanBeReassigned(claimantExists, T0.AddMilliseconds(elapsedMs)));
    }

    [Fact]
    public void An_unclaimed_tax_id_is_not_reassignable() =>
        Assert.False(new TaxIdClaim().CanBeReassigned(claimantExists: false, T0.AddYears(1)));

    [Fact]
    public void ReassignAbandoned_moves_the_claim_and_restarts_its_clock()
    {
        var claim = new TaxIdClaim();
        claim.Load(0, [new TaxIdClaimed("cl_rut", "123456785", First, T0)]);
        var now = T0.AddMinutes(5);
        claim.ReassignAbandoned(Rut, Second, claimantExists: false, now);

        var reassigned = Assert.IsType<TaxIdClaimReassigned>(Assert.Single(claim.Changes));
        Assert.Equal(new TaxIdClaimReassigned("cl_rut", "123456785", First, Second, now), reassigned);
        Assert.Equal(Second, claim.State.CustomerId);
        Assert.Equal(now, claim.State.ClaimedAt);
        Assert.False(claim.CanBeReassigned(claimantExists: false, now.AddSeconds(29)));
    }

    [Fact]
    public void ReassignAbandoned_is_refused_when_not_allowed()
    {
        var claim = new TaxIdClaim();
        claim.Load(0, [new TaxIdClaimed("cl_rut", "123456785", First, T0)]);
        Assert.Equal("tax_id.value", Assert.Throws<DomainRuleViolation>(() => claim.ReassignAbandoned(Rut, Second, claimantExists: true, T0.AddHours(1))).Field);
        Assert.Throws<DomainRuleViolation>(() => claim.ReassignAbandoned(Rut, Second, claimantExists: false, T0.AddSeconds(10)));
        Assert.Empty(claim.Changes);
        Assert.Equal(First, claim.State.CustomerId);
    }

    [Fact]
    public void Load_folds_claim_then_reassignment_in_order()
    {
        var claim = new TaxIdClaim();
        claim.Load(1, [
            new TaxIdClaimed("cl_rut", "123456785", First, T0),
            new TaxIdClaimReassigned("cl_rut", "123456785", First, Second, T0.AddMinutes(1)),
        ]);
        Assert.Equal(1, claim.OriginalRevision);
        Assert.Equal(Second, claim.State.CustomerId);
        Assert.Equal(T0.AddMinutes(1), claim.State.ClaimedAt);
    }
}
