using ModularPayments.Api.Configuration;
using Scalar.AspNetCore;

namespace ModularPayments.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and Scalar's interactive reference over it at <c>/docs</c>.</summary>
public static class ApiReference
{
    public const string Path = "/docs";
    public const string Title = "ModularPayments API";

    public static void AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = Title;
                document.Info.Description = "The merchant API of ModularPayments: customers, and the operations endpoints. Send your merchant key as `Authorization: Bearer <key>`.";
                return Task.CompletedTask;
            })
            .AddMerchantKeySecurity());

    public static void MapApiReference(this WebApplication app, StartupConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        app.MapOpenApi().AllowAnonymous();
        // Scalar serves its script from the package's embedded assets; with its web fonts, AI agent, telemetry and
        // hosted developer tools off, the page makes no request beyond this service and works offline.
        app.MapScalarApiReference(Path, options =>
            {
                options.WithTitle(Title)
                    .DisableDefaultFonts()
                    .DisableAgent()
                    .DisableTelemetry()
                    .HideDeveloperTools()
                    .ExpandAllTags()
                    .AddPreferredSecuritySchemes(MerchantKeySecurity.SchemeId);
                if (settings.UsesDevelopmentApiKey)
                {
                    // Only the documented simulator-only key, and only while it is the one accepted.
                    options.AddHttpAuthentication(MerchantKeySecurity.SchemeId, scheme => scheme.WithToken(MerchantOptions.DevelopmentApiKey));
                }
            })
            .AllowAnonymous();
    }
}
