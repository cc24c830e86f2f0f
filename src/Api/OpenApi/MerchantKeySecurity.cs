using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ModularPayments.Api.Authentication;

namespace ModularPayments.Api.OpenApi;

/// <summary>
/// Describes the merchant key (<c>Authorization: Bearer &lt;key&gt;</c>) in the OpenAPI document: one HTTP bearer
/// scheme, required by every operation whose endpoint requires authorization (/v1 and /admin).
/// </summary>
public static class MerchantKeySecurity
{
    public const string SchemeId = MerchantApiKeyAuthentication.Scheme;

    public static OpenApiOptions AddMerchantKeySecurity(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "merchant API key",
                Description = "Your merchant API key (Merchant:ApiKeys). With the Fintoc simulator and no key configured, the development key `mp_dev_local_simulator_only` is accepted.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
