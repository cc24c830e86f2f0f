namespace ModularPayments.Api.Webhooks;

/// <summary>How old (or how far ahead) a <c>Fintoc-Signature</c> timestamp may be: <c>Fintoc:WebhookToleranceSeconds</c>, 300 by default as in Fintoc's SDKs.</summary>
public sealed record WebhookSettings(TimeSpan Tolerance);
