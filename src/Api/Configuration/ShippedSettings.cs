namespace ModularPayments.Api.Configuration;

/// <summary>
/// The appsettings files shipped beside the assembly. The content root is the working directory (so that
/// <c>dotnet run --project src/Api</c> keeps <c>./data</c> where the user stands), which leaves the shipped files
/// unread when the service starts from anywhere else; they are added here as the lowest-precedence source, under
/// any appsettings.json in the working directory, environment variables and the command line.
/// </summary>
public static class ShippedSettings
{
    public static void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var shippedDirectory = Path.GetFullPath(AppContext.BaseDirectory);
        var contentRoot = Path.GetFullPath(builder.Environment.ContentRootPath);
        if (string.Equals(Path.TrimEndingDirectorySeparator(shippedDirectory), Path.TrimEndingDirectorySeparator(contentRoot), StringComparison.Ordinal))
        {
            return; // The host already reads them.
        }

        var files = new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" };
        for (var i = 0; i < files.Length; i++)
        {
            builder.Configuration.Sources.Insert(i, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = files[i],
                Optional = true,
                ReloadOnChange = false,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(shippedDirectory),
            });
        }
    }
}
