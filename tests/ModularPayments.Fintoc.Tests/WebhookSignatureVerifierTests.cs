using System.Text;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.Fintoc.Tests;

public sealed class WebhookSignatureVerifierTests
{
    /// <summary>fintoc-python tests/test_webhook.py (and fintoc-node's webhook spec): the payload with all whitespace removed.</summary>
    internal const string SdkPayload = @"{""id"":""evt_2AaZeLCz0GjOW5zj"",""type"":""payment_intent.succeeded"",""mode"":""test"",""created_at"":""2025-04-05T21:57:31.834Z"",""data"":{""id"":""pi_2vKOKniSGXRhXTKrJ67VXZxGCVt"",""mode"":""test"",""amount"":1,""object"":""payment_intent"",""status"":""succeeded"",""currency"":""MXN"",""metadata"":{},""created_at"":""2025-04-05T21:57:17Z"",""expires_at"":null,""error_reason"":null,""payment_type"":""bank_transfer"",""reference_id"":null,""widget_token"":null,""customer_email"":null,""sender_account"":{""type"":""checking_account"",""number"":""501514890244223279"",""holder_id"":""mfiu593501oe4"",""institution_id"":""mx_stp""},""business_profile"":null,""transaction_date"":null,""recipient_account"":{""type"":""checking_account"",""number"":""646180357600000000"",""holder_id"":""fsm211008hz9"",""institution_id"":""mx_stp""},""payment_type_options"":{}},""object"":""event""}";

    internal const string SdkSecret = "whsec_test_secret";
    internal const long SdkTimestamp = 1743890251;
    internal const string SdkSignature = "11b98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(SdkPayload);
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(SdkTimestamp);

    private static WebhookSignatureVerifier Verifier(DateTimeOffset now, params string[] secrets) =>
        new(secrets.Length == 0 ? [SdkSecret] : secrets, TimeSpan.FromSeconds(300), new FakeTimeProvider(now));

    [Fact]
    public void The_official_sdk_vector_is_accepted()
    {
        Assert.Equal(785, Body.Length);

        var result = Verifier(SignedAt.AddSeconds(10)).Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(SignedAt, result.SignedAt);
    }

    [Fact]
    public void The_signer_reproduces_the_official_signature()
    {
        Assert.Equal($"t={SdkTimestamp},v1={SdkSignature}", FintocWebhookSigner.Sign(Body, SdkSecret, SignedAt));
    }

    [Fact]
    public void A_modified_body_is_a_mismatch()
    {
        var tampered = Encoding.UTF8.GetBytes(SdkPayload.Replace("\"amount\":1,", "\"amount\":100,", StringComparison.Ordinal));
        Assert.NotEqual(Body.Length, tampered.Length);

        var result = Verifier(SignedAt).Verify(tampered, $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.Equal(WebhookVerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Reserialised_json_is_a_mismatch_because_the_raw_bytes_are_signed()
    {
        var pretty = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(SdkPayload).RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var result = Verifier(SignedAt).Verify(Encoding.UTF8.GetBytes(pretty), $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.Equal(WebhookVerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Another_secret_is_a_mismatch_and_the_message_names_no_secret()
    {
        var result = Verifier(SignedAt, "whsec_other_secret").Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.Equal(WebhookVerificationFailure.SignatureMismatch, result.Failure);
        Assert.DoesNotContain("whsec", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void During_rotation_the_second_secret_is_accepted()
    {
        var result = Verifier(SignedAt, "whsec_new_secret", SdkSecret).Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Any_of_several_v1_signatures_may_match()
    {
        var header = $"t={SdkTimestamp},v1={new string('0', 64)},v1={SdkSignature}";

        Assert.True(Verifier(SignedAt).Verify(Body, header).IsValid);
    }

    [Theory]
    [InlineData(301, WebhookVerificationFailure.TimestampTooOld)]
    [InlineData(-301, WebhookVerificationFailure.TimestampInFuture)]
    public void A_timestamp_outside_the_tolerance_is_refused_either_way(int secondsAfterSigning, WebhookVerificationFailure expected)
    {
        var result = Verifier(SignedAt.AddSeconds(secondsAfterSigning)).Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void The_tolerance_boundary_is_inclusive(int secondsAfterSigning)
    {
        Assert.True(Verifier(SignedAt.AddSeconds(secondsAfterSigning)).Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}").IsValid);
    }

    [Theory]
    [InlineData(300_999, true)] // floor(now) - t = 300: Fintoc's SDKs accept it, so do we
    [InlineData(301_000, false)]
    [InlineData(-300_000, true)] // t - floor(now) = 300
    [InlineData(-300_001, false)] // floor(now) = t - 301: dated 301 s ahead
    public void The_age_is_counted_in_whole_seconds_as_the_sdks_do(int millisecondsAfterSigning, bool accepted)
    {
        var result = Verifier(SignedAt.AddMilliseconds(millisecondsAfterSigning)).Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}");

        Assert.Equal(accepted, result.IsValid);
    }

    [Fact]
    public void Whitespace_around_the_parts_is_tolerated()
    {
        Assert.True(Verifier(SignedAt).Verify(Body, $" t={SdkTimestamp} , v1={SdkSignature} ").IsValid);
    }

    [Theory]
    [InlineData(null, WebhookVerificationFailure.MissingHeader)]
    [InlineData("", WebhookVerificationFailure.MissingHeader)]
    [InlineData("   ", WebhookVerificationFailure.MissingHeader)]
    [InlineData("garbage", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1743890251;v1=abc", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("=1743890251,v1=11b98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=yesterday,v1=11b98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=-5,v1=11b98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("v1=11b98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f", WebhookVerificationFailure.MissingTimestamp)]
    [InlineData("t=1743890251", WebhookVerificationFailure.MissingSignature)]
    [InlineData("t=1743890251,v0=11b98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f", WebhookVerificationFailure.MissingSignature)]
    [InlineData("t=1743890251,v1=zz98dd8f5500109246aa4d9875fad2e97d462560b012a5f50ff924411de0b0f", WebhookVerificationFailure.MalformedHeader)]
    [InlineData("t=1743890251,v1=11b98dd8", WebhookVerificationFailure.MalformedHeader)]
    public void Malformed_headers_are_refused_with_their_reason(string? header, WebhookVerificationFailure expected)
    {
        var result = Verifier(SignedAt).Verify(Body, header);

        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Without_secrets_nothing_is_accepted()
    {
        var verifier = new WebhookSignatureVerifier([], null, new FakeTimeProvider(SignedAt));

        Assert.Equal(WebhookVerificationFailure.NoSecretsConfigured, verifier.Verify(Body, $"t={SdkTimestamp},v1={SdkSignature}").Failure);
    }
}
