using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ModularPayments.Api.Errors;

namespace ModularPayments.Api.Authentication;

public static class MerchantApiKeyAuthentication
{
    public const string Scheme = "MerchantApiKey";
    public const string Policy = "Merchant";
}

public sealed class MerchantApiKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>SHA-256 of each accepted key: comparisons are constant-time and the keys themselves are not kept.</summary>
    public IReadOnlyList<byte[]> KeyHashes { get; set; } = [];

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Accepts <c>Authorization: Bearer &lt;merchant API key&gt;</c>; anything else is a 401 problem.</summary>
public sealed class MerchantApiKeyAuthenticationHandler(
    IOptionsMonitor<MerchantApiKeyOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<MerchantApiKeyOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'."));
        }

        var presented = MerchantApiKeyOptions.Hash(header[prefix.Length..].Trim());
        var matches = false;
        foreach (var hash in Options.KeyHashes)
        {
            matches |= CryptographicOperations.FixedTimeEquals(presented, hash);
        }

        if (!matches)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "merchant")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResponses.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "unauthorized",
            "Authentication required",
            failure ?? "Send your merchant API key as 'Authorization: Bearer <api key>'.");
    }
}
