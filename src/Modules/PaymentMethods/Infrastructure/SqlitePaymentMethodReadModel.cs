using System.Globalization;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.PaymentMethods.Application;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure;

internal sealed class SqlitePaymentMethodReadModel(ReadModelDatabase database) : IPaymentMethodReadModel
{
    private const string Columns = """
        id, customer_id, type, status, institution_id, institution_name, institution_country, account_type, account_last4,
        card_brand, card_last4, fintoc_payment_method_id, fintoc_customer_id, setup_session_id, created_at, activated_at,
        canceled_at, updated_at
        """;

    public async Task<PaymentMethodDto?> FindAsync(Guid paymentMethodId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM payment_methods WHERE id = $id";
        command.Parameters.AddWithValue("$id", paymentMethodId.ToString("D"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<PaymentMethodPage?> ListAsync(PaymentMethodFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return filter.StartingAfter is null ? new PaymentMethodPage([], false) : null;
        }

        await using var command = connection.CreateCommand();
        var query = new NewestFirstQuery(command, "payment_methods", Columns).After(filter.StartingAfter);
        if (filter.CustomerId is { } customerId)
        {
            query.Where("customer_id = $customer_id", "$customer_id", customerId.ToString("D"));
        }

        if (filter.Status is not null)
        {
            query.Where("status = $status", "$status", filter.Status);
        }

        return await query.ReadAsync(filter.Limit, Read, cancellationToken) is { } page ? new PaymentMethodPage(page.Rows, page.HasMore) : null;
    }

    private Task<SqliteConnection?> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenForReadingAsync(PaymentMethodsProjection.ProjectionName, "payment_methods", cancellationToken);

    private static PaymentMethodDto Read(SqliteDataReader reader)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        DateTimeOffset? Time(int ordinal) => Text(ordinal) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
        Guid? Id(int ordinal) => Text(ordinal) is { } text ? Guid.Parse(text) : null;

        var institutionId = Text(4);
        var institutionName = Text(5);
        var institutionCountry = Text(6);
        var cardBrand = Text(9);
        var cardLast4 = Text(10);
        return new PaymentMethodDto(
            Guid.Parse(reader.GetString(0)),
            Id(1),
            Text(2),
            reader.GetString(3),
            institutionId is null && institutionName is null && institutionCountry is null ? null : new InstitutionDto(institutionId, institutionName, institutionCountry),
            Text(7),
            Text(8),
            cardBrand is null && cardLast4 is null ? null : new CardDto(cardBrand, cardLast4),
            reader.GetString(11),
            Text(12),
            Id(13),
            Time(14)!.Value,
            Time(15),
            Time(16),
            Time(17)!.Value);
    }
}
