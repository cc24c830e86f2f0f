using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.Mandates.Application;

namespace ModularPayments.Modules.Mandates.Infrastructure;

internal sealed class SqliteMandateReadModel(ReadModelDatabase database) : IMandateReadModel
{
    public async Task<NewestFirstPage<Guid>?> ListAsync(Guid? customerId, string? status, int limit, Guid? startingAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(MandatesProjection.ProjectionName, "mandates", cancellationToken);
        if (connection is null)
        {
            return startingAfter is null ? new NewestFirstPage<Guid>([], false) : null;
        }

        await using var command = connection.CreateCommand();
        var query = new NewestFirstQuery(command, "mandates", "id").After(startingAfter);
        if (customerId is { } customer)
        {
            query.Where("customer_id = $customer_id", "$customer_id", customer.ToString("D"));
        }

        if (status is not null)
        {
            query.Where("status = $status", "$status", status);
        }

        return await query.ReadAsync(limit, reader => Guid.Parse(reader.GetString(0)), cancellationToken);
    }

    public Task<IReadOnlyList<Guid>> ListByPaymentMethodAsync(Guid paymentMethodId, CancellationToken cancellationToken) =>
        IdsAsync("SELECT id FROM mandates WHERE payment_method_id = $method", [("$method", paymentMethodId.ToString("D"))], cancellationToken);

    public Task<IReadOnlyList<Guid>> PageDueAsync(DateTimeOffset now, Guid? after, int limit, CancellationToken cancellationToken) =>
        IdsAsync(
            "SELECT id FROM mandates WHERE status = 'active' AND next_charge_at IS NOT NULL AND next_charge_at <= $now AND id > $after ORDER BY id LIMIT $limit",
            [("$now", MandatesProjection.Timestamp(now)), ("$after", after?.ToString("D") ?? string.Empty), ("$limit", limit)],
            cancellationToken);

    public async Task<int> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(MandatesProjection.ProjectionName, "mandates", cancellationToken);
        if (connection is null)
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM mandates WHERE status = 'active' AND next_charge_at IS NOT NULL AND next_charge_at <= $now";
        command.Parameters.AddWithValue("$now", MandatesProjection.Timestamp(now));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<BillingDay>> BillingDaysAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(MandatesProjection.ProjectionName, "billing_days", cancellationToken);
        if (connection is null)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, due, submitted, retried, succeeded, failed FROM billing_days ORDER BY day DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var days = new List<BillingDay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new BillingDay(DateOnly.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }

        return days;
    }

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(MandatesProjection.ProjectionName, "mandates", cancellationToken);
        if (connection is null)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }
}
