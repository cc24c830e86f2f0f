using System.Net;

namespace ModularPayments.IntegrationTests;

public sealed class ApiReferenceTests
{
    [Fact]
    public async Task The_openapi_document_declares_the_merchant_bearer_scheme_and_requires_it_on_v1_and_admin()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var document = (await client.GetNodeAsync("/openapi/v1.json"))!;

        Assert.Equal("ModularPayments API", document["info"]!["title"]!.GetValue<string>());
        var scheme = document["components"]!["securitySchemes"]!["MerchantApiKey"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        foreach (var (path, operation) in new[] { ("/v1/customers", "post"), ("/v1/customers", "get"), ("/v1/customers/{id}", "get"), ("/admin/projections/{name}/rebuild", "post") })
        {
            var security = paths[path]![operation]!["security"]?.AsArray();
            Assert.True(security is not null && security.Any(r => r!.AsObject().ContainsKey("MerchantApiKey")), $"{operation} {path} should require the merchant key");
        }

        Assert.Null(paths["/health"]!["get"]!["security"]);
    }

    [Fact]
    public async Task The_api_reference_needs_no_key_and_serves_its_script_itself()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var page = await client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"scalar.js\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the embedded Scalar bundle");
        Assert.Contains(MerchantDevelopmentKeyPrefill, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_configured_merchant_keys_the_reference_prefills_no_key()
    {
        const string key = "mp_live_merchant_key_0123456789";
        using var factory = new ApiFactory(new() { ["Merchant:ApiKeys:0"] = key });
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/docs/");

        Assert.Contains("MerchantApiKey", html, StringComparison.Ordinal);
        Assert.DoesNotContain(key, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiFactory.DevelopmentKey, html, StringComparison.Ordinal);
    }

    private const string MerchantDevelopmentKeyPrefill = "\"MerchantApiKey\":{\"token\":\"" + ApiFactory.DevelopmentKey + "\"}";
}
