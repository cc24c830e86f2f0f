using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;
using ModularPayments.Modules.PaymentMethods.Infrastructure;

namespace ModularPayments.UnitTests.PaymentMethods;

public sealed class PaymentMethodsProjectionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-000000000c04");
    private static readonly Guid SessionId = Guid.Parse("0193c4a1-0000-7000-8000-000000000504");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mp-pm-projection-" + Guid.NewGuid().ToString("N"));
    private readonly ReadModelDatabase _database;
    private readonly PaymentMethodsProjection _projection = new();
    private long _position;

    public PaymentMethodsProjectionTests() => _database = new ReadModelDatabase(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task ProjectAsync(params IDomainEvent[] events)
    {
        await using var connection = await _database.OpenAsync(PaymentMethodsProjection.ProjectionName, CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        await _projection.CreateSchemaAsync(connection, transaction, CancellationToken.None);
        foreach (var domainEvent in events)
        {
            _position++;
            var record = new RecordedEvent("s", _position - 1, _position, Guid.NewGuid(), "t", [], [], T0);
            await _projection.ApplyAsync(new ProjectedEvent(domainEvent, record), connection, transaction, CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    private static PaymentMethodActivated Activated(Guid id, string fintocId, Guid? customerId) =>
        new(id, fintocId, "pac", customerId, "cus_F1", "cl_banco_estado", "BancoEstado", "cl", "checking_account", "9212", null, null, T0.AddDays(3));

    [Fact]
    public async Task An_activation_before_the_session_finished_still_shows_active_with_session_and_customer()
    {
        var id = PaymentMethodStreams.PaymentMethodIdFor("pm_1");
        await ProjectAsync(
            Activated(id, "pm_1", null),
            new PaymentMethodRecorded(id, "pm_1", SessionId, CustomerId, "cus_F1", T0.AddDays(4)));

        var method = Assert.IsType<PaymentMethodDto>(await new SqlitePaymentMethodReadModel(_database).FindAsync(id, CancellationToken.None));
        Assert.Equal("active", method.Status);
        Assert.Equal(CustomerId, method.CustomerId);
        Assert.Equal(SessionId, method.SetupSessionId);
        Assert.Equal(new InstitutionDto("cl_banco_estado", "BancoEstado", "cl"), method.Institution);
        Assert.Equal("9212", method.AccountLast4);
        Assert.Null(method.Card);
        Assert.Equal(T0.AddDays(3), method.ActivatedAt);
        Assert.Equal(T0.AddDays(4), method.UpdatedAt);
    }

    [Fact]
    public async Task Lists_newest_first_by_customer_and_status_with_a_cursor()
    {
        var first = PaymentMethodStreams.PaymentMethodIdFor("pm_a");
        var second = PaymentMethodStreams.PaymentMethodIdFor("pm_b");
        var other = PaymentMethodStreams.PaymentMethodIdFor("pm_c");
        await ProjectAsync(
            new PaymentMethodRecorded(first, "pm_a", SessionId, CustomerId, "cus_F1", T0),
            new PaymentMethodRecorded(second, "pm_b", SessionId, CustomerId, "cus_F1", T0),
            new PaymentMethodRecorded(other, "pm_c", SessionId, Guid.NewGuid(), "cus_F2", T0),
            Activated(second, "pm_b", CustomerId),
            new PaymentMethodCanceled(first, "pm_a", CustomerId, "cus_F1", T0.AddDays(9)));
        var readModel = new SqlitePaymentMethodReadModel(_database);

        var page = await readModel.ListAsync(new PaymentMethodFilter(CustomerId, null, 1, null), CancellationToken.None);
        Assert.Equal([second], page!.Data.Select(m => m.Id));
        Assert.True(page.HasMore);

        var next = await readModel.ListAsync(new PaymentMethodFilter(CustomerId, null, 1, second), CancellationToken.None);
        Assert.Equal([first], next!.Data.Select(m => m.Id));
        Assert.Equal("canceled", next.Data[0].Status);
        Assert.False(next.HasMore);

        var active = await readModel.ListAsync(new PaymentMethodFilter(null, "active", 10, null), CancellationToken.None);
        Assert.Equal([second], active!.Data.Select(m => m.Id));
        Assert.Null(await readModel.ListAsync(new PaymentMethodFilter(null, null, 10, Guid.NewGuid()), CancellationToken.None));
    }
}
