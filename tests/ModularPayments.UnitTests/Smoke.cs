using FsCheck;
using FsCheck.Fluent;

namespace ModularPayments.UnitTests;

public class Smoke
{
    [Fact]
    public void Works() =>
        Prop.ForAll(Gen.Choose(1, 100).ToArbitrary(), x => x > 0).QuickCheckThrowOnFailure();
}
