using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.Charges.Application;

namespace ModularPayments.Modules.Charges.Infrastructure;

internal sealed class SqliteChargeReadModel(ReadModelDatabase database) : IChargeReadModel
{
    private const string Columns = """
        id, kind, customer_id, payment_method_id, subscription_id, amount, currency, description, metadata, status, fintoc_id,
        failure_reason, mismatch_fields, mismatch_detail, mismatch_fintoc_id, mismatch_event_id, mismatch_detected_at,
        created_at, submitted_at, settled_at, updated_at
        """;

    public async Task<ChargePage?> ListAsync(ChargeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return filter.StartingAfter is null ? new ChargePage([], false) : null;
        }

        await using var command = connection.CreateCommand();
        var query = new NewestFirstQuery(command, "charges", Columns).After(filter.StartingAfter);
        if (filter.CustomerId is { } customerId)
        {
            query.Where("customer_id = $customer_id", "$customer_id", customerId.ToString("D"));
        }

        if (filter.PaymentMethodId is { } methodId)
        {
            query.Where("payment_method_id = $payment_method_id", "$payment_method_id", methodId.ToString("D"));
        }

        if (filter.Status is not null)
        {
            query.Where("status = $status", "$status", filter.Status);
        }

        if (filter.CreatedAfter is { } after)
        {
            query.Where("created_at > $created_after", "$created_after", ChargesProjection.Timestamp(after));
        }

        if (filter.CreatedBefore is { } before)
        {
            query.Where("created_at < $created_before", "$created_before", ChargesProjection.Timestamp(before));
        }

        return await query.ReadAsync(filter.Limit, Read, cancellationToken) is { } page ? new ChargePage(page.Rows, page.HasMore) : null;
    }

    public async Task<ChargePage> ListMismatchesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return new ChargePage([], false);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM charges WHERE mismatch_fields IS NOT NULL ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit + 1);
        var charges = await ReadAllAsync(command, cancellationToken);
        var hasMore = charges.Count > limit;
        return new ChargePage(hasMore ? charges[..limit] : charges, hasMore);
    }

    public async Task<IReadOnlyList<StaleCharge>> ListStalePendingAsync(DateTimeOffset before, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        // Timestamps are UTC ISO 8601 of one fixed format, so text order is time order.
        command.CommandText = """
            SELECT id, seq FROM charges
            WHERE status = 'pending' AND mismatch_fields IS NULL AND COALESCE(submitted_at, created_at) < $before AND seq > $after
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$before", ChargesProjection.Timestamp(before));
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        var charges = new List<StaleCharge>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            charges.Add(new StaleCharge(Guid.Parse(reader.GetString(0)), reader.GetInt64(1)));
        }

        return charges;
    }

    private static async Task<List<ChargeDto>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var charges = new List<ChargeDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            charges.Add(Read(reader));
        }

        return charges;
    }

    private Task<SqliteConnection?> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenForReadingAsync(ChargesProjection.ProjectionName, "charges", cancellationToken);

    private static ChargeDto Read(SqliteDataReader reader)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        DateTimeOffset? Time(int ordinal) => Text(ordinal) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

        var mismatchFields = Text(12);
        return new ChargeDto(
            Guid.Parse(reader.GetString(0)),
            reader.GetString(1),
            Guid.Parse(reader.GetString(2)),
            Text(3) is { } methodId ? Guid.Parse(methodId) : null,
            Text(4),
            reader.GetInt64(5),
            reader.GetString(6),
            Text(7),
            JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
            reader.GetString(9),
            Text(10),
            Text(11),
            mismatchFields is null ? null : new ChargeMismatchDto(mismatchFields.Split(','), Text(13)!, Text(14)!, Text(15), Time(16)!.Value),
            Time(17)!.Value,
            Time(18),
            Time(19),
            Time(20)!.Value);
    }
}
