namespace ModularPayments.Fintoc.Simulator.HostedPages;

/// <summary>The Fintoc-hosted pages a payer sees: the setup checkout and the subscription authorization.</summary>
internal static class HostedPageEndpoints
{
    public static void Map(IEndpointRouteBuilder root)
    {
        root.MapGet("/checkout/{id}", (string id) => Results.Content($"<html><body><h1>Checkout {System.Net.WebUtility.HtmlEncode(id)}</h1></body></html>", "text/html"));
    }
}
