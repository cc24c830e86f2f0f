using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.Fintoc.Tests;

public sealed class FintocEventEnvelopeTests
{
    [Fact]
    public void The_sdk_event_parses_with_its_data()
    {
        var parsed = FintocEventEnvelope.Parse(WebhookSignatureVerifierTests.SdkPayload);

        Assert.Equal("evt_2AaZeLCz0GjOW5zj", parsed.Id);
        Assert.Equal("payment_intent.succeeded", parsed.Type);
        Assert.Equal("test", parsed.Mode);
        Assert.Equal(new DateTimeOffset(2025, 4, 5, 21, 57, 31, 834, TimeSpan.Zero), parsed.CreatedAt);
        Assert.Equal("pi_2vKOKniSGXRhXTKrJ67VXZxGCVt", parsed.Data.GetProperty("id").GetString());
        Assert.Equal(1, parsed.Data.GetProperty("amount").GetInt64());
    }

    [Fact]
    public void An_unknown_event_type_is_not_an_error()
    {
        var parsed = FintocEventEnvelope.Parse("""{"id":"evt_1","type":"something.new","mode":"live","created_at":"2026-01-01T00:00:00Z","data":{"x":1}}""");

        Assert.Equal("something.new", parsed.Type);
    }

    [Fact]
    public void The_seed_documents_shape_without_mode_or_created_at_parses()
    {
        // Seed 000's checkout_session.finished example: no mode, no created_at at the top; customer an object,
        // payment_method a bare id.
        var parsed = FintocEventEnvelope.Parse("""{"id":"evt_a4xK32BanKWYn","object":"event","type":"checkout_session.finished","data":{"id":"cs_li5531onlFDi235","customer":{"id":"cus_NffrFeUfNV2Hib"},"payment_method":"pm_NffrFeUfNV2Hib"}}""");

        Assert.Equal("evt_a4xK32BanKWYn", parsed.Id);
        Assert.Null(parsed.Mode);
        Assert.Null(parsed.CreatedAt);
        Assert.Equal("pm_NffrFeUfNV2Hib", parsed.Data.GetProperty("payment_method").GetString());
    }

    [Theory]
    [InlineData("""{"type":"a.b","mode":"test","created_at":"2026-01-01T00:00:00Z","data":{}}""", "id")]
    [InlineData("""{"id":"evt_1","mode":"test","created_at":"2026-01-01T00:00:00Z","data":{}}""", "type")]
    [InlineData("""{"id":"evt_1","type":"a.b","mode":"test","created_at":"not a date","data":{}}""", "created_at")]
    [InlineData("""{"id":"evt_1","type":"a.b","mode":"test","created_at":"2026-01-01T00:00:00Z"}""", "data")]
    [InlineData("""{"id":"evt_1","type":"a.b","mode":"test","created_at":"2026-01-01T00:00:00Z","data":"x"}""", "data")]
    [InlineData("""{"id":7,"type":"a.b","mode":"test","created_at":"2026-01-01T00:00:00Z","data":{}}""", "id")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"id":""", "body")]
    public void A_broken_envelope_names_the_field(string body, string field)
    {
        var error = Assert.Throws<FintocEventParseException>(() => FintocEventEnvelope.Parse(body));

        Assert.Equal(field, error.Field);
    }
}
