using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.Customers.Application;

namespace ModularPayments.Modules.Customers.Infrastructure;

internal sealed class SqliteCustomerReadModel(ReadModelDatabase database) : ICustomerReadModel
{
    private const string Columns = "id, seq, name, email, tax_id_type, tax_id_value, metadata, created_at, fintoc_customer_id";

    public async Task<CustomerDto?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM customers WHERE id = $id";
        command.Parameters.AddWithValue("$id", customerId.ToString("D"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<CustomerPage?> ListAsync(CustomerFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return filter.StartingAfter is null ? new CustomerPage([], false) : null;
        }

        await using var command = connection.CreateCommand();
        var query = new NewestFirstQuery(command, "customers", Columns).After(filter.StartingAfter);
        if (filter.TaxIdValue is not null)
        {
            query.Where("tax_id_value = $tax_id", "$tax_id", filter.TaxIdValue);
        }

        if (filter.Email is not null)
        {
            query.Where("email = $email", "$email", filter.Email);
        }

        return await query.ReadAsync(filter.Limit, Read, cancellationToken) is { } page ? new CustomerPage(page.Rows, page.HasMore) : null;
    }

    public async Task<Guid?> FindIdByFintocCustomerIdAsync(string fintocCustomerId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM customers WHERE fintoc_customer_id = $fintoc";
        command.Parameters.AddWithValue("$fintoc", fintocCustomerId);
        return await command.ExecuteScalarAsync(cancellationToken) is string id ? Guid.Parse(id) : null;
    }

    private Task<SqliteConnection?> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenForReadingAsync(CustomersProjection.ProjectionName, "customers", cancellationToken);

    private static CustomerDto Read(SqliteDataReader reader)
    {
        var taxIdType = reader.IsDBNull(4) ? null : reader.GetString(4);
        var taxIdValue = reader.IsDBNull(5) ? null : reader.GetString(5);
        return new CustomerDto(
            Guid.Parse(reader.GetString(0)),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            taxIdType is null || taxIdValue is null ? null : new TaxIdDto(taxIdType, taxIdValue),
            JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6), JsonDefaults.Events) ?? [],
            DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.IsDBNull(8) ? null : reader.GetString(8));
    }
}
