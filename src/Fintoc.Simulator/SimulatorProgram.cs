namespace ModularPayments.Fintoc.Simulator;

/// <summary>Standalone simulator: <c>dotnet run --project src/Fintoc.Simulator</c> serves it on http://localhost:5080/simulator.</summary>
public static class SimulatorProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }

        builder.Services.AddFintocSimulator(builder.Configuration.GetSection(SimulatorOptions.SectionName));
        var app = builder.Build();
        app.MapFintocSimulator();
        app.MapGet("/", () => Results.Redirect("/simulator/test-helpers/clock"));
        await app.RunAsync().ConfigureAwait(false);
    }
}
