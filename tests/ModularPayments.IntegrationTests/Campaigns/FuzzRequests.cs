using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ModularPayments.IntegrationTests.Campaigns;

public enum SignatureKind
{
    None,
    Garbage,
    WrongSecret,
    Valid,
}

/// <summary>One generated request. <see cref="Signature"/> is computed when it is sent (it needs the service's clock).</summary>
public sealed record FuzzRequest(
    string Method,
    string Path,
    string Query,
    string? Authorization,
    string? IdempotencyKey,
    string? ContentType,
    SignatureKind Signature,
    byte[]? Body)
{
    /// <summary>The scheme is case-insensitive (RFC 9110), the key is not.</summary>
    public bool HasDevelopmentKey => Authorization is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value["Bearer ".Length..].Trim() == ApiFactory.DevelopmentKey;

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 400 ? $"{Body.Length} bytes: {Printable(Body[..400])}..." : Printable(Body);
        return $"{Method} {Path}{Query} auth={Authorization ?? "-"} idem={IdempotencyKey ?? "-"} ct={ContentType ?? "-"} sig={Signature} body={body}";
    }

    private static string Printable(byte[] bytes) => string.Concat(Encoding.UTF8.GetString(bytes).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

/// <summary>FsCheck generators for hostile requests: random JSON, wrong types, huge numbers, deep nesting, unicode, invalid UTF-8.</summary>
public static class FuzzRequests
{
    private static readonly string[] FieldNames =
    [
        "name", "email", "tax_id", "type", "value", "metadata", "customer_id", "currency", "success_url", "cancel_url",
        "payment_method_types", "id", "object", "data", "mode", "created_at", "amount", "status", "enabled_events", "url",
        "seconds", "until", "fail", "rate", "holder_id", "number", "cvc", "x", "",
    ];

    private static readonly string[] QueryKeys = ["limit", "starting_after", "email", "tax_id", "customer_id", "status", "type", "page", "per_page", "since", "x"];

    public static Gen<string> Text { get; } = Gen.OneOf(
        Gen.Elements(
            "", " ", "a", "null", "true", "0", "-1", "1e309", "99999999999999999999999999", "mp_cus_00000000000000000000000000000000",
            "mp_setup_ffffffffffffffffffffffffffffffff", "mp_pm_0123456789abcdef0123456789abcdef", "cus_123", "CLP", "MXN", "pac", "card",
            "12.345.678-5", "AAA010101AAA", "jon@example.com", "https://example.com/ok", "javascript:alert(1)", "ñandú 🦙 \u202e", "\u0000",
            "\ud800", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>", "customer_registry", "webhooks", "received", "parked"),
        Gen.Choose(0, 0x10FFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32).ListOf().Select(s => string.Concat(s)),
        Gen.Choose(1000, 70_000).Select(n => new string('a', n)));

    private static Gen<string> Number { get; } = Gen.Elements(
        "0", "-0", "1", "-1", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e308", "1e309", "-1e309",
        "1.5", "1e-400", "123456789012345678901234567890123456789", "0.0000000000000000000001", "3.14e+100");

    /// <summary>Random JSON text of bounded depth (deep nesting is its own case below).</summary>
    public static Gen<string> JsonValue(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, JsonValue(depth - 1).ListOf().Select(items => "[" + string.Join(",", items.Take(8)) + "]")),
            (2, Gen.Zip(Gen.Elements(FieldNames).Or(Text), JsonValue(depth - 1)).ListOf().Select(members => "{" + string.Join(",", members.Take(8).Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}")));

    private static Gen<string> Scalar { get; } = Gen.OneOf(
        Gen.Elements("null", "true", "false", "{}", "[]", "\"\""),
        Number,
        Text.Select(Quote));

    /// <summary>A known-good body with one field replaced, removed or added.</summary>
    public static Gen<string> Mutated(IReadOnlyDictionary<string, string> valid) =>
        Gen.Elements(valid.Keys.ToArray()).SelectMany(field => Gen.OneOf(
            JsonValue(2).Select(value => Render(valid, field, value)),
            Gen.Constant(Render(valid, field, null)),
            Gen.Zip(Gen.Elements(FieldNames).Or(Text), JsonValue(1)).Select(extra => Render(valid, null, null, extra))));

    private static Gen<byte[]> Body(IReadOnlyList<IReadOnlyDictionary<string, string>> valid) => Gen.Frequency(
        (1, Gen.Constant<byte[]>([])),
        (4, JsonValue(3).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Choose(1, 3000).Select(depth => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth))))),
        (1, Gen.Choose(1, 3000).Select(depth => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)))),
        (1, InvalidUtf8),
        (1, Gen.Elements("not json", "{", "}", "{\"email\":", "[1,2", "{'a':1}", "{\"a\":1}{\"b\":2}", "\"\\ud800\"", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}").Select(Encoding.UTF8.GetBytes)),
        (valid.Count == 0 ? 0 : 6, valid.Count == 0 ? Gen.Constant<byte[]>([]) : Gen.Elements(valid.ToArray()).SelectMany(Mutated).Select(Freshen).Select(Encoding.UTF8.GetBytes)),
        (valid.Count == 0 ? 0 : 3, valid.Count == 0 ? Gen.Constant<byte[]>([]) : Gen.Elements(valid.ToArray()).Select(v => Freshen(Render(v, null, null))).Select(Encoding.UTF8.GetBytes)));

    /// <summary>New email, RUT and Fintoc event id in each body, so that valid bodies are not all the same request.</summary>
    private static string Freshen(string body)
    {
        var unique = Guid.NewGuid().ToString("N");
        return body.Replace("fuzz@example.com", $"fuzz-{unique}@example.com", StringComparison.Ordinal)
            .Replace("12.345.678-5", TestRuts.Next(), StringComparison.Ordinal)
            .Replace("evt_fuzz_", $"evt_fuzz_{unique}_", StringComparison.Ordinal);
    }

    private static Gen<byte[]> InvalidUtf8 { get; } = Gen.Elements<byte[]>(
        [0xFF, 0xFE, 0xFD], [0xC3, 0x28], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80])
        .Select(bad => Encoding.UTF8.GetBytes("{\"email\":\"").Concat(bad).Concat(Encoding.UTF8.GetBytes("@example.com\",\"name\":\"")).Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray());

    private static Gen<string?> Authorization { get; } = Gen.Frequency(
        (6, Gen.Constant<string?>("Bearer " + ApiFactory.DevelopmentKey)),
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Elements<string?>("Bearer", "Bearer ", "bearer " + ApiFactory.DevelopmentKey, "Basic YWRtaW46Y2hhbmdlaXQ=", "Bearer mp_live_0000000000000000", "Bearer " + new string('k', 9000), "Bearer ñ", "sk_test_123")));

    /// <summary>The simulator's API takes Fintoc's secret key, not ours.</summary>
    private static Gen<string?> SimulatorAuthorization { get; } = Gen.Frequency(
        (6, Gen.Constant<string?>("Bearer sk_test_simulator")),
        (1, Gen.Constant<string?>("sk_test_simulator")),
        (1, Authorization));

    private static Gen<string?> IdempotencyKey { get; } = Gen.Frequency(
        (3, Gen.Constant<string?>(null)),
        (3, Gen.Fresh(() => (string?)Guid.NewGuid().ToString("N"))),
        (1, Gen.Elements<string?>("", " ", "a", "same-key-for-everyone", new string('k', 300), new string('k', 5000), "ключ-🦙", "a\tb")));

    private static Gen<string?> ContentType { get; } = Gen.Frequency(
        (8, Gen.Constant<string?>("application/json")),
        (1, Gen.Elements<string?>(null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=latin1", "multipart/form-data; boundary=x", "%%%", "application/*+json")));

    private static Gen<string> Query { get; } = Gen.Frequency(
        (2, Gen.Constant(string.Empty)),
        (3, Gen.Zip(Gen.Elements(QueryKeys).Or(Text), Gen.OneOf(Text, Number)).ListOf().Select(pairs =>
            "?" + string.Join("&", pairs.Take(5).Select(p => Uri.EscapeDataString(Cut(p.Item1)) + "=" + Uri.EscapeDataString(Cut(p.Item2)))))),
        (1, Gen.Elements("?limit=", "?limit=0", "?limit=101", "?limit=-1", "?limit=1e3", "?limit=99999999999999999999", "?&&&", "?=", "?%ZZ=1", "?email=%FF", "?limit=1&limit=2")));

    private static Gen<string> Segment { get; } = Gen.OneOf(
        Text.Select(t => Uri.EscapeDataString(Cut(t))),
        Gen.Elements("mp_cus_0123456789abcdef0123456789abcdef", "mp_setup_0123456789abcdef0123456789abcdef", "mp_pm_0123456789abcdef0123456789abcdef",
            "customer_registry", "webhooks", "evt_00000000", "cs_123", "cus_1", "pm_1", "%FF", "%00", "..", "%2e%2e", "a%2Fb"));

    /// <summary>Requests for one route: its template with each parameter filled in, any of its methods.</summary>
    public static Gen<FuzzRequest> For(string template, IReadOnlyList<string> methods, IReadOnlyList<IReadOnlyDictionary<string, string>> validBodies, bool isWebhook)
    {
        var path = Gen.Zip(Segment.ListOf(4), Segment.ListOf(3)).Select(segments => Fill(template, segments.Item1, segments.Item2));
        var signature = isWebhook
            ? Gen.Frequency((3, Gen.Constant(SignatureKind.Valid)), (1, Gen.Constant(SignatureKind.None)), (1, Gen.Constant(SignatureKind.Garbage)), (1, Gen.Constant(SignatureKind.WrongSecret)))
            : Gen.Frequency((9, Gen.Constant(SignatureKind.None)), (1, Gen.Constant(SignatureKind.Garbage)));
        return
            from method in Gen.Elements(methods.ToArray())
            from p in path
            from query in Query
            from authorization in template.StartsWith("/simulator/v", StringComparison.Ordinal) ? SimulatorAuthorization : Authorization
            from idempotencyKey in IdempotencyKey
            from contentType in ContentType
            from sig in signature
            from body in Body(validBodies)
            select new FuzzRequest(method, p, query, authorization, idempotencyKey, method is "GET" or "DELETE" && body.Length > 0 && body[0] != (byte)'{' ? null : contentType, sig, method == "GET" ? null : body);
    }

    private static string Fill(string template, IReadOnlyList<string> segments, IReadOnlyList<string> rest)
    {
        var builder = new StringBuilder();
        var index = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                builder.Append(template[i]);
                continue;
            }

            var close = template.IndexOf('}', i);
            var catchAll = template[i + 1] == '*';
            builder.Append(catchAll ? string.Join('/', rest) : segments[index++ % Math.Max(1, segments.Count)] is { Length: > 0 } s ? s : "x");
            i = close;
        }

        return builder.ToString();
    }

    private static string Render(IReadOnlyDictionary<string, string> valid, string? replace, string? with, (string Key, string Value)? extra = null)
    {
        var members = valid.Where(m => m.Key != replace || with is not null).Select(m => Quote(m.Key) + ":" + (m.Key == replace ? with : m.Value)).ToList();
        if (extra is { } added)
        {
            members.Add(Quote(added.Key) + ":" + added.Value);
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static string Describe(int seed, int size) => string.Create(CultureInfo.InvariantCulture, $"seed {seed}, size {size}");
}
